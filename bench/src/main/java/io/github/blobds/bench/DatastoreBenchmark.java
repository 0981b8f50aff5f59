package io.github.blobds.bench;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.flatfs.FlatfsDatastore;
import io.github.blobds.flatfs.ShardFunction;
import io.github.blobds.levelds.LeveldbDatastore;
import io.github.blobds.levelds.LeveldbOptions;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
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
 * kubo's two datastores, each on the local disk and on BlobFS over a simulated Blobstore on a {@link
 * FileDevice} image in the same temporary directory (2 GiB, sparse, BlobFS's 256 KiB default clusters):
 * <ul>
 *   <li>{@code flatfs}: 256 KiB blocks under CIDv1-like keys, sharded {@code next-to-last/2}, {@code sync}
 *       on (kubo's default): {@code put} writes a temp file, forces it, renames it and forces the shard
 *       directory; {@code get} reads one of 400 stored blocks at random.</li>
 *   <li>{@code levelds}: 100-byte values, writes synced (go-ds-leveldb's default), no compression;
 *       {@code get} reads one of 100,000 stored records at random.</li>
 * </ul>
 * One thread. Puts cycle over 2,048 keys (flatfs) so that the live data stays at 512 MiB, and over fresh
 * keys (levelds), as block stores and record stores are written.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DatastoreBenchmark {

    private static final int BLOCK = 256 << 10;
    private static final int STORED_BLOCKS = 400;
    private static final int PUT_BLOCK_KEYS = 2048;
    private static final int RECORD = 100;
    private static final int STORED_RECORDS = 100_000;

    /** {@code <datastore>/<file system>}. */
    @Param({"flatfs/local", "flatfs/blobfs", "levelds/local", "levelds/blobfs"})
    public String store;

    private Path dir;
    private BlobFileSystem blobfs;
    private Datastore ds;
    private boolean flatfs;
    private byte[] value;
    private Key[] stored;
    private final Random random = new Random(42);
    private long puts;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("blobds-bench");
        String[] parts = store.split("/");
        flatfs = parts[0].equals("flatfs");
        Path root;
        if (parts[1].equals("blobfs")) {
            FileDevice dev = FileDevice.create(dir.resolve("blobfs.img"), 2L << 30, 4096);
            blobfs = BlobFileSystem.open(SimBlobstore.init(dev, BlobFs.formatOptions(0, -1)), true);
            root = blobfs.getPath("/");
        } else {
            root = dir;
        }
        value = new byte[flatfs ? BLOCK : RECORD];
        random.nextBytes(value);
        if (flatfs) {
            ds = FlatfsDatastore.createOrOpen(root.resolve("blocks"), ShardFunction.DEFAULT, true);
            stored = new Key[STORED_BLOCKS];
            for (int i = 0; i < STORED_BLOCKS; i++) {
                stored[i] = blockKey("S", i);
                ds.put(stored[i], value);
            }
        } else {
            LeveldbDatastore db = LeveldbDatastore.open(root.resolve("leveldb"), LeveldbOptions.defaults());
            ds = db;
            stored = new Key[STORED_RECORDS];
            var batch = db.batch();
            for (int i = 0; i < STORED_RECORDS; i++) {
                stored[i] = Key.of("/records/r" + i);
                batch.put(stored[i], value);
            }
            batch.commit();
        }
    }

    /** A key shaped like kubo's: {@code /CIQ} and base32-like upper-case characters, unique per {@code n}. */
    static Key blockKey(String tag, long n) {
        return Key.of(String.format(Locale.ROOT, "/CIQ%sA%012X", tag, n));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        ds.close();
        if (blobfs != null) {
            blobfs.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One synced put: a 256 KiB block (flatfs) or a 100-byte record (levelds). */
    @Benchmark
    public void putSynced() {
        long n = puts++;
        ds.put(flatfs ? blockKey("P", n % PUT_BLOCK_KEYS) : Key.of("/fresh/r" + n), value);
    }

    /** One get of a stored value chosen at random. */
    @Benchmark
    public byte[] getRandom() {
        return ds.get(stored[random.nextInt(stored.length)]);
    }
}
