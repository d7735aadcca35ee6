package dev.dugout.landing;

import dev.dugout.cricsheet.CricsheetMatch;
import dev.dugout.cricsheet.CricsheetParser;
import dev.dugout.leaderboard.live.LiveOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code dugout replay cricsheet}: sends a real match as a live feed, in order, at a chosen speed
 * ({@code 60x}: a delivery every {@value LiveOptions#NOMINAL_DELIVERY_SECONDS} / 60 seconds;
 * {@code max}: as fast as the writer goes). Files are flushed about once a second, so a landing
 * job sees the match arrive in pieces as it would from a feed.
 */
public final class ReplayCricsheet {
  private ReplayCricsheet() {}

  public record Result(String matchId, int events, int deliveries, long millis) {}

  public static Result replay(Path file, FeedWriter writer, double speed, PrintStream out) {
    CricsheetMatch match;
    try {
      match = CricsheetParser.parse(file.getFileName().toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<CricsheetFeed.FeedEvent> events = CricsheetFeed.events(match);
    long gapNanos = Double.isInfinite(speed) ? 0
        : (long) (LiveOptions.NOMINAL_DELIVERY_SECONDS / speed * 1e9);
    long start = System.nanoTime();
    long lastFlush = start;
    int deliveries = 0;
    for (CricsheetFeed.FeedEvent e : events) {
      if (e.delivery()) {
        deliveries++;
        pause(start + gapNanos * deliveries - System.nanoTime());
      }
      writer.send(e.key(), e.json(Instant.now()));
      if (System.nanoTime() - lastFlush > 1_000_000_000L || !e.delivery()) {
        writer.flush();
        lastFlush = System.nanoTime();
      }
      if (!e.delivery()) {
        out.println("  " + e.type().wireName() + " " + e.payload().get("status").asText());
      }
    }
    writer.flush();
    return new Result(match.matchId(), events.size(), deliveries,
        (System.nanoTime() - start) / 1_000_000);
  }

  private static void pause(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("replay interrupted", e);
    }
  }
}
