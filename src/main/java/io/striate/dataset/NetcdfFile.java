package io.striate.dataset;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one netCDF4/HDF5 reader of Striate's dataset importers (BrainIO NeuronRecordingAssembly and PropertyAssembly
 * files as xarray writes them), on the pure-Java io.jhdf library (0.13; 0.9.x returned zeros outside the first
 * chunk on a partial read of a chunked dataset, jhdf issue #727).
 *
 * <p>Storage is whatever the writer chose: contiguous ({@code to_netcdf} without encoding) or chunked and filtered
 * (Brain-Score's {@code write_netcdf} default: zlib level 1 + shuffle, netCDF-C's default chunking). A large data
 * variable is streamed with {@link #readBlocks} in blocks of whole chunks along its first axis, and every element read
 * is counted and summed into an order-independent checksum that is compared with a second, independent read of the
 * same storage (each chunk decompressed whole, or the contiguous bytes decoded directly), so a misread is an error,
 * never silent.
 */
public final class NetcdfFile implements AutoCloseable {
  /** The name xarray gives an unnamed DataArray ({@code DataArray.to_netcdf}). */
  public static final String XARRAY_VARIABLE = "__xarray_dataarray_variable__";
  /** The name Brain-Score's compressed {@code write_netcdf} gives the data ({@code to_dataset(name="data")}). */
  public static final String BRAINIO_VARIABLE = "data";
  private static final long BLOCK_ELEMENTS = 1L << 22;

  private final Path path;
  private final HdfFile hdf;

  private NetcdfFile(Path path, HdfFile hdf) {
    this.path = path;
    this.hdf = hdf;
  }

  /** Opens {@code file}; a file that is not HDF5 is {@link DatasetException#UNREADABLE}. */
  public static NetcdfFile open(Path file) {
    try {
      return new NetcdfFile(file, new HdfFile(file));
    } catch (RuntimeException e) {
      throw new DatasetException(DatasetException.UNREADABLE, file.getFileName().toString(),
          "not a netCDF4/HDF5 file: " + e.getMessage(), "save the assembly with xarray's to_netcdf", e);
    }
  }

  @Override
  public void close() {
    hdf.close();
  }

  public Path path() {
    return path;
  }

  /** The first of {@code names} that is a dataset at the root. */
  public Optional<Dataset> variable(String... names) {
    for (String name : names) {
      if (hdf.getChildren().get(name) instanceof Dataset d) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names}, else {@link DatasetException#MISSING_VARIABLE} naming {@code names[0]}. */
  public Dataset require(String... names) {
    return variable(names).orElseThrow(() -> new DatasetException(DatasetException.MISSING_VARIABLE, names[0],
        path.getFileName() + " has no '" + names[0] + "' variable", "BrainIO assemblies carry " + names[0]
            + " as a coordinate variable"));
  }

  /**
   * The data variable: {@value #XARRAY_VARIABLE}, else {@value #BRAINIO_VARIABLE}, else the only fixed-length
   * dataset of at least {@code minRank} dimensions whose name does not start with {@code _}.
   */
  public Dataset dataVariable(int minRank) {
    Optional<Dataset> named = variable(XARRAY_VARIABLE, BRAINIO_VARIABLE);
    if (named.isPresent() && named.get().getDimensions().length >= minRank) {
      return named.get();
    }
    List<Dataset> candidates = hdf.getChildren().values().stream().filter(n -> n instanceof Dataset)
        .map(n -> (Dataset) n).filter(d -> d.getDimensions().length >= minRank && !d.isVariableLength()
            && !d.getName().startsWith("_")).toList();
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    throw new DatasetException(DatasetException.MISSING_VARIABLE, XARRAY_VARIABLE, path.getFileName() + " has "
        + (candidates.isEmpty() ? "no" : candidates.size() + " candidate") + " data variables of " + minRank
        + "+ dimensions", "name the DataArray's variable " + XARRAY_VARIABLE + " or " + BRAINIO_VARIABLE);
  }

  /** An attribute of {@code on} (or, if absent there, of the file), as numbers. */
  public Optional<double[]> numericAttribute(Node on, String name) {
    Attribute a = on.getAttribute(name);
    if (a == null) {
      a = hdf.getAttribute(name);
    }
    return a == null ? Optional.empty() : Optional.of(doubles(a.getData()));
  }

  /** A whole 1-D variable as strings. */
  public static String[] strings(Dataset d) {
    Object v = d.getData();
    if (v instanceof String[] s) {
      return s;
    }
    int n = Array.getLength(v);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = String.valueOf(Array.get(v, i));
    }
    return out;
  }

  /** A whole 1-D numeric variable as longs. */
  public static long[] longs(Dataset d) {
    Object v = d.getData();
    int n = Array.getLength(v);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      Object x = Array.get(v, i);
      out[i] = x instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(x));
    }
    return out;
  }

  /** A whole 1-D numeric variable as doubles. */
  public static double[] doubles(Dataset d) {
    return doubles(d.getData());
  }

  /** A scalar or 1-D numeric array as doubles. */
  static double[] doubles(Object v) {
    if (!v.getClass().isArray()) {
      return new double[] {((Number) v).doubleValue()};
    }
    int n = Array.getLength(v);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) Array.get(v, i)).doubleValue();
    }
    return out;
  }

  /** A whole 2-D numeric variable, {@code [row][column]} as stored, read with the same verification as blocks. */
  public static double[][] matrix(Dataset d) {
    int[] dims = d.getDimensions();
    if (dims.length != 2) {
      throw new DatasetException(DatasetException.WRONG_DIMENSION, d.getName(), d.getName() + " has "
          + dims.length + " dimensions", "expected a 2-D variable");
    }
    double[][] out = new double[dims[0]][dims[1]];
    readBlocks(d, (firstRow, rows, values) -> {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(values, r * dims[1], out[firstRow + r], 0, dims[1]);
      }
    });
    return out;
  }

  /** Receives consecutive blocks of whole rows of the first axis, in C order. */
  @FunctionalInterface
  public interface BlockConsumer {
    /**
     * @param firstRow index of the block's first row along the stored first axis
     * @param rows     rows in this block
     * @param values   {@code rows × (product of the other dimensions)} values, C order
     */
    void accept(int firstRow, int rows, double[] values);
  }

  /**
   * What was read and how it was checked.
   *
   * @param elements     elements delivered (equal to the dataset's size, checked)
   * @param checksum     order-independent checksum of the delivered values (sum of mixed IEEE-754 bit patterns)
   * @param storage      e.g. {@code chunked 300x10x150, filters [shuffle, deflate]} or {@code contiguous}
   * @param verification how the checksum was confirmed: {@code whole-chunk read}, {@code contiguous bytes}, or
   *                     {@code element count only} (a contiguous variable over 2 GiB)
   */
  public record ReadCheck(long elements, long checksum, String storage, String verification) {
  }

  /**
   * Streams all of {@code d} in blocks of whole chunks along its first axis (at most ~4 M elements each), then
   * confirms the element count and checksum with an independent read of the storage.
   */
  public static ReadCheck readBlocks(Dataset d, BlockConsumer consumer) {
    int[] dims = d.getDimensions();
    long perRow = 1;
    for (int a = 1; a < dims.length; a++) {
      perRow *= dims[a];
    }
    int align = d instanceof ChunkedDataset c ? c.getChunkDimensions()[0] : 1;
    long rowsFit = Math.max(1, BLOCK_ELEMENTS / Math.max(1, perRow));
    int block = (int) Math.max(align, rowsFit / align * align);
    long count = 0;
    long checksum = 0;
    for (int b0 = 0; b0 < dims[0]; b0 += block) {
      int rows = Math.min(block, dims[0] - b0);
      long[] offset = new long[dims.length];
      int[] shape = dims.clone();
      offset[0] = b0;
      shape[0] = rows;
      double[] flat = flatten(d.getData(offset, shape), rows * perRow);
      for (double v : flat) {
        checksum += mix(v);
      }
      count += flat.length;
      consumer.accept(b0, rows, flat);
    }
    ReadCheck independent = independentChecksum(d);
    if (count != d.getSize() || (independent.elements() >= 0 && (independent.elements() != count
        || independent.checksum() != checksum))) {
      throw new DatasetException(DatasetException.UNREADABLE, d.getName(), "reading " + d.getName() + " ("
          + independent.storage() + ") gave " + count + " elements, checksum " + Long.toHexString(checksum)
          + "; the whole-storage read gave " + independent.elements() + " elements, checksum "
          + Long.toHexString(independent.checksum()), "the file's storage layout is not read correctly by this "
          + "version of Striate; re-save it with xarray's to_netcdf without encoding and report the file");
    }
    return new ReadCheck(count, checksum, independent.storage(), independent.verification());
  }

  /** Order-independent per-value hash: a 64-bit mix of the IEEE-754 bits (-0.0 and 0.0 kept apart). */
  static long mix(double v) {
    long z = Double.doubleToLongBits(v) + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static ReadCheck independentChecksum(Dataset d) {
    DataType type = d.getDataType();
    int[] dims = d.getDimensions();
    if (d instanceof ChunkedDataset c) {
      int[] chunk = c.getChunkDimensions();
      String storage = "chunked " + join(chunk) + ", filters " + d.getFilters().stream()
          .map(f -> f.getName()).toList();
      long count = 0;
      long sum = 0;
      int[] at = new int[dims.length];
      int[] grid = new int[dims.length];
      for (int a = 0; a < dims.length; a++) {
        grid[a] = (dims[a] + chunk[a] - 1) / chunk[a];
      }
      int[] g = new int[dims.length];
      long chunks = 1;
      for (int n : grid) {
        chunks *= n;
      }
      for (long k = 0; k < chunks; k++) {
        long rest = k;
        for (int a = dims.length - 1; a >= 0; a--) {
          g[a] = (int) (rest % grid[a]);
          rest /= grid[a];
          at[a] = g[a] * chunk[a];
        }
        ByteBuffer bytes = ByteBuffer.wrap(decompressed(c, at));
        int cells = 1;
        for (int n : chunk) {
          cells *= n;
        }
        int[] local = new int[dims.length];
        for (int e = 0; e < cells; e++) {
          int r = e;
          boolean inside = true;
          for (int a = dims.length - 1; a >= 0; a--) {
            local[a] = r % chunk[a];
            r /= chunk[a];
            inside &= at[a] + local[a] < dims[a];
          }
          double v = value(bytes, e, type);
          if (inside) {
            sum += mix(v);
            count++;
          }
        }
      }
      return new ReadCheck(count, sum, storage, "whole-chunk read");
    }
    if (d instanceof ContiguousDataset c && d.getSizeInBytes() <= Integer.MAX_VALUE) {
      ByteBuffer bytes = c.getBuffer();
      long sum = 0;
      long n = d.getSize();
      for (int e = 0; e < n; e++) {
        sum += mix(value(bytes, e, type));
      }
      return new ReadCheck(n, sum, "contiguous", "contiguous bytes");
    }
    return new ReadCheck(-1, 0, d.getDataLayout().name().toLowerCase(), "element count only");
  }

  /** A chunk's bytes; a chunk that was never written (no storage allocated) is an error, not zeros. */
  private static byte[] decompressed(ChunkedDataset c, int[] offset) {
    try {
      return c.getDecompressedChunk(offset.clone());
    } catch (HdfException missing) {
      throw new DatasetException(DatasetException.UNREADABLE, c.getName(), "chunk " + Arrays.toString(offset)
          + " of " + c.getName() + " is not stored (" + missing.getMessage() + ")",
          "write every value of the assembly before saving it");
    }
  }

  private static double value(ByteBuffer bytes, int index, DataType type) {
    int size = type.getSize();
    int at = index * size;
    if (type instanceof FloatingPoint f) {
      bytes.order(f.getByteOrder());
      return size == 8 ? bytes.getDouble(at) : bytes.getFloat(at);
    }
    if (type instanceof FixedPoint f) {
      bytes.order(f.getByteOrder());
      long v = switch (size) {
        case 1 -> f.isSigned() ? bytes.get(at) : bytes.get(at) & 0xFFL;
        case 2 -> f.isSigned() ? bytes.getShort(at) : bytes.getShort(at) & 0xFFFFL;
        case 4 -> f.isSigned() ? bytes.getInt(at) : bytes.getInt(at) & 0xFFFFFFFFL;
        default -> bytes.getLong(at);
      };
      return v;
    }
    throw new DatasetException(DatasetException.UNREADABLE, "data", "unsupported data type " + type,
        "store the responses as floating-point or integer numbers");
  }

  /** A nested numeric array (any rank) flattened in C order. */
  static double[] flatten(Object nested, long expected) {
    if (expected > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("block too large: " + expected);
    }
    double[] out = new double[(int) expected];
    int n = fill(nested, out, 0);
    if (n != expected) {
      throw new DatasetException(DatasetException.UNREADABLE, "data", "a block read " + n + " values, expected "
          + expected, "the file's storage layout is not read correctly; report the file");
    }
    return out;
  }

  private static int fill(Object a, double[] out, int at) {
    if (a instanceof double[] d) {
      System.arraycopy(d, 0, out, at, d.length);
      return at + d.length;
    }
    if (a instanceof float[] f) {
      for (float v : f) {
        out[at++] = v;
      }
      return at;
    }
    if (a instanceof Object[] rows) {
      for (Object r : rows) {
        at = fill(r, out, at);
      }
      return at;
    }
    int n = Array.getLength(a);
    for (int i = 0; i < n; i++) {
      out[at++] = ((Number) Array.get(a, i)).doubleValue();
    }
    return at;
  }

  private static String join(int[] dims) {
    return String.join("x", Arrays.stream(dims).mapToObj(Integer::toString).toList());
  }
}
