package dev.dugout.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchResultTest {
  @Test
  void jsonFollowsTheBenchContract() {
    BenchResult r = new BenchResult("x", 2.0, 5.0, 1234.4, Map.of("entries", 10));
    assertThat(r.asJson()).containsOnlyKeys("name", "median_s", "baseline_s", "ratio",
        "peak_rss_mb", "params");
    assertThat(r.asJson().keySet()).containsExactly("name", "median_s", "baseline_s", "ratio",
        "peak_rss_mb", "params");
    assertThat(r.asJson()).containsEntry("ratio", 2.5).containsEntry("peak_rss_mb", 1234L);
  }

  @Test
  void medianOfAnOddAndAnEvenNumberOfRuns() {
    int[] calls = {0};
    double[] durations = {0.03, 0.01, 0.02};
    Stopwatch.Measured m = Stopwatch.measure(3, () -> sleep(durations[calls[0]++]));
    assertThat(m.medianSeconds()).isBetween(0.02, 0.029);
  }

  private static void sleep(double seconds) {
    try {
      Thread.sleep((long) (seconds * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
