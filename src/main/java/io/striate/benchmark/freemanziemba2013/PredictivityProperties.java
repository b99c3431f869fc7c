package io.striate.benchmark.freemanziemba2013;

import io.striate.benchmark.metrics.CeilingNormalisation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the neural-predictivity benchmarks, bound from {@code striate.predictivity.*}.
 *
 * @param normalisation how a raw score becomes a ceiled one: {@code V3} (r²/c, benchmark version 3, Brain-Score's
 *                      current definition and the default) or the named variant {@code V2} ((r/c)², version 2, the
 *                      2023 paper's)
 */
@ConfigurationProperties("striate.predictivity")
public record PredictivityProperties(@DefaultValue("V3") CeilingNormalisation normalisation) {
}
