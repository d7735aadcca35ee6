package dev.dugout.landing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dugout.tables.EventPayloads;
import dev.dugout.tables.EventPayloads.Type;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes events in the envelope the landing reads: what a producer (the replay of a real match,
 * the benchmark's generator, a test) sends. Payload values follow {@link EventPayloads}: dates as
 * ISO dates, instants as ISO-8601, decimals as numbers; absent optional fields are left out.
 */
public final class EventJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventJson() {}

  /** One event as a line of JSON (no newline). */
  public static String envelope(String eventId, Type type, Instant occurredAt, String source,
      JsonNode payload) {
    ObjectNode e = JSON.createObjectNode();
    e.put(EventPayloads.EVENT_ID, eventId);
    e.put(EventPayloads.TYPE, type.wireName());
    e.put(EventPayloads.OCCURRED_AT, occurredAt.toString());
    e.put(EventPayloads.SOURCE, source);
    e.put(EventPayloads.SCHEMA_VERSION, Type.VERSION);
    e.set(EventPayloads.PAYLOAD, payload);
    return e.toString();
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A row of a table as a payload object, keeping only the fields the payload schema has. */
  public static ObjectNode payload(Row row, StructType schema, Type type) {
    ObjectNode out = JSON.createObjectNode();
    StructType payload = org.apache.iceberg.spark.SparkSchemaUtil.convert(type.payload());
    for (StructField field : payload.fields()) {
      int index = schema.getFieldIndex(field.name()).getOrElse(() -> -1);
      if (index >= 0) {
        put(out, field.name(), row.get(index), schema.fields()[index].dataType());
      }
    }
    return out;
  }

  /** A row as an object, every field of its schema. */
  public static ObjectNode row(Row row, StructType schema) {
    ObjectNode out = JSON.createObjectNode();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      put(out, fields[i].name(), row.get(i), fields[i].dataType());
    }
    return out;
  }

  private static void put(ObjectNode out, String name, Object value, DataType type) {
    if (value == null) {
      return;
    }
    out.set(name, node(value, type));
  }

  private static JsonNode node(Object value, DataType type) {
    if (value instanceof Row r) {
      return row(r, (StructType) type);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = JSON.createArrayNode();
      DataType element = ((ArrayType) type).elementType();
      for (Object o : list) {
        array.add(node(o, element));
      }
      return array;
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      return node(scala.collection.JavaConverters.seqAsJavaList(seq), type);
    }
    if (value instanceof String s) {
      return JSON.getNodeFactory().textNode(s);
    }
    if (value instanceof Integer n) {
      return JSON.getNodeFactory().numberNode(n);
    }
    if (value instanceof Long n) {
      return JSON.getNodeFactory().numberNode(n);
    }
    if (value instanceof Boolean b) {
      return JSON.getNodeFactory().booleanNode(b);
    }
    if (value instanceof BigDecimal d) {
      return JSON.getNodeFactory().numberNode(d);
    }
    if (value instanceof Date d) {
      return JSON.getNodeFactory().textNode(d.toLocalDate().toString());
    }
    if (value instanceof Timestamp t) {
      return JSON.getNodeFactory().textNode(t.toInstant().toString());
    }
    throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
  }
}
