package io.github.blobds.bench;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Blob writes and reads on the simulator, next to a plain {@link FileChannel} on the same disk. Each
 * operation moves {@code size} bytes at the next offset of a 64 MiB thick blob (wrapping around), so
 * MB/s = ops/s × size / 10⁶. {@code writeFlush} and {@code fileChannelWriteForce} make every write
 * durable before the next; {@code write} leaves that to the device (a file's page cache).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BlobstoreBenchmark {

    private static final long BLOB_BYTES = 64L << 20;

    @Param({"memory", "file"})
    public String device;

    @Param({"4096", "262144"})
    public int size;

    private Path dir;
    private BlockDevice dev;
    private SimBlobstore bs;
    private Blob blob;
    private FileChannel plain;
    private ByteBuffer buf;
    private long offset;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("blobds-bench");
        dev = device.equals("memory") ? MemoryDevice.ofBytes(256L << 20, 4096) : FileDevice.create(dir.resolve("dev.img"), 256L << 20, 4096);
        bs = SimBlobstore.init(dev, BlobstoreOptions.defaults());
        BlobId id = bs.create(BlobOptions.builder().numClusters(BLOB_BYTES / bs.clusterSize()).build());
        blob = bs.open(id);
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        buf = ByteBuffer.allocateDirect(size).put(data).flip();
        for (long off = 0; off < BLOB_BYTES; off += size) {
            blob.write(off / 4096, buf.clear());
        }
        plain = FileChannel.open(dir.resolve("plain.dat"), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        for (long off = 0; off < BLOB_BYTES; off += size) {
            plain.write(buf.clear(), off);
        }
        plain.force(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        blob.close();
        bs.close();
        dev.close();
        plain.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long next() {
        long o = offset;
        offset = (offset + size) % BLOB_BYTES;
        return o;
    }

    @Benchmark
    public void write() {
        blob.write(next() / 4096, buf.clear());
    }

    @Benchmark
    public void writeFlush() {
        blob.write(next() / 4096, buf.clear());
        bs.flush();
    }

    @Benchmark
    public ByteBuffer read() {
        blob.read(next() / 4096, buf.clear());
        return buf;
    }

    @Benchmark
    public void fileChannelWrite() throws IOException {
        plain.write(buf.clear(), next());
    }

    @Benchmark
    public void fileChannelWriteForce() throws IOException {
        plain.write(buf.clear(), next());
        plain.force(false);
    }

    @Benchmark
    public ByteBuffer fileChannelRead() throws IOException {
        plain.read(buf.clear(), next());
        return buf;
    }
}
