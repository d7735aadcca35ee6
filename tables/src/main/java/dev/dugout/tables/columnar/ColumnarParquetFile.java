package dev.dugout.tables.columnar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.MetricsModes;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Writes Spark's internal rows of a flat Iceberg schema to one Parquet file, a column at a time
 * (see {@link ColumnChunk}), with the Parquet schema Iceberg itself derives for the table (field
 * ids included), so Iceberg reads the file as one of its own.
 *
 * <p>Why not Iceberg's writer: on two cores it spends most of a ten-million-row write boxing
 * every value, hashing every string into a dictionary (unique ids too, until the dictionary
 * overflows), and copying each string out of the row; this writer copies each value once into
 * its page and hashes a string only when it differs from the one before, while dictionaries last.
 */
final class ColumnarParquetFile implements AutoCloseable {
  private final ParquetFileWriter writer;
  private final Out out;
  private final ColumnChunk[] columns;
  private final int[] fieldIds;
  private final int[] ordinals;
  private final long rowGroupBytes;
  private final CodecFactory codecs;
  private final String schemaJson;
  private long rowGroupRows;
  private long rows;
  private boolean closed;

  /**
   * @param codec the table's {@code write.parquet.compression-codec} (zstd, snappy, gzip, ...)
   * @param level the table's {@code write.parquet.compression-level}, or null for the codec's own
   * @param ordinals where each of the schema's columns is in the rows given to {@link #add}
   * @param metrics the table's metrics modes: a string column whose mode keeps no bounds
   *     ({@code counts}, {@code none}) is written without statistics
   * @param plain the string columns written PLAIN throughout, with no dictionary tried
   */
  ColumnarParquetFile(OutputFile file, Schema schema, String codec, String level,
      long rowGroupBytes, int[] ordinals, MetricsConfig metrics, java.util.Set<String> plain)
      throws IOException {
    MessageType parquetSchema = parquetSchema(schema);
    CompressionCodecName codecName = CompressionCodecName.fromConf(codec);
    Configuration conf = new Configuration(false);
    if (level != null) {
      conf.set("parquet.compression.codec.zstd.level", level);
      conf.set("zlib.compress.level", level);
    }
    this.codecs = new CodecFactory(conf, 1 << 20);
    BytesInputCompressor compressor = codecs.getCompressor(codecName);
    List<Types.NestedField> fields = schema.columns();
    List<ColumnDescriptor> descriptors = parquetSchema.getColumns();
    this.columns = new ColumnChunk[fields.size()];
    this.fieldIds = new int[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      fieldIds[i] = fields.get(i).fieldId();
      columns[i] = ColumnChunk.of(descriptors.get(i), fields.get(i).type(), compressor, codecName,
          keepsBounds(metrics, fields.get(i).name()), !plain.contains(fields.get(i).name()));
    }
    this.ordinals = ordinals.clone();
    this.rowGroupBytes = rowGroupBytes;
    this.schemaJson = SchemaParser.toJson(schema);
    this.out = new Out(file);
    this.writer = new ParquetFileWriter(out, parquetSchema,
        // OVERWRITE: the file's name is new (Iceberg's output file factory), and S3FileIO's
        // create() would ask the store first whether it exists.
        ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0, 64, Integer.MAX_VALUE, false);
    writer.start();
  }

  /** Whether the table's metrics mode for {@code column} keeps its lower and upper bounds. */
  static boolean keepsBounds(MetricsConfig metrics, String column) {
    MetricsModes.MetricsMode mode = metrics.columnMode(column);
    return !(mode instanceof MetricsModes.None || mode instanceof MetricsModes.Counts);
  }

  /**
   * The Parquet schema Iceberg's own writer uses for {@code schema}: built by Iceberg (its Parquet
   * classes are shaded) and carried over by its text, field ids and logical types included.
   */
  static MessageType parquetSchema(Schema schema) {
    for (Types.NestedField field : schema.columns()) {
      if (!field.type().isPrimitiveType()) {
        throw new UnsupportedOperationException("column " + field.name() + " is " + field.type()
            + ": the columnar writer takes flat schemas only");
      }
    }
    return MessageTypeParser.parseMessageType(
        org.apache.iceberg.parquet.ParquetSchemaUtil.convert(schema, "table").toString());
  }

  void add(InternalRow row) throws IOException {
    for (int i = 0; i < columns.length; i++) {
      columns[i].add(row, ordinals[i]);
    }
    rows++;
    // Checked every 1,000 rows: the columns' sizes only matter at row-group scale.
    if (++rowGroupRows % 1000 == 0 && buffered() >= rowGroupBytes) {
      writeRowGroup();
    }
  }

  long rows() {
    return rows;
  }

  /** Bytes written to the file so far (row groups already out). */
  long written() throws IOException {
    return writer.getPos();
  }

  private long buffered() {
    long bytes = 0;
    for (ColumnChunk c : columns) {
      bytes += c.bufferedBytes();
    }
    return bytes;
  }

  private void writeRowGroup() throws IOException {
    if (rowGroupRows == 0) {
      return;
    }
    writer.startBlock(rowGroupRows);
    for (ColumnChunk c : columns) {
      c.writeChunk(writer);
    }
    writer.endBlock();
    rowGroupRows = 0;
  }

  /**
   * Per field id of a column written without statistics, its values (nulls included) and nulls in
   * the file, which Iceberg counts from the statistics of the other columns.
   */
  Map<Integer, long[]> countsWithoutStatistics() {
    Map<Integer, long[]> counts = new java.util.HashMap<>();
    for (int i = 0; i < columns.length; i++) {
      if (!columns[i].bounds) {
        counts.put(fieldIds[i], new long[] {columns[i].fileValues, columns[i].fileNulls});
      }
    }
    return counts;
  }

  /** Ends the file; returns the row groups' starting offsets (Iceberg's split offsets). */
  List<Long> finish() throws IOException {
    writeRowGroup();
    writer.end(Map.of("iceberg.schema", schemaJson));
    closed = true;
    codecs.release();
    List<Long> offsets = new ArrayList<>();
    for (BlockMetaData block : writer.getFooter().getBlocks()) {
      offsets.add(block.getStartingPos());
    }
    return offsets;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      codecs.release();
      // An unfinished file is not valid Parquet: closed as it is, for the caller to delete.
      if (out.stream != null) {
        out.stream.close();
      }
    }
  }

  /** Parquet's output interface over an Iceberg output file (local, HDFS or S3 alike). */
  private static final class Out implements org.apache.parquet.io.OutputFile {
    private final OutputFile file;
    private PositionOutputStream stream;

    Out(OutputFile file) {
      this.file = file;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return open(file.create());
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return open(file.createOrOverwrite());
    }

    private PositionOutputStream open(org.apache.iceberg.io.PositionOutputStream out) {
      stream = new PositionOutputStream() {
        @Override
        public long getPos() throws IOException {
          return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
      return stream;
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
