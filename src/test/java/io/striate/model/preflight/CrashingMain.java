package io.striate.model.preflight;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A stand-in for a model that crashes libtorch: {@code getGradientFunctionNames} on a tensor without
 * {@code grad_fn} dereferences a null pointer in the 0.36 JNI (notes/djl.md §1.9), a real SIGSEGV.
 */
public final class CrashingMain {
  private CrashingMain() {
  }

  public static void main(String[] args) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      PtNDArray x = (PtNDArray) manager.ones(new Shape(2));
      System.out.println(JniUtils.getGradientFunctionNames(x));
    }
  }
}
