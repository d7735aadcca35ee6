package dev.dugout.tables.columnar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One column of the row group being written: values go into a page buffer as they come, a full
 * page is encoded and compressed at once, and the chunk's pages wait in memory (compressed) until
 * the row group is written, since a column chunk's pages must lie together in the file.
 *
 * <p>Encodings are the ones Parquet's own writer uses for version-1 data pages: definition levels
 * RLE (optional columns only), numbers PLAIN, strings dictionary-encoded while the dictionary stays
 * small and PLAIN from then on (what parquet-mr calls the fallback), or PLAIN throughout where the
 * table turns the column's dictionary off. Page statistics are the
 * columns' min, max and null count, from which the writer builds the chunk's and the page index;
 * a string column whose bounds the table does not keep ({@code counts} or {@code none} as its
 * metrics mode: ids in no useful order) gets no statistics, so that no value is compared.
 */
abstract class ColumnChunk {
  /** Rows per page, as Iceberg's {@code write.parquet.page-row-limit} default. */
  static final int PAGE_ROWS = 20_000;

  final ColumnDescriptor descriptor;
  final PrimitiveType type;
  final String name;
  private final boolean optional;
  private final BytesInputCompressor compressor;
  private final CompressionCodecName codec;
  // False: no min and max kept, no statistics written (nor a page index).
  final boolean bounds;

  private RunLengthBitPackingHybridEncoder levels;
  int pageRows;
  int pageNulls;
  // Values (nulls included) and nulls in the file so far: what Iceberg counts from the
  // statistics, for a column written without them.
  long fileValues;
  long fileNulls;
  private long chunkValues;
  private long bufferedBytes;
  private final List<Page> pages = new ArrayList<>();

  private record Page(BytesInput compressed, int uncompressedSize, int rows, Statistics<?> stats,
      Encoding values) {}

  ColumnChunk(ColumnDescriptor descriptor, BytesInputCompressor compressor,
      CompressionCodecName codec, boolean bounds) {
    this.descriptor = descriptor;
    this.bounds = bounds;
    this.type = descriptor.getPrimitiveType();
    this.name = type.getName();
    this.optional = descriptor.getMaxDefinitionLevel() > 0;
    this.compressor = compressor;
    this.codec = codec;
  }

  /** Adds column {@code ordinal} of {@code row}; a page that fills is encoded. */
  final void add(InternalRow row, int ordinal) throws IOException {
    if (row.isNullAt(ordinal)) {
      if (!optional) {
        throw new IllegalArgumentException("column " + name + " is required but the row holds null");
      }
      level(0);
      pageNulls++;
    } else {
      if (optional) {
        level(1);
      }
      addValue(row, ordinal);
    }
    if (++pageRows == PAGE_ROWS || valueBytes() >= 1 << 20) {
      endPage();
    }
  }

  private void level(int value) throws IOException {
    if (levels == null) {
      levels = new RunLengthBitPackingHybridEncoder(1, 1024, 64 * 1024,
          HeapByteBufferAllocator.getInstance());
    }
    levels.writeInt(value);
  }

  abstract void addValue(InternalRow row, int ordinal);

  /** Bytes of the page's values as encoded so far (an estimate is enough: it sizes pages). */
  abstract int valueBytes();

  /** The page's values, encoded: a view valid until the column's next value (endPage copies it). */
  abstract BytesInput takeValues() throws IOException;

  abstract Encoding valuesEncoding();

  /**
   * The page's min, max and nulls (null if the column keeps no {@link #bounds}); the column then
   * starts the next page's afresh.
   */
  abstract Statistics<?> takeStatistics();

  /** The chunk's dictionary page, uncompressed, if any page used it; null otherwise. */
  DictionaryPage dictionary() {
    return null;
  }

  /** Uncompressed bytes this column holds for the row group so far. */
  final long bufferedBytes() {
    return bufferedBytes + valueBytes();
  }

  final void endPage() throws IOException {
    if (pageRows == 0) {
      return;
    }
    BytesInput values = takeValues();
    Encoding encoding = valuesEncoding();
    BytesInput page;
    if (optional) {
      BytesInput defined = levels.toBytes();
      page = BytesInput.concat(BytesInput.fromInt((int) defined.size()), defined, values);
      levels = null;
    } else {
      page = values;
    }
    int uncompressed = Math.toIntExact(page.size());
    // The compressor reuses its output buffer, and an uncompressed page is a view of the column's
    // own buffers, which the next page overwrites: this copy is the one the page keeps.
    BytesInput compressed = BytesInput.copy(compressor.compress(page));
    pages.add(new Page(compressed, uncompressed, pageRows, takeStatistics(), encoding));
    chunkValues += pageRows;
    fileValues += pageRows;
    fileNulls += pageNulls;
    bufferedBytes += uncompressed;
    pageRows = 0;
    pageNulls = 0;
  }

