package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One entry of a PyTorch module's {@code state_dict} as a Striate block accepts it: either a parameter to load
 * ({@code target}, with the accepted shapes and the conversion from PyTorch's layout to the block's), a derived buffer
 * ({@code derived}: recomputed by the block, the uploaded value must equal it within {@code tolerance} relative to
 * {@code max(1, |expected|)}), or an entry that is accepted and ignored (both null, e.g. batch norm's
 * {@code num_batches_tracked}).
 *
 * @param shapes    accepted shapes, the first is PyTorch's
 * @param layout    the layout hint shown when the shape differs, e.g. {@code (1, O, C, Ho, Wo, k²)}
 * @param target    the parameter loaded from the entry, or null
 * @param convert   PyTorch layout → the parameter's layout (identity when they agree)
 * @param derived   the value the block derives itself, or null
 * @param tolerance allowed relative difference of a derived buffer
 */
public record TorchEntry(List<Shape> shapes, String layout, Parameter target, UnaryOperator<NDArray> convert,
                         Function<NDManager, NDArray> derived, double tolerance) {

  /** A parameter stored with PyTorch's shape and layout (the block's own). */
  public static TorchEntry parameter(Parameter target, String layout) {
    return new TorchEntry(List.of(target.getArray().getShape()), layout, target, a -> a, null, 0);
  }

  /** A parameter with additional accepted shapes converted by {@code convert}. */
  public static TorchEntry parameter(Parameter target, String layout, List<Shape> shapes,
                                     UnaryOperator<NDArray> convert) {
    return new TorchEntry(shapes, layout, target, convert, null, 0);
  }

  /** A buffer the block derives from its configuration; an upload must carry the same values. */
  public static TorchEntry derived(Shape shape, String layout, Function<NDManager, NDArray> value, double tolerance) {
    return new TorchEntry(List.of(shape), layout, null, null, value, tolerance);
  }

  /** An entry accepted in any of {@code shapes} and ignored (bookkeeping such as batch counters). */
  public static TorchEntry ignored(String layout, Shape... shapes) {
    return new TorchEntry(List.of(shapes), layout, null, null, null, 0);
  }

  /** Tolerance for buffers PyTorch keeps in float16: half an fp16 ulp is 2⁻¹¹ relative, plus float32 rounding. */
  public static final double FLOAT16_TOLERANCE = 1e-3;
  /** Tolerance for float32 buffers computed the same way. */
  public static final double FLOAT32_TOLERANCE = 1e-6;
}
