package io.striate.model.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident-set size of this process from Linux's {@code /proc/self/status}: {@code VmRSS} now and {@code VmHWM}, the
 * peak since the last reset ({@code echo 5 > /proc/self/clear_refs} resets the peak to the current size). Native
 * allocations of PyTorch's CPU allocator are part of the resident set, so the peak growth over a forward pass is the
 * memory that pass really needed. Empty where the files do not exist (other systems) or cannot be written.
 */
final class ResidentMemory {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private ResidentMemory() {
  }

  /** Resets the peak to the current resident size; returns that size in bytes. */
  static OptionalLong resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return OptionalLong.empty();
    }
    return field("VmRSS:");
  }

  /** Peak resident size since the last reset, bytes. */
  static OptionalLong peak() {
    return field("VmHWM:");
  }

  private static OptionalLong field(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024L); // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