  /** Writes the row group's chunk of this column and starts the next chunk empty. */
  final void writeChunk(ParquetFileWriter file) throws IOException {
    endPage();
    file.startColumn(descriptor, chunkValues, codec);
    DictionaryPage dictionary = dictionary();
    if (dictionary != null) {
      file.writeDictionaryPage(new DictionaryPage(
          BytesInput.copy(compressor.compress(dictionary.getBytes())),
          Math.toIntExact(dictionary.getBytes().size()), dictionary.getDictionarySize(),
          dictionary.getEncoding()));
    }
    for (Page p : pages) {
      if (p.stats() == null) {
        // Parquet's writer then keeps no statistics for the chunk and no page index for it: a
        // page's statistics without min and max would mark it as holding nulls only.
        file.writeDataPage(p.rows(), p.uncompressedSize(), p.compressed(), Encoding.RLE,
            Encoding.RLE, p.values());
      } else {
        file.writeDataPage(p.rows(), p.uncompressedSize(), p.compressed(), p.stats(), p.rows(),
            Encoding.RLE, Encoding.RLE, p.values());
      }
    }
    file.endColumn();
    pages.clear();
    chunkValues = 0;
    bufferedBytes = 0;
    startChunk();
  }

  /** A new column chunk begins (a string column starts a new dictionary). */
  void startChunk() {}

  /**
   * @param bounds whether a string column keeps its min and max (numbers always do)
   * @param dictionary whether a string column tries a dictionary first (else PLAIN throughout)
   */
  static ColumnChunk of(ColumnDescriptor descriptor, org.apache.iceberg.types.Type icebergType,
      BytesInputCompressor compressor, CompressionCodecName codec, boolean bounds,
      boolean dictionary) {
    return switch (icebergType.typeId()) {
      case STRING -> new Strings(descriptor, compressor, codec, bounds, dictionary);
      case INTEGER, DATE -> new Numbers(descriptor, compressor, codec, false, -1, 0);
      case LONG, TIMESTAMP -> new Numbers(descriptor, compressor, codec, true, -1, 0);
      case DECIMAL -> {
        org.apache.iceberg.types.Types.DecimalType decimal =
            (org.apache.iceberg.types.Types.DecimalType) icebergType;
        if (decimal.precision() > 18) {
          throw new UnsupportedOperationException("column " + descriptor.getPrimitiveType().getName()
              + ": decimal(" + decimal.precision() + ", " + decimal.scale() + ") is wider than"
              + " the columnar writer's 18 digits");
        }
        yield new Numbers(descriptor, compressor, codec, decimal.precision() > 9,
            decimal.precision(), decimal.scale());
      }
      default -> throw new UnsupportedOperationException("column "
          + descriptor.getPrimitiveType().getName() + ": the columnar writer takes strings,"
          + " integers, longs, dates, timestamps and decimals, not " + icebergType);
    };
  }

  /** A growable little-endian byte buffer. */
  static final class Buffer {
    // PLAIN is little-endian; Platform writes in the machine's order.
    private static final boolean LITTLE_ENDIAN =
        java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    byte[] bytes = new byte[64 * 1024];
    int size;

    void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void putInt(int v) {
      ensure(4);
      Platform.putInt(bytes, Platform.BYTE_ARRAY_OFFSET + size,
          LITTLE_ENDIAN ? v : Integer.reverseBytes(v));
      size += 4;
    }

    static int intAt(byte[] bytes, int at) {
      int v = Platform.getInt(bytes, Platform.BYTE_ARRAY_OFFSET + at);
      return LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    void putLong(long v) {
      ensure(8);
      Platform.putLong(bytes, Platform.BYTE_ARRAY_OFFSET + size,
          LITTLE_ENDIAN ? v : Long.reverseBytes(v));
      size += 8;
    }

    void put(Object base, long offset, int length) {
      ensure(length);
      Platform.copyMemory(base, offset, bytes, Platform.BYTE_ARRAY_OFFSET + size, length);
      size += length;
    }

    /** The bytes so far, as a view valid until the buffer is written again; then empty. */
    BytesInput take() {
      BytesInput out = BytesInput.from(bytes, 0, size);
      size = 0;
      return out;
    }
  }

