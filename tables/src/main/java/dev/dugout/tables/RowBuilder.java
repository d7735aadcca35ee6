package dev.dugout.tables;

import java.util.Arrays;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * Builds Spark rows for a declared table by column name, so no job depends on column positions.
 * Unset optional columns are null; an unset required column is an error naming the column.
 */
public final class RowBuilder {
  private final TableDefinition table;
  private final StructType sparkSchema;
  private Object[] values;
  private boolean[] set;

  public RowBuilder(TableDefinition table) {
    this.table = table;
    this.sparkSchema = SparkSchemaUtil.convert(table.schema());
    reset();
  }

  public StructType sparkSchema() {
    return sparkSchema;
  }

  public RowBuilder set(String column, Object value) {
    int index = sparkSchema.getFieldIndex(column).getOrElse(() -> -1);
    if (index < 0) {
      throw new IllegalArgumentException(table.name() + " has no column '" + column + "'");
    }
    values[index] = value;
    set[index] = true;
    return this;
  }

  /** The row; the builder is then empty again for the next one. */
  public Row build() {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null && !sparkSchema.fields()[i].nullable()) {
        throw new IllegalArgumentException(table.name() + "." + sparkSchema.fields()[i].name()
            + " is required but " + (set[i] ? "was set to null" : "was not set"));
      }
    }
    Row row = new GenericRowWithSchema(values, sparkSchema);
    reset();
    return row;
  }

  private void reset() {
    values = new Object[sparkSchema.size()];
    set = new boolean[sparkSchema.size()];
    Arrays.fill(set, false);
  }
}
