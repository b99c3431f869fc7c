package io.striate.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedShuffleSplitTest {
  @Test
  void brainScoreSizesAndStrataForThePublicAndPrivateSets() {
    // spec §6.4 (sklearn rule n_train = floor(0.9 N)): public 121/14, private 283/32
    for (int[] c : new int[][] {{135, 121, 14}, {315, 283, 32}}) {
      int n = c[0];
      String[] labels = IntStream.range(0, n).mapToObj(i -> i % 2 == 0 ? "texture" : "noise").toArray(String[]::new);
      List<StratifiedShuffleSplit.Split> splits = StratifiedShuffleSplit.splits(labels, 10, 0.9, 1);
      assertThat(splits).hasSize(10);
      for (StratifiedShuffleSplit.Split s : splits) {
        assertThat(s.train()).hasSize(c[1]);
        assertThat(s.test()).hasSize(c[2]);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, n).toArray());
        long textures = Arrays.stream(s.test()).filter(i -> i % 2 == 0).count();
        assertThat(textures).isBetween((long) Math.floor(c[2] * 0.5 * (n + 1) / n) - 1, (long) c[2] / 2 + 1);
      }
      assertThat(splits.get(0).test()).isNotEqualTo(splits.get(1).test());
      assertThat(StratifiedShuffleSplit.splits(labels, 10, 0.9, 1).get(3).test()).isEqualTo(splits.get(3).test());
    }
  }
}
