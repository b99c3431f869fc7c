package io.striate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This process's resident memory as Linux counts it in {@code /proc/self/status}: {@code VmRSS} (now) and
 * {@code VmHWM} (the peak since start or since the last {@link #resetPeak}). The resident set is the heap plus
 * everything {@code -Xmx} does not bound: PyTorch's native tensors, loaded TorchScript modules, thread stacks, the
 * allocator's free lists. Resetting the kernel's peak ({@code echo 5 > /proc/self/clear_refs}) lets a worker measure
 * one job's peak; {@link #lifetimePeak} keeps the process-wide peak across resets. Empty where there is no procfs.
 */
public final class ResidentSet {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final AtomicLong PEAK_BEFORE_RESETS = new AtomicLong();

  private ResidentSet() {
  }

  /** {@code VmRSS} in bytes. */
  public static OptionalLong current() {
    return field("VmRSS:");
  }

  /** {@code VmHWM} in bytes: the peak since start or since the last reset. */
  public static OptionalLong peak() {
    return field("VmHWM:");
  }

  /** The peak since the process started, across {@link #resetPeak} calls. */
  public static OptionalLong lifetimePeak() {
    OptionalLong now = peak();
    return now.isPresent() ? OptionalLong.of(Math.max(now.getAsLong(), PEAK_BEFORE_RESETS.get())) : now;
  }

  /** Resets {@code VmHWM} to the current resident size (remembering the old peak); false where unsupported. */
  public static boolean resetPeak() {
    OptionalLong before = peak();
    if (before.isEmpty()) {
      return false;
    }
    PEAK_BEFORE_RESETS.accumulateAndGet(before.getAsLong(), Math::max);
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /**
   * Returns the C heap's free memory to the kernel (glibc {@code malloc_trim(0)}): after a forward pass PyTorch's
   * freed buffers stay resident in the allocator's arenas until then. False where there is no glibc.
   */
  public static boolean trimNativeHeap() {
    try {
      com.sun.jna.Function trim = com.sun.jna.NativeLibrary.getInstance("c").getFunction("malloc_trim");
      return trim.invokeInt(new Object[] {0}) == 1;
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  private static OptionalLong field(String name) {
    try {
      List<String> lines = Files.readAllLines(STATUS);
      for (String line : lines) {
        if (line.startsWith(name)) {
          return OptionalLong.of(Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024L);
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
