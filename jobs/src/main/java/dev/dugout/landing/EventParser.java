package dev.dugout.landing;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.EventPayloads;
import dev.dugout.tables.EventPayloads.Type;
import dev.dugout.tables.MatchStatusTable;
import dev.dugout.tables.WalletTxnsTable;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.types.Type.TypeID;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads one event (a line of JSON) against the envelope and its type's payload schema
 * ({@link EventPayloads}) and either accepts it, with its payload as a typed row, or says exactly
 * what is wrong and where ({@code $.payload.wickets[0].kind: expected a string, got 3}).
 * Pure and thread-safe: it runs on the executors, once per record.
 */
public final class EventParser implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ENVELOPE = Set.of(EventPayloads.EVENT_ID, EventPayloads.TYPE,
      EventPayloads.OCCURRED_AT, EventPayloads.SOURCE, EventPayloads.SCHEMA_VERSION,
      EventPayloads.PAYLOAD);

  /** An accepted event: the envelope's fields and the payload as a row of its schema. */
  public record Event(String eventId, Type type, int schemaVersion, Instant occurredAt,
      String source, String payloadJson, Row payload) {}

  /** The outcome of parsing one record: an event, or the reason it was refused. */
  public record Parsed(Event event, String reason, String key) {
    public boolean ok() {
      return event != null;
    }
  }

  public Parsed parse(String text) {
    ObjectNode root;
    String payloadText;
    try {
      Envelope envelope = envelope(text);
      if (envelope == null) {
        // Not an object: read it whole, so that text which is not JSON either says so.
        JSON.readTree(text);
        return refused("not a JSON object", null);
      }
      root = envelope.root();
      payloadText = envelope.payloadText();
    } catch (JsonProcessingException e) {
      return refused("not JSON: " + e.getOriginalMessage() + " at column "
          + e.getLocation().getColumnNr(), null);
    }
    String key = root.path(EventPayloads.EVENT_ID).isTextual()
        ? root.get(EventPayloads.EVENT_ID).asText() : null;
    try {
      return new Parsed(event(root, payloadText, key), null, key);
    } catch (Invalid e) {
      return refused(e.getMessage(), key);
    }
  }

  /** The envelope's fields, and the payload's text exactly as it arrived. */
  private record Envelope(ObjectNode root, String payloadText) {}

  /**
   * Reads a JSON object field by field, keeping the payload's own characters (a substring of
   * {@code text}) instead of writing its tree back out; null if {@code text} is not an object.
   */
  private static Envelope envelope(String text) throws JsonProcessingException {
    try (JsonParser parser = JSON.getFactory().createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      ObjectNode root = JSON.createObjectNode();
      String payloadText = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals(EventPayloads.PAYLOAD)) {
          int from = (int) parser.currentTokenLocation().getCharOffset();
          root.set(name, JSON.readTree(parser));
          payloadText = text.substring(from, (int) parser.currentLocation().getCharOffset());
        } else {
          root.set(name, JSON.readTree(parser));
        }
      }
      if (parser.currentToken() != JsonToken.END_OBJECT) {
        throw new JsonParseException(parser, "unexpected end of input inside the object");
      }
      return new Envelope(root, payloadText);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Parsed refused(String reason, String key) {
    return new Parsed(null, reason, key);
  }

  private Event event(JsonNode root, String payloadText, String key) {
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ENVELOPE.contains(name)) {
        throw new Invalid("$." + name + ": unknown envelope field (expected " + ENVELOPE + ")");
      }
    }
    if (key == null || key.isBlank()) {
      throw new Invalid("$.event_id: missing or not a non-empty string");
    }
    String typeName = text(root, EventPayloads.TYPE);
    Type type = Type.ofWireName(typeName).orElseThrow(() -> new Invalid(
        "$.type: unknown event type '" + typeName + "' (known: " + wireNames() + ")"));
    JsonNode versionNode = root.get(EventPayloads.SCHEMA_VERSION);
    if (versionNode == null || !versionNode.canConvertToInt() || !versionNode.isIntegralNumber()) {
      throw new Invalid("$.schema_version: missing or not an integer");
    }
    if (versionNode.intValue() != Type.VERSION) {
      throw new Invalid("$.schema_version: " + type.wireName() + " version " + versionNode.intValue()
          + " is not readable by this build (it reads version " + Type.VERSION + ")");
    }
    Instant occurredAt = instant(root.get(EventPayloads.OCCURRED_AT), "$.occurred_at");
    String source = text(root, EventPayloads.SOURCE);
    JsonNode payload = root.get(EventPayloads.PAYLOAD);
    if (payload == null || !payload.isObject()) {
      throw new Invalid("$.payload: missing or not an object");
    }
    Row row = struct(payload, type.payload().asStruct(), "$.payload");
    rules(type, row, type.payload().asStruct());
    return new Event(key, type, Type.VERSION, occurredAt, source, payloadText, row);
  }

  private static String wireNames() {
    List<String> names = new ArrayList<>();
    for (Type t : Type.values()) {
      names.add(t.wireName());
    }
    return String.join(", ", names);
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new Invalid("$." + field + ": missing or not a non-empty string");
    }
    return node.asText();
  }

  private static Instant instant(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw new Invalid(path + ": expected an ISO-8601 instant string, got " + show(node));
    }
    try {
      return IsoInstants.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new Invalid(path + ": not an ISO-8601 instant: '" + node.asText() + "'");
    }
  }

  /** Converts a JSON object to a row of the struct, refusing unknown, missing and ill-typed fields. */
  private static Row struct(JsonNode node, Types.StructType struct, String path) {
    if (!node.isObject()) {
      throw new Invalid(path + ": expected an object, got " + show(node));
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (struct.field(name) == null) {
        throw new Invalid(path + "." + name + ": unknown field");
      }
    }
    List<Types.NestedField> fields = struct.fields();
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Types.NestedField f = fields.get(i);
      JsonNode value = node.get(f.name());
      String at = path + "." + f.name();
      if (value == null || value.isNull()) {
        if (f.isRequired()) {
          throw new Invalid(at + ": required field is missing");
        }
        continue;
      }
      values[i] = value(value, f.type(), at);
    }
    return RowFactory.create(values);
  }

  private static Object value(JsonNode node, org.apache.iceberg.types.Type type, String at) {
    TypeID id = type.typeId();
    switch (id) {
      case STRING:
        if (!node.isTextual()) {
          throw new Invalid(at + ": expected a string, got " + show(node));
        }
        return node.asText();
      case INTEGER:
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          throw new Invalid(at + ": expected a 32-bit integer, got " + show(node));
        }
        return node.intValue();
      case LONG:
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
          throw new Invalid(at + ": expected a 64-bit integer, got " + show(node));
        }
        return node.longValue();
      case BOOLEAN:
        if (!node.isBoolean()) {
          throw new Invalid(at + ": expected true or false, got " + show(node));
        }
        return node.booleanValue();
      case DECIMAL: {
        Types.DecimalType decimal = (Types.DecimalType) type;
        BigDecimal v;
        try {
          v = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
        } catch (NumberFormatException e) {
          throw new Invalid(at + ": expected a decimal, got " + show(node));
        }
        if (v.scale() > decimal.scale() || v.precision() - v.scale() > decimal.precision() - decimal.scale()) {
          throw new Invalid(at + ": " + v.toPlainString() + " does not fit decimal(" + decimal.precision()
              + "," + decimal.scale() + ")");
        }
        return v.setScale(decimal.scale());
      }
      case DATE:
        try {
          return Date.valueOf(LocalDate.parse(node.asText()));
        } catch (DateTimeParseException e) {
          throw new Invalid(at + ": expected an ISO date (yyyy-mm-dd), got " + show(node));
        }
      case TIMESTAMP:
        return Timestamp.from(instant(node, at));
      case LIST: {
        if (!node.isArray()) {
          throw new Invalid(at + ": expected an array, got " + show(node));
        }
        Types.ListType list = (Types.ListType) type;
        List<Object> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          JsonNode element = node.get(i);
          if (element.isNull()) {
            throw new Invalid(at + "[" + i + "]: null element");
          }
          values.add(value(element, list.elementType(), at + "[" + i + "]"));
        }
        // Spark's row encoder takes Scala sequences for arrays.
        return scala.collection.JavaConverters.asScalaBuffer(values).toList();
      }
      case STRUCT:
        return struct(node, (Types.StructType) type, at);
      default:
        throw new IllegalStateException("payload schemas do not use " + type + " (" + at + ")");
    }
  }

  /** Value rules the types alone cannot say. */
  private static void rules(Type type, Row row, Types.StructType struct) {
    switch (type) {
      case MATCH_STATUS -> {
        String status = string(row, struct, MatchStatusTable.STATUS);
        if (!MatchStatusTable.STATUSES.contains(status)) {
          throw new Invalid("$.payload.status: '" + status + "' is not one of "
              + MatchStatusTable.STATUSES);
        }
        if (status.equals("LINEUPS") && get(row, struct, EventPayloads.MATCH_STATUS_PLAYERS) == null) {
          throw new Invalid("$.payload.players: required when the status is LINEUPS");
        }
        if ((status.equals("COMPLETED") || status.equals("ABANDONED"))) {
          Row match = (Row) get(row, struct, EventPayloads.MATCH_STATUS_MATCH);
          if (match == null) {
            throw new Invalid("$.payload.match: required when the status is " + status);
          }
          String inner = match.getString(0);
          if (!inner.equals(string(row, struct, MatchStatusTable.MATCH_ID))) {
            throw new Invalid("$.payload.match.match_id: '" + inner + "' differs from the event's"
                + " match_id '" + string(row, struct, MatchStatusTable.MATCH_ID) + "'");
          }
        }
      }
      case WALLET_TXN -> {
        String kind = string(row, struct, WalletTxnsTable.KIND);
        if (!WalletTxnsTable.KINDS.contains(kind)) {
          throw new Invalid("$.payload.kind: '" + kind + "' is not one of " + WalletTxnsTable.KINDS);
        }
        long amount = (Long) get(row, struct, WalletTxnsTable.AMOUNT_MINOR);
        if (amount <= 0) {
          throw new Invalid("$.payload.amount_minor: must be positive (the kind says the"
              + " direction), got " + amount);
        }
      }
      case CONTEST_CREATED -> {
        String currency = string(row, struct, ContestsTable.CURRENCY);
        if (!currency.equals("INR") && !currency.equals("COINS")) {
          throw new Invalid("$.payload.currency: '" + currency + "' is not INR or COINS");
        }
        String kind = string(row, struct, ContestsTable.KIND);
        if (!kind.equals("GUARANTEED") && !kind.equals("FLEXIBLE")) {
          throw new Invalid("$.payload.kind: '" + kind + "' is not GUARANTEED or FLEXIBLE");
        }
        int min = (Integer) get(row, struct, ContestsTable.MIN_ENTRIES);
        int max = (Integer) get(row, struct, ContestsTable.MAX_ENTRIES);
        if (min < 2 || max < min) {
          throw new Invalid("$.payload: entries must satisfy 2 <= min_entries <= max_entries, got "
              + min + " and " + max);
        }
      }
      case TEAM_SAVED -> {
        @SuppressWarnings("unchecked")
        List<String> players = scala.collection.JavaConverters.seqAsJavaList(
            (scala.collection.Seq<String>) get(row, struct, "player_ids"));
        Set<String> distinct = new HashSet<>(players);
        if (players.size() != 11 || distinct.size() != 11) {
          throw new Invalid("$.payload.player_ids: a team is 11 distinct players, got "
              + players.size() + " (" + distinct.size() + " distinct)");
        }
        String captain = string(row, struct, "captain_id");
        String vice = string(row, struct, "vice_captain_id");
        if (!distinct.contains(captain) || !distinct.contains(vice) || captain.equals(vice)) {
          throw new Invalid("$.payload: captain and vice-captain must be two different players of"
              + " the team");
        }
      }
      default -> { }
    }
  }

  private static Object get(Row row, Types.StructType struct, String field) {
    return row.get(struct.fields().indexOf(struct.field(field)));
  }

  private static String string(Row row, Types.StructType struct, String field) {
    return (String) get(row, struct, field);
  }

  private static String show(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  /** A record that breaks the contract; the message says where and how. */
  private static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** Type names for the help text and the README. */
  public static Map<String, String> describe() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Type t : Type.values()) {
      out.put(t.wireName(), t.payload().toString());
    }
    return out;
  }
}
