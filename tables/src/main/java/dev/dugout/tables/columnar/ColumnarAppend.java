package dev.dugout.tables.columnar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SerializableTable;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.transforms.Transform;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SerializableFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.RDDScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Appends a DataFrame to an Iceberg table (or a branch of it) through {@link ColumnarParquetFile}:
 * each task writes its rows to a Parquet file per partition value under the table's data
 * location, the driver commits all the files in one append, as Iceberg's own Spark write does.
 * One pass over the rows can feed several tables ({@link #appendAll}), each from its own columns
 * of the rows, e.g. a settlement's payouts and the ledger credits of those paid.
 *
 * <p>For flat tables (strings, numbers, dates, timestamps), partitioned by any of Iceberg's
 * transforms of such columns; anything else is refused before a row is read. A failed task deletes
 * its files; a failed job or commit deletes those not committed (unless a commit's outcome is
 * unknown: then they may be the table's).
 */
public final class ColumnarAppend {
  private ColumnarAppend() {}

  /**
   * One table an append writes, each of its columns from the rows' column of the same name.
   *
   * @param branch the branch to commit to, or null for {@code main}
   * @param onlyWhereSet a column of the rows: a row where it is null is not written to this table;
   *     null to write every row
   */
  public record Target(Table table, String branch, String onlyWhereSet) {}

  /**
   * Appends rows whose columns are the table's, in its order.
   *
   * @param branch the branch to commit to, or null for {@code main}
   * @return the files committed
   */
  public static List<DataFile> append(Dataset<Row> rows, Table table, String branch) {
    List<String> givenNames = Arrays.asList(rows.schema().fieldNames());
    List<String> tableNames = Arrays.asList(SparkSchemaUtil.convert(table.schema()).fieldNames());
    if (!givenNames.equals(tableNames)) {
      throw new IllegalArgumentException("columnar append to " + table.name() + ": the rows' columns "
          + givenNames + " are not the table's " + tableNames);
    }
    return appendAll(rows, List.of(new Target(table, branch, null))).get(0);
  }

  /**
   * Writes the rows to every target in one pass, then commits each target's files in one append,
   * in the targets' order.
   *
   * @return the files committed, per target
   */
  public static List<List<DataFile>> appendAll(Dataset<Row> rows, List<Target> targets) {
    return appendAll(internalRows(rows), rows.schema(), targets);
  }

  /**
   * The rows in Spark's internal form. A DataFrame made of internal rows computed in plain Java
   * (e.g. a leaderboard's, from its state) gives them as they are: Spark's own plan copies each
   * into its binary row format first, a third of a ten-million-row write.
   */
  public static RDD<InternalRow> internalRows(Dataset<Row> rows) {
    SparkPlan plan = rows.queryExecution().executedPlan();
    if (plan instanceof WholeStageCodegenExec codegen) {
      plan = codegen.child();
    }
    if (plan instanceof InputAdapter adapter) {
      plan = adapter.child();
    }
    if (plan instanceof RDDScanExec scan) {
      return scan.rdd();
    }
    return rows.queryExecution().toRdd();
  }

  /**
   * {@link #appendAll(Dataset, List)} of rows already in Spark's internal form, e.g. computed by a
   * task in plain Java; a row may be reused for the next once the writer has taken it. A string
   * handed again as the same object is taken to hold the same bytes (as Spark's strings do).
   */
  public static List<List<DataFile>> appendAll(RDD<InternalRow> rows, StructType schema,
      List<Target> targets) {
    List<Projection> projections = new ArrayList<>();
    List<Table> tables = new ArrayList<>();
    for (Target target : targets) {
      refuseUnsupported(schema, target);
      projections.add(Projection.of(schema, target));
      tables.add(SerializableTable.copyOf(target.table()));
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(rows.sparkContext());
    Broadcast<List<Table>> shared = sc.broadcast(tables);
    // The files of tasks that succeeded, for the driver to delete if the job fails after them
    // (a failed task deletes its own), as "target index/location".
    CollectionAccumulator<String> created = sc.sc().collectionAccumulator("columnar-append-files");
    List<List<DataFile>> files = new ArrayList<>();
    targets.forEach(t -> files.add(new ArrayList<>()));
    int committed = 0;
    try {
      rows.toJavaRDD()
          .mapPartitionsWithIndex(new WriteTask(shared, projections,
              UUID.randomUUID().toString(), created), false)
          .collect().forEach(w -> files.get(w.target()).add(w.file()));
      for (int t = 0; t < targets.size(); t++) {
        AppendFiles append = targets.get(t).table().newAppend();
        if (targets.get(t).branch() != null) {
          append.toBranch(targets.get(t).branch());
        }
        files.get(t).forEach(append::appendFile);
        append.set("dugout.writer", "columnar-parquet");
        append.commit();
        committed++;
      }
      return files;
    } catch (CommitStateUnknownException e) {
      throw e;
    } catch (Exception e) {
      // (A failed job throws SparkException, which Java sees as checked.)
      for (String entry : created.value()) {
        int slash = entry.indexOf('/');
        int target = Integer.parseInt(entry.substring(0, slash));
        if (target < committed) {
          continue;
        }
        try {
          targets.get(target).table().io().deleteFile(entry.substring(slash + 1));
        } catch (RuntimeException notDeleted) {
          e.addSuppressed(notDeleted);
        }
      }
      throw e;
    } finally {
      shared.destroy();
    }
  }

  /** Each of the table's columns among the rows, of its type, and one the writer takes. */
  static void refuseUnsupported(StructType given, Target target) {
    Table table = target.table();
    StructType expected = SparkSchemaUtil.convert(table.schema());
    List<String> givenNames = Arrays.asList(given.fieldNames());
    for (StructField wanted : expected.fields()) {
      if (!givenNames.contains(wanted.name())) {
        throw new IllegalArgumentException("columnar append to " + table.name() + ": the rows have"
            + " no column " + wanted.name() + " (they have " + givenNames + ")");
      }
      StructField field = given.apply(wanted.name());
      if (!field.dataType().equals(wanted.dataType())) {
        throw new IllegalArgumentException("columnar append to " + table.name() + ": column "
            + field.name() + " is " + field.dataType().simpleString() + ", the table's is "
            + wanted.dataType().simpleString());
      }
    }
    if (target.onlyWhereSet() != null && !givenNames.contains(target.onlyWhereSet())) {
      throw new IllegalArgumentException("columnar append to " + table.name() + ": the rows have"
          + " no column " + target.onlyWhereSet() + " to select the rows by");
    }
    // Types the writer does not take are refused here, not in the middle of a task.
    List<org.apache.parquet.column.ColumnDescriptor> descriptors =
        ColumnarParquetFile.parquetSchema(table.schema()).getColumns();
    List<Types.NestedField> columns = table.schema().columns();
    for (int i = 0; i < columns.size(); i++) {
      ColumnChunk.of(descriptors.get(i), columns.get(i).type(), null, null, true, true);
    }
    new PartitionOf(table.schema(), table.spec(), new int[columns.size()]);
  }

  /** Where a target's columns are in the rows, and which rows it takes. */
  private record Projection(int[] ordinals, int onlyWhereSet) implements java.io.Serializable {
    static Projection of(StructType rows, Target target) {
      return new Projection(Arrays.stream(SparkSchemaUtil.convert(target.table().schema())
              .fieldNames()).mapToInt(rows::fieldIndex).toArray(),
          target.onlyWhereSet() == null ? -1 : rows.fieldIndex(target.onlyWhereSet()));
    }

    boolean takes(InternalRow row) {
      return onlyWhereSet < 0 || !row.isNullAt(onlyWhereSet);
    }
  }

  /** A file a task wrote for target number {@code target}. */
  private record Written(int target, DataFile file) implements java.io.Serializable {}

  /**
   * One task: its rows to a file per target and partition value, rolled at the target table's
   * target file size.
   */
  private static final class WriteTask
      implements Function2<Integer, Iterator<InternalRow>, Iterator<Written>> {
    private final Broadcast<List<Table>> shared;
    private final List<Projection> projections;
    private final String operationId;
    private final CollectionAccumulator<String> created;

    WriteTask(Broadcast<List<Table>> shared, List<Projection> projections, String operationId,
        CollectionAccumulator<String> created) {
      this.shared = shared;
      this.projections = projections;
      this.operationId = operationId;
      this.created = created;
    }

    @Override
    public Iterator<Written> call(Integer partition, Iterator<InternalRow> rows) throws Exception {
      List<Table> tables = shared.value();
      int n = tables.size();
      TaskFiles[] files = new TaskFiles[n];
      PartitionOf[] partitionOf = new PartitionOf[n];
      TaskFiles.Open[] current = new TaskFiles.Open[n];
      Projection[] projection = projections.toArray(Projection[]::new);
      try {
        for (int t = 0; t < n; t++) {
          Table table = tables.get(t);
          files[t] = new TaskFiles(table, OutputFileFactory.builderFor(table, partition,
              TaskContext.get().taskAttemptId()).format(FileFormat.PARQUET)
              .operationId(operationId + "-" + t).build(), projection[t].ordinals());
          partitionOf[t] = new PartitionOf(table.schema(), table.spec(), projection[t].ordinals());
        }
        while (rows.hasNext()) {
          InternalRow row = rows.next();
          for (int t = 0; t < n; t++) {
            if (!projection[t].takes(row)) {
              continue;
            }
            if (current[t] == null || !partitionOf[t].sameAsLast(row)) {
              current[t] = files[t].forPartition(partitionOf[t].keyOf(row));
            }
            current[t].add(row);
          }
        }
        List<Written> done = new ArrayList<>();
        for (int t = 0; t < n; t++) {
          for (DataFile file : files[t].finish()) {
            done.add(new Written(t, file));
          }
        }
        // A task cancelled (another failed) while it finished: its files go, as a failed one's.
        TaskContext.get().killTaskIfInterrupted();
        done.forEach(w -> created.add(w.target() + "/" + w.file().path()));
        return done.iterator();
      } catch (Exception | Error e) {
        for (TaskFiles f : files) {
          if (f != null) {
            f.abort();
          }
        }
        throw e;
      }
    }
  }

  /** The files a task has open (one per partition value) and those it finished. */
  private static final class TaskFiles {
    private final Table table;
    private final OutputFileFactory factory;
    private final Map<List<Object>, Open> open = new LinkedHashMap<>();
    private final List<DataFile> done = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final long targetBytes;
    private final long rowGroupBytes;
    private final String codec;
    private final String level;
    private final MetricsConfig metrics;
    // String columns whose dictionary encoding the table turns off.
    private final java.util.Set<String> plain;
    private final int[] ordinals;

    TaskFiles(Table table, OutputFileFactory factory, int[] ordinals) {
      this.table = table;
      this.factory = factory;
      this.ordinals = ordinals;
      Map<String, String> p = table.properties();
      this.targetBytes = Long.parseLong(p.getOrDefault(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
          String.valueOf(TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT)));
      this.rowGroupBytes = Long.parseLong(p.getOrDefault(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES,
          String.valueOf(TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES_DEFAULT)));
      this.codec = p.getOrDefault(TableProperties.PARQUET_COMPRESSION,
          TableProperties.PARQUET_COMPRESSION_DEFAULT);
      this.level = p.get(TableProperties.PARQUET_COMPRESSION_LEVEL);
      this.metrics = MetricsConfig.forTable(table);
      this.plain = new java.util.HashSet<>();
      p.forEach((key, value) -> {
        if (key.startsWith(dev.dugout.tables.TableProperties.DICTIONARY_COLUMN)
            && value.equalsIgnoreCase("false")) {
          plain.add(key.substring(dev.dugout.tables.TableProperties.DICTIONARY_COLUMN.length()));
        }
      });
    }

    /** The file a task is writing for one partition value; rolled in place at the target size. */
    final class Open {
      private final PartitionKey key;
      private OutputFile file;
      private ColumnarParquetFile parquet;

      Open(PartitionKey key) throws IOException {
        this.key = key;
        start();
      }

      private void start() throws IOException {
        // (An unpartitioned table's files go straight under data/: asked for with an empty
        // partition, the location would hold "//", which S3 signs differently.)
        file = (table.spec().isUnpartitioned() ? factory.newOutputFile()
            : factory.newOutputFile(table.spec(), key)).encryptingOutputFile();
        created.add(file.location());
        parquet = new ColumnarParquetFile(file, table.schema(), codec, level, rowGroupBytes,
            ordinals, metrics, plain);
      }

      void add(InternalRow row) throws IOException {
        parquet.add(row);
        if (parquet.rows() % 10_000 == 0 && parquet.written() >= targetBytes) {
          done.add(close());
          start();
        }
      }

      DataFile close() throws IOException {
        List<Long> offsets = parquet.finish();
        long length = parquet.written();
        Metrics fileMetrics = withCounts(ParquetUtil.fileMetrics(
            table.io().newInputFile(file.location(), length), metrics),
            parquet.countsWithoutStatistics());
        return DataFiles.builder(table.spec()).withPath(file.location())
            .withFormat(FileFormat.PARQUET).withFileSizeInBytes(length).withPartition(key)
            .withMetrics(fileMetrics).withSplitOffsets(offsets).build();
      }
    }

    /**
     * {@code read} (the metrics Iceberg reads from the file's footer) with the value and null
     * counts of the columns written without statistics, for those whose metrics mode keeps
     * counts: Iceberg leaves out the counts of a column without statistics, and its own writer
     * always writes them.
     */
    private Metrics withCounts(Metrics read, Map<Integer, long[]> counts) {
      if (counts.isEmpty()) {
        return read;
      }
      Map<Integer, Long> values = new java.util.HashMap<>();
      Map<Integer, Long> nulls = new java.util.HashMap<>();
      if (read.valueCounts() != null) {
        values.putAll(read.valueCounts());
      }
      if (read.nullValueCounts() != null) {
        nulls.putAll(read.nullValueCounts());
      }
      counts.forEach((id, c) -> {
        if (metrics.columnMode(table.schema().findColumnName(id))
            instanceof org.apache.iceberg.MetricsModes.Counts) {
          values.put(id, c[0]);
          nulls.put(id, c[1]);
        }
      });
      return new Metrics(read.recordCount(), read.columnSizes(), values, nulls,
          read.nanValueCounts(), read.lowerBounds(), read.upperBounds());
    }

    Open forPartition(PartitionKey key) throws IOException {
      List<Object> values = new ArrayList<>(key.size());
      for (int i = 0; i < key.size(); i++) {
        values.add(key.get(i, Object.class));
      }
      Open file = open.get(values);
      if (file == null) {
        file = new Open(key);
        open.put(values, file);
      }
      return file;
    }

    List<DataFile> finish() throws IOException {
      for (Open file : open.values()) {
        done.add(file.close());
      }
      open.clear();
      return done;
    }

    void abort() {
      for (Open file : open.values()) {
        try {
          file.parquet.close();
        } catch (IOException | RuntimeException e) {
          // the file is deleted below either way
        }
      }
      for (String location : created) {
        try {
          table.io().deleteFile(location);
        } catch (RuntimeException e) {
          // already gone, or never written: `maintain remove-orphans` sweeps what is left
        }
      }
    }
  }

  /** A row's partition values, and whether they are those of the row before. */
  private static final class PartitionOf {
    private final PartitionSpec spec;
    private final Schema schema;
    private final int[] positions;
    private final Type[] types;
    private final SerializableFunction<Object, Object>[] transforms;
    private final Object[] last;

    /** @param ordinals where each of the schema's columns is in the rows */
    @SuppressWarnings("unchecked")
    PartitionOf(Schema schema, PartitionSpec spec, int[] ordinals) {
      this.schema = schema;
      this.spec = spec;
      List<PartitionField> fields = spec.fields();
      positions = new int[fields.size()];
      types = new Type[fields.size()];
      transforms = new SerializableFunction[fields.size()];
      last = new Object[fields.size()];
      for (int i = 0; i < fields.size(); i++) {
        Types.NestedField source = schema.findField(fields.get(i).sourceId());
        positions[i] = ordinals[schema.columns().indexOf(source)];
        types[i] = source.type();
        switch (types[i].typeId()) {
          case STRING, INTEGER, DATE, LONG, TIMESTAMP -> { }
          default -> throw new UnsupportedOperationException("partition field "
              + fields.get(i).name() + ": the columnar writer partitions by strings, integers,"
              + " longs, dates and timestamps, not " + types[i]);
        }
        Transform<Object, Object> transform = (Transform<Object, Object>) fields.get(i).transform();
        transforms[i] = transform.isIdentity() ? null : transform.bind(types[i]);
      }
    }

    boolean sameAsLast(InternalRow row) {
      for (int i = 0; i < positions.length; i++) {
        Object value = value(row, i);
        if (value == null ? last[i] != null : !value.equals(last[i])) {
          return false;
        }
      }
      return true;
    }

    /**
     * The partition value, in the row's own form for an identity field (a string stays bytes, not
     * decoded for every row), else transformed (e.g. a timestamp's day).
     */
    private Object value(InternalRow row, int i) {
      int at = positions[i];
      if (row.isNullAt(at)) {
        return transforms[i] == null ? null : transforms[i].apply(null);
      }
      Object raw = switch (types[i].typeId()) {
        case STRING -> row.getUTF8String(at);
        case INTEGER, DATE -> row.getInt(at);
        default -> row.getLong(at);
      };
      return transforms[i] == null ? raw
          : transforms[i].apply(raw instanceof UTF8String s ? s.toString() : raw);
    }

    PartitionKey keyOf(InternalRow row) {
      PartitionKey key = new PartitionKey(spec, schema);
      for (int i = 0; i < positions.length; i++) {
        Object value = value(row, i);
        last[i] = value instanceof UTF8String s ? s.clone() : value;
        key.set(i, value instanceof UTF8String s ? s.toString() : value);
      }
      return key;
    }
  }
}
