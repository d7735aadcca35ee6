package dev.dugout.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder$;
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

  static final StructType ACCOUNTS = new StructType()
      .add("contest_id", DataTypes.StringType, false)
      .add("entries", DataTypes.IntegerType, false)
      .add("paid_minor", DataTypes.LongType, true)
      .add("reason", DataTypes.StringType, true)
      .add("settled_at", DataTypes.TimestampType, true)
      .add("totals", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true);

  @Test
  void packedRowsReadBackAsTheRowsTheyWereBuiltFromWhateverTheShareBoundaries() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      // Strings of varying length (the rows' sizes differ), nulls, a map now and then (a Scala
      // one: an RDD of rows takes no Java maps, before this change either).
      rows.add(RowFactory.create("C" + "x".repeat(i % 37) + i, i, i % 3 == 0 ? null : 100L * i,
          i % 5 == 0 ? null : "WINNING", new Timestamp(1_700_000_000_000L + i),
          i % 7 == 0 ? scala.collection.JavaConverters.mapAsScalaMap(Map.of("paid", (long) i)) : null));
    }
    SparkRows.PackedRows packed = SparkRows.PackedRows.of(rows, ACCOUNTS);
    ExpressionEncoder<Row> encoder = ExpressionEncoder$.MODULE$.apply(ACCOUNTS);
    ExpressionEncoder.Deserializer<Row> decode = encoder.resolveAndBind(
        encoder.resolveAndBind$default$1(), encoder.resolveAndBind$default$2()).createDeserializer();
    // Shares as distributed() cuts them for 3 partitions, and one share of everything.
    for (int[] share : new int[][] {{0, 333}, {333, 666}, {666, 1000}, {0, 1000}}) {
      List<Row> back = new ArrayList<>();
      List<InternalRow> held = new ArrayList<>();
      packed.rows(share[0], share[1]).forEachRemaining(held::add);
      // Decoded after all were read: each row must be its own, not a buffer the next one reuses.
      for (InternalRow r : held) {
        back.add(decode.apply(r));
      }
      assertThat(back).hasSize(share[1] - share[0]);
      for (int i = 0; i < back.size(); i++) {
        Row expected = rows.get(share[0] + i);
        Row actual = back.get(i);
        assertThat(actual.getString(0)).isEqualTo(expected.getString(0));
        assertThat(actual.getInt(1)).isEqualTo(expected.getInt(1));
        assertThat(actual.get(2)).isEqualTo(expected.get(2));
        assertThat(actual.get(3)).isEqualTo(expected.get(3));
        assertThat(actual.getTimestamp(4)).isEqualTo(expected.getTimestamp(4));
        assertThat(expected.isNullAt(5) ? null : actual.getJavaMap(5))
            .isEqualTo(expected.isNullAt(5) ? null : expected.getJavaMap(5));
      }
    }
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedWhenPackedAsCreateDataFrameWouldRefuseIt() {
    List<Row> rows = List.of(RowFactory.create("c1", 2, 5L, null, null, null),
        RowFactory.create("c2", 2, 5, null, null, null));
    assertThatThrownBy(() -> SparkRows.PackedRows.of(rows, ACCOUNTS))
        .hasMessageContaining("java.lang.Integer")
        .hasMessageContaining("bigint");
  }
}
