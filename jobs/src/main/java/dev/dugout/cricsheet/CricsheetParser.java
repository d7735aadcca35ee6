package dev.dugout.cricsheet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dugout.cricsheet.CricsheetMatch.PoolEntry;
import dev.dugout.scoring.Delivery;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Cricsheet match JSON, formats 1.0.0, 1.1.0 and 1.2.0. It looks at which keys are present
 * rather than at {@code data_version} (the formats differ only by added keys), and fails on the
 * first problem with the file and the JSON path of the offending value.
 */
public final class CricsheetParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String file;
  private final Map<String, String> registry = new HashMap<>();
  /** Player name -> pool entry; names are unique within a match. */
  private final Map<String, PoolEntry> poolByName = new LinkedHashMap<>();

  private CricsheetParser(String file) {
    this.file = file;
  }

  /**
   * @param file the file's name, which gives the match id ({@code 1370353.json} -> {@code 1370353})
   */
  public static CricsheetMatch parse(String file, String json) {
    return new CricsheetParser(file).parse(json);
  }

  /** The match id a file name stands for. */
  public static String matchIdOf(String fileName) {
    String base = fileName.substring(fileName.lastIndexOf('/') + 1);
    return base.endsWith(".json") ? base.substring(0, base.length() - 5) : base;
  }

  private CricsheetMatch parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CricsheetFormatException(file, "$ (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")", "not valid JSON: "
          + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new CricsheetFormatException(file, "$", "expected a JSON object");
    }
    String matchId = matchIdOf(file);
    if (matchId.isBlank()) {
      throw new CricsheetFormatException(file, "$", "the file name gives no match id");
    }
    JsonNode meta = object(root, "meta", "$");
    JsonNode info = object(root, "info", "$");
    readRegistry(info);
    List<String> teams = teams(info);
    readPool(info, teams);
    List<Delivery> deliveries = readInnings(array(root, "innings", "$"), teams);
    applyReplacements(root);

    JsonNode outcome = object(info, "outcome", "$.info");
    JsonNode by = outcome.path("by");
    JsonNode event = info.path("event");
    JsonNode toss = info.path("toss");
    JsonNode pom = info.path("player_of_match");
    return new CricsheetMatch(
        matchId,
        integer(meta, "revision", "$.meta"),
        optionalText(meta, "data_version"),
        date(info),
        info.hasNonNull("season") ? info.get("season").asText() : null,
        optionalText(event, "name"),
        event.hasNonNull("match_number") ? event.get("match_number").asInt() : null,
        optionalText(event, "stage"),
        text(info, "match_type", "$.info"),
        teams.get(0),
        teams.get(1),
        optionalText(info, "venue"),
        optionalText(info, "city"),
        optionalText(toss, "winner"),
        optionalText(toss, "decision"),
        outcome.hasNonNull("result") ? outcome.get("result").asText() : "win",
        outcome.hasNonNull("winner") ? outcome.get("winner").asText()
            : optionalText(outcome, "eliminator"),
        by.hasNonNull("runs") ? by.get("runs").asInt() : null,
        by.hasNonNull("wickets") ? by.get("wickets").asInt() : null,
        optionalText(outcome, "method"),
        pom.isArray() && pom.size() > 0 ? registry.get(pom.get(0).asText()) : null,
        info.hasNonNull("balls_per_over") ? info.get("balls_per_over").asInt() : 6,
        info.hasNonNull("overs") ? info.get("overs").asInt() : null,
        file,
        List.copyOf(poolByName.values()),
        deliveries);
  }

  private void readRegistry(JsonNode info) {
    JsonNode people = object(object(info, "registry", "$.info"), "people", "$.info.registry");
    people.fields().forEachRemaining(e -> registry.put(e.getKey(), e.getValue().asText()));
  }

  private List<String> teams(JsonNode info) {
    JsonNode teams = array(info, "teams", "$.info");
    if (teams.size() != 2) {
      throw new CricsheetFormatException(file, "$.info.teams",
          "expected 2 teams, found " + teams.size());
    }
    return List.of(teams.get(0).asText(), teams.get(1).asText());
  }

  private void readPool(JsonNode info, List<String> teams) {
    JsonNode players = object(info, "players", "$.info");
    for (String team : teams) {
      String path = "$.info.players['" + team + "']";
      JsonNode names = players.get(team);
      if (names == null || !names.isArray()) {
        throw new CricsheetFormatException(file, path, "missing player list for team " + team);
      }
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i).asText();
        String id = registry.get(name);
        if (id == null) {
          throw new CricsheetFormatException(file, path + "[" + i + "]",
              "player '" + name + "' has no id in info.registry.people");
        }
        poolByName.put(name, new PoolEntry(id, name, team, null, null));
      }
    }
  }

  private LocalDate date(JsonNode info) {
    JsonNode dates = array(info, "dates", "$.info");
    if (dates.isEmpty()) {
      throw new CricsheetFormatException(file, "$.info.dates", "no date");
    }
    try {
      return LocalDate.parse(dates.get(0).asText());
    } catch (DateTimeParseException e) {
      throw new CricsheetFormatException(file, "$.info.dates[0]",
          "not a YYYY-MM-DD date: '" + dates.get(0).asText() + "'");
    }
  }

  private List<Delivery> readInnings(JsonNode innings, List<String> teams) {
    List<Delivery> out = new ArrayList<>();
    for (int i = 0; i < innings.size(); i++) {
      String path = "$.innings[" + i + "]";
      JsonNode inn = innings.get(i);
      String team = text(inn, "team", path);
      if (!teams.contains(team)) {
        throw new CricsheetFormatException(file, path + ".team",
            "'" + team + "' is not one of the match's teams " + teams);
      }
      boolean superOver = inn.path("super_over").asBoolean(false);
      JsonNode overs = inn.has("overs") ? array(inn, "overs", path) : JSON.createArrayNode();
      for (int o = 0; o < overs.size(); o++) {
        String overPath = path + ".overs[" + o + "]";
        int overNumber = integer(overs.get(o), "over", overPath);
        JsonNode balls = array(overs.get(o), "deliveries", overPath);
        for (int b = 0; b < balls.size(); b++) {
          String ballPath = overPath + ".deliveries[" + b + "]";
          out.add(delivery(balls.get(b), ballPath, out.size() + 1, i + 1, superOver, team,
              overNumber, b + 1));
        }
      }
    }
    return out;
  }

  private Delivery delivery(JsonNode d, String path, int seq, int innings, boolean superOver,
      String team, int over, int ballInOver) {
    JsonNode runs = object(d, "runs", path);
    JsonNode extras = d.path("extras");
    int runsBatter = integer(runs, "batter", path + ".runs");
    int wides = extras.path("wides").asInt(0);
    int noballs = extras.path("noballs").asInt(0);
    int byes = extras.path("byes").asInt(0);
    int legbyes = extras.path("legbyes").asInt(0);
    int penalty = extras.path("penalty").asInt(0);
    int runsExtras = integer(runs, "extras", path + ".runs");
    int runsTotal = integer(runs, "total", path + ".runs");
    if (runsExtras != wides + noballs + byes + legbyes + penalty) {
      throw new CricsheetFormatException(file, path + ".runs.extras", "runs.extras is "
          + runsExtras + " but the extras listed add up to " + (wides + noballs + byes + legbyes + penalty));
    }
    if (runsTotal != runsBatter + runsExtras) {
      throw new CricsheetFormatException(file, path + ".runs.total", "runs.total is " + runsTotal
          + " but runs.batter + runs.extras is " + (runsBatter + runsExtras));
    }
    List<Delivery.Wicket> wickets = new ArrayList<>();
    if (d.has("wickets")) {
      JsonNode ws = array(d, "wickets", path);
      for (int w = 0; w < ws.size(); w++) {
        wickets.add(wicket(ws.get(w), path + ".wickets[" + w + "]"));
      }
    }
    return new Delivery(seq, innings, superOver, team, over, ballInOver,
        poolId(d, "batter", path), poolId(d, "bowler", path), poolId(d, "non_striker", path),
        runsBatter, runs.path("non_boundary").asBoolean(false),
        wides, noballs, byes, legbyes, penalty, wickets);
  }

  private Delivery.Wicket wicket(JsonNode w, String path) {
    List<Delivery.Fielder> fielders = new ArrayList<>();
    if (w.has("fielders")) {
      JsonNode fs = array(w, "fielders", path);
      for (int f = 0; f < fs.size(); f++) {
        String name = text(fs.get(f), "name", path + ".fielders[" + f + "]");
        // Substitute fielders are often outside the pool; keep them, with their registry id.
        fielders.add(new Delivery.Fielder(registry.get(name), name,
            fs.get(f).path("substitute").asBoolean(false)));
      }
    }
    return new Delivery.Wicket(text(w, "kind", path), poolId(w, "player_out", path), fielders);
  }

  /** Substitutions (impact players, concussion subs) are marked on the pool entry that came in. */
  private void applyReplacements(JsonNode root) {
    for (JsonNode inn : root.path("innings")) {
      for (JsonNode over : inn.path("overs")) {
        for (JsonNode d : over.path("deliveries")) {
          for (JsonNode r : d.path("replacements").path("match")) {
            PoolEntry in = poolByName.get(r.path("in").asText());
            if (in != null) {
              PoolEntry out = poolByName.get(r.path("out").asText());
              poolByName.put(in.name(), new PoolEntry(in.playerId(), in.name(), in.team(),
                  r.path("reason").asText(null), out == null ? null : out.playerId()));
            }
          }
        }
      }
    }
  }

  private String poolId(JsonNode node, String key, String path) {
    String name = text(node, key, path);
    PoolEntry entry = poolByName.get(name);
    if (entry == null) {
      throw new CricsheetFormatException(file, path + "." + key,
          "'" + name + "' is not in the match's player pool (info.players)");
    }
    return entry.playerId();
  }

  private JsonNode object(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isObject()) {
      throw new CricsheetFormatException(file, path + "." + key,
          node == null ? "missing key '" + key + "'" : "expected an object");
    }
    return node;
  }

  private JsonNode array(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isArray()) {
      throw new CricsheetFormatException(file, path + "." + key,
          node == null ? "missing key '" + key + "'" : "expected an array");
    }
    return node;
  }

  private String text(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new CricsheetFormatException(file, path + "." + key,
          node == null ? "missing key '" + key + "'" : "expected a non-empty string, found " + node);
    }
    return node.asText();
  }

  private int integer(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
      throw new CricsheetFormatException(file, path + "." + key,
          node == null ? "missing key '" + key + "'" : "expected an integer, found " + node);
    }
    return node.asInt();
  }

  private static String optionalText(JsonNode parent, String key) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : node.asText();
  }
}
