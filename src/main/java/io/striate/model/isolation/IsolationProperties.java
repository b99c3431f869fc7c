package io.striate.model.isolation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the processes that run untrusted models on behalf of API requests, bound from
 * {@code striate.runtime.isolation.*}.
 *
 * @param preflightProcesses  upload checks run at once (each a child JVM of about 300 MiB)
 * @param activationProcesses activation requests run at once
 * @param queueLimit          requests that may wait for a slot (per pool); beyond it: 503 {@code busy}
 * @param queueWait           longest wait for a slot; then 503 {@code busy} with this as Retry-After
 * @param activationsIsolated run activation requests in a child JVM (killed past the time budget); false runs them
 *                            on this JVM's inference threads, still bounded by the pool and the budget
 * @param activationTimeout   time budget of one activation request (model load and forward passes)
 * @param childHeap           {@code -Xmx} of an activation child JVM
 */
@ConfigurationProperties("striate.runtime.isolation")
public record IsolationProperties(@DefaultValue("2") int preflightProcesses,
                                  @DefaultValue("2") int activationProcesses,
                                  @DefaultValue("8") int queueLimit,
                                  @DefaultValue("30s") Duration queueWait,
                                  @DefaultValue("true") boolean activationsIsolated,
                                  @DefaultValue("60s") Duration activationTimeout,
                                  @DefaultValue("1g") String childHeap) {
}
