package dev.dugout.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points worked out by hand from the real scorecards (src/test/resources/expected/: the .md has
 * the working, the .csv one column per rule). Made from the spec and the raw files only.
 */
public final class HandWorkedPoints {
  private HandWorkedPoints() {}

  /** One player's expected points: {@code columns} maps rule keys (and "points") to values. */
  public record Expected(String matchId, String playerId, String name,
      Map<String, BigDecimal> columns) {
    public BigDecimal points() {
      return columns.get("points");
    }

    public boolean inPool() {
      return columns.get("pool").signum() != 0;
    }

    @Override
    public String toString() {
      return matchId + " " + name;
    }
  }

  public static List<Expected> load() {
    try (InputStream in = HandWorkedPoints.class.getResourceAsStream(
        "/expected/hand-worked-points.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
      String[] header = lines.get(0).split(",");
      List<Expected> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        Map<String, BigDecimal> columns = new LinkedHashMap<>();
        for (int i = 3; i < header.length; i++) {
          columns.put(header[i], new BigDecimal(cells[i]));
        }
        rows.add(new Expected(cells[0], cells[1], cells[2], columns));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
