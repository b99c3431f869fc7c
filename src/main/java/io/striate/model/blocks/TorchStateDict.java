package io.striate.model.blocks;

import java.util.Map;

/**
 * A biological block that loads the {@code state_dict} of its PyTorch counterpart as it is: the same entry names
 * (relative to the module) and tensor layouts, derived buffers accepted and checked. Implemented by every block of
 * this package, so weights trained with gpogoncheff/explaining_v1 or VOneNet load without hand edits.
 */
public interface TorchStateDict {
  /** The accepted entries by name, valid once the block is initialised (shapes depend on the input). */
  Map<String, TorchEntry> torchEntries();
}
