package dev.dugout.lakehouse;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkRowsTest {
  @Test
  void rowsLaidOutInAnotherColumnOrderThanTheTablesAreRefusedBeforeAnyWrite() {
    StructType table = new StructType().add("entry_id", DataTypes.StringType)
        .add("user_id", DataTypes.StringType);
    assertThatThrownBy(() -> SparkRows.dataFrame(null, null, table, List.of("user_id", "entry_id")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[user_id, entry_id]")
        .hasMessageContaining("[entry_id, user_id]");
  }
}
