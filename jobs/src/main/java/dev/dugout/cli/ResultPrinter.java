package dev.dugout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/** Prints rows as an aligned table, RFC 4180 CSV, or a JSON array of objects. */
public final class ResultPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultPrinter() {}

  public static void print(StructType schema, List<Row> rows, OutputFormat format, PrintStream out) {
    switch (format) {
      case csv -> csv(schema, rows, out);
      case json -> json(schema, rows, out);
      default -> table(schema, rows, out);
    }
  }

  private static void table(StructType schema, List<Row> rows, PrintStream out) {
    String[] names = schema.fieldNames();
    int[] widths = new int[names.length];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      widths[i] = names[i].length();
    }
    for (Row row : rows) {
      String[] line = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        line[i] = text(row.get(i));
        widths[i] = Math.max(widths[i], line[i].length());
      }
      cells.add(line);
    }
    out.println(line(names, widths, schema));
    StringBuilder rule = new StringBuilder();
    for (int w : widths) {
      rule.append(rule.length() == 0 ? "" : "  ").append("-".repeat(w));
    }
    out.println(rule);
    cells.forEach(c -> out.println(line(c, widths, schema)));
    out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
  }

  private static String line(String[] values, int[] widths, StructType schema) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      boolean numeric = schema.fields()[i].dataType() instanceof org.apache.spark.sql.types.NumericType;
      String format = "%" + (numeric ? "" : "-") + widths[i] + "s";
      sb.append(i == 0 ? "" : "  ").append(String.format(format, values[i]));
    }
    return sb.toString().stripTrailing();
  }

  private static void csv(StructType schema, List<Row> rows, PrintStream out) {
    out.println(String.join(",", List.of(schema.fieldNames()).stream().map(ResultPrinter::quote).toList()));
    for (Row row : rows) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        values.add(row.isNullAt(i) ? "" : quote(text(row.get(i))));
      }
      out.println(String.join(",", values));
    }
  }

  private static String quote(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static void json(StructType schema, List<Row> rows, PrintStream out) {
    ArrayNode array = JSON.createArrayNode();
    for (Row row : rows) {
      ObjectNode object = array.addObject();
      for (int i = 0; i < schema.size(); i++) {
        StructField field = schema.fields()[i];
        object.set(field.name(), JSON.valueToTree(plain(row.get(i))));
      }
    }
    try {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }

  /** Spark values as plain Java (lists, maps, strings for dates) for JSON. */
  private static Object plain(Object value) {
    if (value instanceof scala.collection.Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      JavaConverters.seqAsJavaList(seq).forEach(v -> list.add(plain(v)));
      return list;
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<Object, Object> result = new java.util.LinkedHashMap<>();
      JavaConverters.mapAsJavaMap(map).forEach((k, v) -> result.put(String.valueOf(k), plain(v)));
      return result;
    }
    if (value instanceof Row row) {
      Map<String, Object> result = new java.util.LinkedHashMap<>();
      for (int i = 0; i < row.size(); i++) {
        result.put(row.schema() == null ? "_" + i : row.schema().fieldNames()[i], plain(row.get(i)));
      }
      return result;
    }
    if (value instanceof java.util.Date || value instanceof java.time.temporal.Temporal) {
      return value.toString();
    }
    return value;
  }

  private static String text(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof scala.collection.Seq<?> || value instanceof scala.collection.Map<?, ?>) {
      try {
        return JSON.writeValueAsString(plain(value));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        return value.toString();
      }
    }
    return value.toString();
  }
}
