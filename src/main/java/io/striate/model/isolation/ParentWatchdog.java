package io.striate.model.isolation;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs in a child JVM: ends the child as soon as its parent is gone. The parent holds the write end of the child's
 * stdin pipe and never closes it while it waits; when the parent dies (even by {@code kill -9}) the operating system
 * closes the pipe, the read here returns end-of-file, and the child halts ({@value #EXIT_PARENT_GONE}) instead of
 * running an untrusted model for nobody.
 */
public final class ParentWatchdog {
  /** Exit status of a child whose parent disappeared. */
  public static final int EXIT_PARENT_GONE = 70;

  private ParentWatchdog() {
  }

  /** Starts the watchdog thread on {@code System.in}. */
  public static void start() {
    start(System.in);
  }

  static void start(InputStream parentPipe) {
    Thread t = new Thread(() -> {
      try {
        byte[] sink = new byte[64];
        while (parentPipe.read(sink) >= 0) {
          // the parent never writes; any bytes are ignored
        }
      } catch (IOException e) {
        // a broken pipe means the same: the parent is gone
      }
      Runtime.getRuntime().halt(EXIT_PARENT_GONE);
    }, "striate-parent-watchdog");
    t.setDaemon(true);
    t.start();
  }
}
