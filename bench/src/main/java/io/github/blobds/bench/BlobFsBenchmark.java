package io.github.blobds.bench;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.sim.FileDevice;
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
 * Files through NIO: sequential 256 KiB appends each followed by {@code force}, and random 4 KiB reads
 * of a 64 MiB file, on BlobFS over a {@link FileDevice} image (default 256 KiB clusters) and on the
 * default file system in the same directory. MB/s = ops/s × size / 10⁶.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BlobFsBenchmark {

    private static final long FILE_BYTES = 64L << 20;

    @Param({"blobfs", "default"})
    public String fs;

    private Path dir;
    private BlobFileSystem blobfs;
    private FileChannel appender;
    private FileChannel reader;
    private final ByteBuffer block = ByteBuffer.allocateDirect(256 << 10);
    private final ByteBuffer page = ByteBuffer.allocateDirect(4096);
    private final Random random = new Random(42);
    private long appended;
    private int file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("blobds-bench");
        byte[] data = new byte[block.capacity()];
        random.nextBytes(data);
        block.put(data).flip();
        Path root;
        if (fs.equals("blobfs")) {
            FileDevice dev = FileDevice.create(dir.resolve("blobfs.img"), 2L << 30, 4096);
            blobfs = BlobFileSystem.open(SimBlobstore.init(dev, BlobFs.formatOptions(0, -1)), true);
            root = blobfs.getPath("/");
        } else {
            root = dir;
        }
        Path readFile = root.resolve("read.dat");
        try (FileChannel ch = FileChannel.open(readFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long off = 0; off < FILE_BYTES; off += block.capacity()) {
                ch.write(block.clear());
            }
            ch.force(true);
        }
        reader = FileChannel.open(readFile, StandardOpenOption.READ);
        newAppender(root);
    }

    private void newAppender(Path root) throws IOException {
        if (appender != null) {
            appender.close();
            Files.delete(root.resolve("append" + (file - 1) + ".dat")); // keep the device from filling up
        }
        appender = FileChannel.open(root.resolve("append" + (file++) + ".dat"), StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND);
        appended = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        appender.close();
        reader.close();
        if (blobfs != null) {
            blobfs.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void append256KiBForce() throws IOException {
        if (appended >= FILE_BYTES) {
            newAppender(blobfs != null ? blobfs.getPath("/") : dir);
        }
        appender.write(block.clear());
        appender.force(false);
        appended += block.capacity();
    }

    @Benchmark
    public ByteBuffer randomRead4KiB() throws IOException {
        long off = (random.nextLong(FILE_BYTES / 4096)) * 4096;
        reader.read(page.clear(), off);
        return page;
    }
}
