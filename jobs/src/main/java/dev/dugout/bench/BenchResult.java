package dev.dugout.bench;

import java.util.Map;

/**
 * One benchmark figure, as every {@code dugout bench} command prints it and writes it with
 * {@code --json}: the median of the runs, the baseline's median measured in the same run, their
 * ratio (baseline / figure: above 1 means faster than the baseline), and the peak memory.
 */
public record BenchResult(String name, double medianSeconds, double baselineSeconds,
    double peakRssMb, Map<String, Object> params) {

  public double ratio() {
    return baselineSeconds / medianSeconds;
  }

  /** The JSON object of the bench contract. */
  public Map<String, Object> asJson() {
    Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("name", name);
    json.put("median_s", round(medianSeconds));
    json.put("baseline_s", round(baselineSeconds));
    json.put("ratio", round(ratio()));
    json.put("peak_rss_mb", Math.round(peakRssMb));
    json.put("params", params);
    return json;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
