package io.striate.model.preflight;

/** A stand-in for a model whose forward pass never returns. */
public final class HangingMain {
  private HangingMain() {
  }

  public static void main(String[] args) throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
  }
}
