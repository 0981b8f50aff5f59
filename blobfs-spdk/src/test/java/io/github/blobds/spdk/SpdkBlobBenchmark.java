package io.github.blobds.spdk;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
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
 * Per-call latency of one 4 KiB blob read and one 4 KiB blob write from a Java thread: SPDK's Blobstore
 * through the JNI shim on a malloc bdev ({@code spdk-malloc}) next to {@code SimBlobstore} on a
 * {@code MemoryDevice} ({@code sim-memory}). Both use 4 KiB blocks, 1 MiB clusters, a thick 16 MiB blob
 * written in full beforehand, a 4 KiB-aligned direct buffer (no copy in the shim) and a rotating
 * io_unit offset. Not a unit test (surefire does not pick it up); run it with
 * {@code java -cp <test class path> org.openjdk.jmh.Main SpdkBlobBenchmark} (docs/spdk.md, "Per-call latency").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class SpdkBlobBenchmark {

    private static final int IO_UNIT = 4096;
    private static final int BLOB_CLUSTERS = 16;
    private static final long BLOB_IO_UNITS = BLOB_CLUSTERS * (1L << 20) / IO_UNIT;

    @Param({"spdk-malloc", "sim-memory"})
    public String backend;

    /**
     * The data buffer: a Java direct buffer ({@code direct}), or DPDK memory from
     * {@link SpdkEnvironment#dmaBuffer} ({@code dma}, SPDK only), which is never copied even where the
     * environment bounces other buffers ({@code -jvmArgsAppend -Dblobds.spdk.dmaBounce=true}, or with PCI:
     * {@code -Dblobds.spdk.pci=true -Dblobds.spdk.hugePages=true}).
     */
    @Param({"direct"})
    public String buffer;

    private SpdkEnvironment.DmaBuffer dma;

    private SpdkEnvironment env;
    private Blobstore bs;
    private Blob blob;
    private ByteBuffer data;
    private long next;

    @Setup(Level.Trial)
    public void setUp() {
        BlobstoreOptions options = BlobstoreOptions.defaults().withClusterSize(1 << 20);
        long deviceBytes = 64L << 20;
        if (backend.equals("spdk-malloc")) {
            System.setProperty("blobds.spdk.memSize", System.getProperty("blobds.spdk.memSize", "256"));
            env = SpdkEnvironment.start(SpdkEnvironment.Options.fromSystemProperties());
            env.createMallocBdev("BenchMalloc0", deviceBytes, IO_UNIT);
            bs = SpdkBlobstore.init(env, "BenchMalloc0", options);
        } else {
            bs = SimBlobstore.init(MemoryDevice.ofBytes(deviceBytes, IO_UNIT), options);
        }
        blob = bs.open(bs.create(BlobOptions.builder().numClusters(BLOB_CLUSTERS).build()));
        if (buffer.equals("dma")) {
            dma = env.dmaBuffer(IO_UNIT);
            data = dma.buffer();
        } else {
            data = ByteBuffer.allocateDirect(2 * IO_UNIT).alignedSlice(IO_UNIT).slice(0, IO_UNIT);
        }
        byte[] fill = new byte[IO_UNIT];
        for (long u = 0; u < BLOB_IO_UNITS; u++) {
            ThreadLocalRandom.current().nextBytes(fill);
            data.clear().put(fill).flip();
            blob.write(u, data);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        blob.close();
        bs.close();
        if (dma != null) {
            dma.close();
        }
        if (env != null) {
            env.close();
        }
    }

    private long offset() {
        long o = next;
        next = (o + 97) % BLOB_IO_UNITS;
        return o;
    }

    @Benchmark
    public ByteBuffer read4k() {
        data.clear();
        blob.read(offset(), data);
        return data;
    }

    @Benchmark
    public ByteBuffer write4k() {
        data.clear();
        blob.write(offset(), data);
        return data;
    }
}
