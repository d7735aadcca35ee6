package dev.dugout.landing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code dugout land}.
 *
 * @param source where events come from
 * @param location a landing directory or S3 prefix of JSON-lines files (files), or the bootstrap
 *     servers (kafka)
 * @param topics Kafka topics (kafka only)
 * @param every trigger interval; null with {@code availableNow}
 * @param availableNow land everything available now, in as many batches as the limits make, then
 *     stop: the scheduled catch-up run
 * @param maxPerTrigger files (files) or offsets (kafka) per micro-batch; 0 for no limit
 * @param checkpoint the streaming checkpoint: where the job's progress survives a crash
 * @param stopWhenIdle with {@code every}: stop after this long without new input (null: never)
 * @param untilComplete with {@code every}: stop once this match's COMPLETED or ABANDONED status
 *     has landed (null: never); the live landing of a match day
 */
public record LandOptions(Source source, String location, List<String> topics, Duration every,
    boolean availableNow, long maxPerTrigger, String checkpoint, Duration stopWhenIdle,
    String untilComplete) {

  public LandOptions(Source source, String location, List<String> topics, Duration every,
      boolean availableNow, long maxPerTrigger, String checkpoint, Duration stopWhenIdle) {
    this(source, location, topics, every, availableNow, maxPerTrigger, checkpoint, stopWhenIdle,
        null);
  }

  public enum Source { FILES, KAFKA }

  public LandOptions {
    if (availableNow == (every != null)) {
      throw new IllegalArgumentException("land: give exactly one of --every and --available-now");
    }
    if (every != null && (every.isNegative() || every.isZero())) {
      throw new IllegalArgumentException("land: --every must be positive; was " + every);
    }
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(source == Source.FILES
          ? "land --source files: --path is required" : "land --source kafka: --bootstrap-servers"
              + " is required");
    }
    if (source == Source.KAFKA && (topics == null || topics.isEmpty())) {
      throw new IllegalArgumentException("land --source kafka: --topic is required");
    }
    topics = topics == null ? List.of() : List.copyOf(topics);
    if (untilComplete != null && availableNow) {
      throw new IllegalArgumentException("land: --until-complete goes with --every");
    }
    if (maxPerTrigger < 0) {
      throw new IllegalArgumentException("land: --max-per-trigger must not be negative");
    }
  }

  public String sourceName() {
    return source.name().toLowerCase(java.util.Locale.ROOT);
  }

  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("source", sourceName());
    map.put("location", location);
    if (!topics.isEmpty()) {
      map.put("topics", String.join(",", topics));
    }
    map.put("trigger", availableNow ? "available-now" : every.toString());
    map.put("max_per_trigger", String.valueOf(maxPerTrigger));
    map.put("checkpoint", checkpoint);
    if (stopWhenIdle != null) {
      map.put("stop_when_idle", stopWhenIdle.toString());
    }
    if (untilComplete != null) {
      map.put("match", untilComplete);
    }
    return map;
  }
}
