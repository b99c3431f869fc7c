package io.striate.account;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-token token bucket: {@code capacity} requests per minute, refilled continuously.
 * Held in memory per process (each API replica limits independently).
 */
class RateLimiter {
  private final int perMinute;
  private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Returns 0 when the request may pass, else the seconds to wait before the next one is allowed. */
  long acquire(long tokenId, long nowNanos) {
    if (perMinute <= 0) {
      return 0;
    }
    return buckets.computeIfAbsent(tokenId, id -> new Bucket(perMinute, nowNanos)).take(nowNanos);
  }

  private static final class Bucket {
    private final double capacity;
    private final double perNano;
    private double available;
    private long last;

    Bucket(int perMinute, long now) {
      this.capacity = perMinute;
      this.perNano = perMinute / 60e9;
      this.available = perMinute;
      this.last = now;
    }

    synchronized long take(long now) {
      available = Math.min(capacity, available + (now - last) * perNano);
      last = now;
      if (available >= 1) {
        available -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - available) / perNano / 1e9);
    }
  }
}