  /**
   * Numbers PLAIN-encoded: 32-bit (ints, dates as days, decimals of up to 9 digits unscaled) or
   * 64-bit (longs, timestamps as microseconds, decimals of 10 to 18 digits unscaled).
   */
  static final class Numbers extends ColumnChunk {
    private final boolean wide;
    private final int precision;
    private final int scale;
    private final Buffer values = new Buffer();
    private long min;
    private long max;

    /** @param precision the decimal's digits, or -1 for a plain int or long */
    Numbers(ColumnDescriptor d, BytesInputCompressor c, CompressionCodecName codec, boolean wide,
        int precision, int scale) {
      super(d, c, codec, true);
      this.wide = wide;
      this.precision = precision;
      this.scale = scale;
    }

    @Override
    void addValue(InternalRow row, int ordinal) {
      long v = precision >= 0 ? row.getDecimal(ordinal, precision, scale).toUnscaledLong()
          : wide ? row.getLong(ordinal) : row.getInt(ordinal);
      if (values.size == 0) {
        min = v;
        max = v;
      } else if (v < min) {
        min = v;
      } else if (v > max) {
        max = v;
      }
      if (wide) {
        values.putLong(v);
      } else {
        values.putInt((int) v);
      }
    }

    @Override
    int valueBytes() {
      return values.size;
    }

    @Override
    BytesInput takeValues() {
      return values.take();
    }

    @Override
    Encoding valuesEncoding() {
      return Encoding.PLAIN;
    }

    @Override
    Statistics<?> takeStatistics() {
      Statistics<?> stats = Statistics.createStats(type);
      if (pageRows > pageNulls) {
        if (wide) {
          stats.updateStats(min);
          stats.updateStats(max);
        } else {
          stats.updateStats((int) min);
          stats.updateStats((int) max);
        }
      }
      stats.incrementNumNulls(pageNulls);
      return stats;
    }
  }

  /**
   * UTF-8 strings. A chunk starts dictionary-encoded (a value equal to the one before it costs a
   * comparison, no hashing) and falls back to PLAIN for good once its dictionary passes
   * {@link #DICTIONARY_MAX_ENTRIES} or {@link #DICTIONARY_MAX_BYTES}: unique ids stop paying for a
   * dictionary after the first few thousand.
   */
  static final class Strings extends ColumnChunk {
    static final int DICTIONARY_MAX_ENTRIES = 1 << 14;
    static final int DICTIONARY_MAX_BYTES = 1 << 20;

    private final Buffer plain = new Buffer();
    // Dictionary state of the chunk: the values in id order, PLAIN-encoded, and their ids.
    private Buffer dictionaryValues = new Buffer();
    private Map<Key, Integer> ids = new HashMap<>();
    private boolean dictionaryUsed;
    private boolean fellBack;
    private int dictionaryEntries;
    private Encoding pageEncoding;
    // A page ends at PAGE_ROWS rows, so its ids fit.
    private final int[] pageIds = new int[PAGE_ROWS];
    private int pageValues;
    private int pageMaxId;
    // The previous value (a run of equal values skips the hash lookup and the comparisons).
    private UTF8String last;
    // The object the previous value came in: a row built in plain Java hands the same object
    // for a run of equal values (a board's match, contest and run ids), which then needs no
    // comparison of bytes either. Spark's own rows make an object per value read.
    private UTF8String lastGiven;
    private int lastId;
    private UTF8String min;
    private UTF8String max;
    private final Key probe = new Key();

    private final boolean dictionary;

    Strings(ColumnDescriptor d, BytesInputCompressor c, CompressionCodecName codec,
        boolean bounds, boolean dictionary) {
      super(d, c, codec, bounds);
      this.dictionary = dictionary;
      this.fellBack = !dictionary;
    }

    @Override
    void addValue(InternalRow row, int ordinal) {
      UTF8String v = row.getUTF8String(ordinal);
      boolean repeat = last != null && (v == lastGiven || v.equals(last));
      if (bounds && (!repeat || min == null)) {
        // (A page's first value repeating the previous page's last still sets its min and max.)
        // The row's bytes are reused by the next row: keep a copy of what must outlive it.
        if (min == null || v.compareTo(min) < 0) {
          min = v.clone();
        }
        if (max == null || v.compareTo(max) > 0) {
          max = v.clone();
        }
      }
      if (fellBack) {
        plain.putInt(v.numBytes());
        plain.put(v.getBaseObject(), v.getBaseOffset(), v.numBytes());
        last = null;
        return;
      }
      int id;
      if (repeat) {
        id = lastId;
      } else {
        probe.of(v);
        Integer known = ids.get(probe);
        if (known == null) {
          id = dictionaryEntries++;
          Key key = probe.copy();
          ids.put(key, id);
          dictionaryValues.putInt(key.length);
          dictionaryValues.put(key.base, key.offset, key.length);
        } else {
          id = known;
        }
        last = v.clone();
        lastId = id;
      }
      lastGiven = v;
      pageIds[pageValues++] = id;
      pageMaxId = Math.max(pageMaxId, id);
      if (dictionaryEntries > DICTIONARY_MAX_ENTRIES || dictionaryValues.size > DICTIONARY_MAX_BYTES) {
        fallBack();
      }
    }

