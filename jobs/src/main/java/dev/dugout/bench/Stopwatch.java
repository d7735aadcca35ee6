package dev.dugout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a body several times; medians and the process's peak resident memory (Linux). */
final class Stopwatch {
  private Stopwatch() {}

  /** The median and each run's seconds (in run order, to three decimals), and the peak RSS. */
  record Measured(double medianSeconds, double peakRssMb, List<Double> runSeconds) {}

  static Measured measure(int runs, Runnable body) {
    resetPeakRss();
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      body.run();
      seconds.add((System.nanoTime() - start) / 1e9);
    }
    List<Double> inOrder = seconds.stream().map(s -> Math.round(s * 1000) / 1000.0).toList();
    seconds.sort(null);
    double median = seconds.size() % 2 == 1 ? seconds.get(seconds.size() / 2)
        : (seconds.get(seconds.size() / 2 - 1) + seconds.get(seconds.size() / 2)) / 2;
    return new Measured(median, peakRssMb(), inOrder);
  }

  /** Peak resident set size of this process since the last reset (VmHWM), or NaN off Linux. */
  static double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  /** Writing 5 to clear_refs resets VmHWM, so each figure reports its own peak. */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | UnsupportedOperationException e) {
      // not Linux, or not allowed: the peak then covers the whole process so far
    }
  }
}
