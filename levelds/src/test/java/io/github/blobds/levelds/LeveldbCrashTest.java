package io.github.blobds.levelds;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.ForwardingBlockDevice;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import io.github.blobds.sim.SimulatedDevice;
import io.github.blobds.sim.SimulatedDevice.CrashModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Power loss under LevelDB on BlobFS: LevelDB with synced writes (go-ds-leveldb's default) runs on
 * BlobFS over a simulated Blobstore on a {@link SimulatedDevice}, whose unflushed writes are volatile.
 * After rounds of random puts, deletes and batches, with write buffers small enough that LevelDB flushes
 * memtables and compacts tables as it goes, the power is cut: the old stack loses the device, the device
 * keeps what its crash model lets survive of the unflushed writes, and the image is loaded again
 * (Blobstore recovery, BlobFS repairs, LevelDB's log replay). Every write that returned — each one synced —
 * must be found, and nothing else. Both crash models run: a write-back cache that reorders and tears
 * pages, and SPDK's in-order assumption.
 *
 * <p>Each seed runs three rounds; the power goes after a seeded number of mutating device calls, inside an
 * operation (then that operation may land whole or not at all, nothing in between), during recovery, or
 * after the round. Seeds: {@code -Dblobds.levelds.crash.seeds=N} sets how many run (a twentieth of
 * {@code blobds.crash.seeds}: 25 by default, 500 under {@code -Pstress}); {@code -Dblobds.seed=S} replays
 * one. Every failure names its seed.
 */
class LeveldbCrashTest {

    private static final BlobstoreOptions OPTIONS = BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(64 << 10);
    private static final int ROUNDS = 3;

    static Stream<Arguments> seeds() {
        Long replay = Long.getLong("blobds.seed");
        if (replay != null) {
            return Stream.of(CrashModel.values()).map(m -> Arguments.of(replay, m));
        }
        // A twentieth of the crash properties' seeds: 25 by default, 500 under -Pstress.
        int count = Integer.getInteger("blobds.levelds.crash.seeds", Integer.getInteger("blobds.crash.seeds", 500) / 20);
        return LongStream.range(0, count).boxed().map(s -> Arguments.of(s, CrashModel.values()[(int) (s % 2)]));
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("seeds")
    @DisplayName("A power cut in the middle of an operation under BlobFS loses no synced write")
    void syncedWritesSurviveCrashes(long seed, CrashModel crashModel) throws IOException {
        String where = " [seed " + seed + ", " + crashModel + ", replay with -Dblobds.seed=" + seed + "]";
        Random rnd = new Random(seed);
        SimulatedDevice device = new SimulatedDevice(MemoryDevice.ofBytes(64L << 20, 4096), seed,
                SimulatedDevice.Options.defaults().withCrashModel(crashModel));
        LeveldbOptions options = LeveldbOptions.builder().writeBufferSize(16 << 10).build();
        assertTrue(options.syncWrites(), "go-ds-leveldb's default is synced writes");
        SimBlobstore.init(new Fence(device, Long.MAX_VALUE), OPTIONS).close();
        TreeMap<String, byte[]> model = new TreeMap<>();
        TreeMap<String, byte[]> orAfter = null;
        int cutsInOperations = 0;
        int cutsInRecovery = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int operations = 60 + rnd.nextInt(200);
            // The power goes after this many mutating device calls (writes, write-zeroes, unmaps, flushes):
            // usually inside one of the round's operations, sometimes after all of them.
            Fence fence = new Fence(device, 1 + rnd.nextInt(operations * 5));
            BlobFileSystem fs = null;
            LeveldbDatastore ds = null;
            try {
                fs = BlobFileSystem.open(SimBlobstore.load(fence, OPTIONS), true);
                ds = LeveldbDatastore.open(fs.getPath("/db"), options);
                String when = "after the power cut before round " + round + where;
                TreeMap<String, byte[]> found = recovered(ds, model, orAfter, when);
                LeveldbReopenTest.check(ds, found, when);
                model = found;
                orAfter = null;
            } catch (IOException | RuntimeException e) {
                // The power went during recovery itself (log replay, new MANIFEST, compactions, obsolete
                // files deleted): the next recovery must still find the state this one would have.
                assertTrue(fence.isCut(), () -> "only the power cut makes recovery fail: " + e + where);
                cutsInRecovery++;
            }
            for (int i = 0; !fence.isCut() && i < operations; i++) {
                TreeMap<String, byte[]> next = new TreeMap<>(model);
                try {
                    step(ds, rnd, next);
                    model = next;
                } catch (RuntimeException e) {
                    assertTrue(fence.isCut(), () -> "only the power cut makes an operation fail: " + e + where);
                    // The operation in flight may land or not, atomically.
                    orAfter = next;
                    cutsInOperations++;
                }
            }
            fence.cut();
            device.crash();
            abandon(ds, fs);
        }
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(new Fence(device, Long.MAX_VALUE), OPTIONS), true);
                LeveldbDatastore ds = LeveldbDatastore.open(fs.getPath("/db"), options)) {
            String when = "after the last power cut" + where;
            LeveldbReopenTest.check(ds, recovered(ds, model, orAfter, when), when);
        }
        System.out.println("seed " + seed + " " + crashModel + ": of " + ROUNDS + " power cuts, " + cutsInOperations
                + " inside an operation, " + cutsInRecovery + " during recovery");
    }

    /**
     * Which of the allowed states {@code ds} shows after a crash: {@code before} (the synced writes),
     * or {@code after} when the operation cut by the crash landed whole.
     */
    private static TreeMap<String, byte[]> recovered(LeveldbDatastore ds, TreeMap<String, byte[]> before,
            TreeMap<String, byte[]> after, String when) {
        if (after == null) {
            return before;
        }
        TreeMap<String, byte[]> found = new TreeMap<>();
        try (Results r = ds.query(Query.builder().build())) {
            for (Entry e : r) {
                found.put(e.key(), e.value());
            }
        }
        if (sameContent(found, after)) {
            return after;
        }
        // Anything else fails in check() with the difference from the synced state.
        return before;
    }

    private static boolean sameContent(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : a.entrySet()) {
            if (!Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** One random operation; {@code model} takes its effect first, so that it holds it if the operation is cut. */
    private static void step(LeveldbDatastore ds, Random rnd, TreeMap<String, byte[]> model) {
        int op = rnd.nextInt(10);
        if (op < 6) {
            String k = "/k" + rnd.nextInt(300);
            byte[] v = new byte[rnd.nextInt(1500)];
            rnd.nextBytes(v);
            model.put(k, v);
            ds.put(Key.raw(k), v);
        } else if (op < 8) {
            String k = "/k" + rnd.nextInt(300);
            model.remove(k);
            ds.delete(Key.raw(k));
        } else {
            Batch b = ds.batch();
            for (int j = rnd.nextInt(6); j >= 0; j--) {
                String k = "/k" + rnd.nextInt(300);
                if (rnd.nextBoolean()) {
                    byte[] v = new byte[rnd.nextInt(800)];
                    rnd.nextBytes(v);
                    b.put(Key.raw(k), v);
                    model.put(k, v);
                } else {
                    b.delete(Key.raw(k));
                    model.remove(k);
                }
            }
            b.commit();
        }
    }

    /** Lets the crashed stack go: its device calls fail now, so closing it may fail, and changes nothing. */
    private static void abandon(LeveldbDatastore ds, BlobFileSystem fs) {
        try {
            if (ds != null) {
                ds.close();
            }
        } catch (RuntimeException expected) {
            // The device is gone under it.
        }
        try {
            if (fs != null) {
                fs.close();
            }
        } catch (IOException | RuntimeException expected) {
            // Same.
        }
    }

    /**
     * One stack's view of the device: after {@code budget} mutating calls, or {@link #cut()}, every call
     * fails with {@code EIO}, as after a power loss; closing it leaves the device open for the next stack.
     */
    private static final class Fence extends ForwardingBlockDevice {
        private final AtomicLong budget;
        private volatile boolean cut;

        Fence(BlockDevice device, long budget) {
            super(device);
            this.budget = new AtomicLong(budget);
        }

        void cut() {
            cut = true;
        }

        boolean isCut() {
            return cut;
        }

        private void check(String what) {
            if (cut) {
                throw new BlobstoreException(BlobstoreException.EIO, what + " after the power cut");
            }
        }

        private void mutate(String what) {
            check(what);
            if (budget.decrementAndGet() < 0) {
                cut = true;
                check(what);
            }
        }

        @Override
        public void read(long lba, ByteBuffer dst) {
            check("read");
            super.read(lba, dst);
        }

        @Override
        public void write(long lba, ByteBuffer src) {
            mutate("write");
            super.write(lba, src);
        }

        @Override
        public void writeZeroes(long lba, long count) {
            mutate("write-zeroes");
            super.writeZeroes(lba, count);
        }

        @Override
        public void unmap(long lba, long count) {
            mutate("unmap");
            super.unmap(lba, count);
        }

        @Override
        public void flush() {
            mutate("flush");
            super.flush();
        }

        /** Leaves the device open for the next stack. */
        @Override
        public void close() {
            cut = true;
        }
    }
}