    /** From now on this chunk is PLAIN: the page so far is rewritten from its ids. */
    private void fallBack() {
      byte[] dict = dictionaryValues.bytes;
      int[] starts = new int[dictionaryEntries];
      int at = 0;
      for (int i = 0; i < starts.length; i++) {
        starts[i] = at;
        at += 4 + Buffer.intAt(dict, at);
      }
      for (int i = 0; i < pageValues; i++) {
        int start = starts[pageIds[i]];
        int length = Buffer.intAt(dict, start);
        plain.put(dict, Platform.BYTE_ARRAY_OFFSET + start, 4 + length);
      }
      pageValues = 0;
      fellBack = true;
      last = null;
      ids = null;
      if (!dictionaryUsed) {
        // No page was written with the dictionary: the chunk has none.
        dictionaryValues = new Buffer();
        dictionaryEntries = 0;
      }
    }

    @Override
    int valueBytes() {
      // A dictionary-encoded page: its ids take well under 4 bytes each once packed.
      return fellBack ? plain.size : pageValues;
    }

    @Override
    BytesInput takeValues() throws IOException {
      if (fellBack || pageValues == 0) {
        // A page of nulls only carries no values: PLAIN, and no dictionary needed for it.
        pageEncoding = Encoding.PLAIN;
        return plain.take();
      }
      pageEncoding = Encoding.PLAIN_DICTIONARY;
      dictionaryUsed = true;
      int width = Math.max(1, BytesUtils.getWidthFromMaxInt(pageMaxId));
      RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(width,
          1024, 64 * 1024, HeapByteBufferAllocator.getInstance());
      for (int i = 0; i < pageValues; i++) {
        encoder.writeInt(pageIds[i]);
      }
      BytesInput out = BytesInput.concat(BytesInput.from(new byte[] {(byte) width}),
          encoder.toBytes());
      pageValues = 0;
      pageMaxId = 0;
      return out;
    }

    @Override
    Encoding valuesEncoding() {
      return pageEncoding;
    }

    @Override
    Statistics<?> takeStatistics() {
      if (!bounds) {
        return null;
      }
      Statistics<?> stats = Statistics.createStats(type);
      if (pageRows > pageNulls) {
        stats.updateStats(Binary.fromConstantByteArray(min.getBytes()));
        stats.updateStats(Binary.fromConstantByteArray(max.getBytes()));
      }
      stats.incrementNumNulls(pageNulls);
      min = null;
      max = null;
      return stats;
    }

    @Override
    DictionaryPage dictionary() {
      if (!dictionaryUsed) {
        return null;
      }
      // A view: writeChunk compresses it before the chunk's next dictionary replaces the buffer.
      return new DictionaryPage(BytesInput.from(dictionaryValues.bytes, 0, dictionaryValues.size),
          dictionaryEntries, Encoding.PLAIN_DICTIONARY);
    }

    @Override
    void startChunk() {
      dictionaryValues = new Buffer();
      ids = new HashMap<>();
      dictionaryEntries = 0;
      dictionaryUsed = false;
      fellBack = !dictionary;
      last = null;
      pageValues = 0;
      pageMaxId = 0;
    }
  }

  /** Bytes in memory (a row's, or a dictionary's own copy) as a hash key. */
  static final class Key {
    Object base;
    long offset;
    int length;
    int hash;

    void of(UTF8String s) {
      base = s.getBaseObject();
      offset = s.getBaseOffset();
      length = s.numBytes();
      hash = Murmur3_x86_32.hashUnsafeBytes(base, offset, length, 42);
    }

    Key copy() {
      Key k = new Key();
      byte[] bytes = new byte[length];
      Platform.copyMemory(base, offset, bytes, Platform.BYTE_ARRAY_OFFSET, length);
      k.base = bytes;
      k.offset = Platform.BYTE_ARRAY_OFFSET;
      k.length = length;
      k.hash = hash;
      return k;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.length == length && k.hash == hash
          && org.apache.spark.unsafe.array.ByteArrayMethods.arrayEquals(base, offset, k.base,
              k.offset, length);
    }
  }
}
