package io.github.blobds.levelds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several threads put, get, delete, batch and query at once on a LevelDB with a 64 KiB write buffer,
 * so that memtables are flushed and tables compacted under them. Each writer owns a key prefix and
 * checks its reads and prefix queries against its own model while it runs; a reader walks the whole
 * store; at the end the store equals the union of the models, before and after a reopen. A fixed
 * number of operations, no sleeps or timeouts; seeded with {@code -Dblobds.seed}. The model test runs
 * on the default file system and on BlobFS over a simulated Blobstore on a {@code MemoryDevice}, where
 * the threads' file operations meet BlobFS's own locking.
 */
class LeveldbConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int OPERATIONS = 1500;
    private static final int KEYS = 150;
    private static final int WRITE_BUFFER = 64 << 10;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"the default file system", "BlobFS"})
    @DisplayName("Concurrent writers, readers and compactions agree with a model")
    void concurrentOperations(String fileSystem) throws Exception {
        if (fileSystem.equals("BlobFS")) {
            try (BlobFileSystem fs = LeveldbBlobFsSuiteTest.newFileSystem()) {
                concurrentOperations(fs.getPath("/db"));
            }
        } else {
            concurrentOperations(tmp.resolve("db"));
        }
    }

    private void concurrentOperations(Path dir) throws Exception {
        long seed = Long.getLong("blobds.seed", System.nanoTime());
        String where = " [seed " + seed + ", replay with -Dblobds.seed=" + seed + "]";
        LeveldbOptions options = LeveldbOptions.builder().syncWrites(false).writeBufferSize(WRITE_BUFFER).build();
        List<TreeMap<String, byte[]>> models = new ArrayList<>();
        long[] written = new long[WRITERS];
        try (LeveldbDatastore ds = LeveldbDatastore.open(dir, options)) {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < WRITERS; t++) {
                    TreeMap<String, byte[]> model = new TreeMap<>();
                    models.add(model);
                    int id = t;
                    futures.add(pool.submit((Callable<Void>) () -> {
                        start.await();
                        written[id] = writer(ds, "/w" + id, new Random(seed + id), model, where);
                        return null;
                    }));
                }
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    reader(ds, where);
                    return null;
                }));
                start.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            long total = 0;
            for (long w : written) {
                total += w;
            }
            // Far more than the 12 level-0 tables at which LevelDB stops writes until compactions catch up:
            // finishing at all means tables were compacted while the threads ran.
            assertTrue(total > 20L * WRITE_BUFFER, "enough bytes written to force compactions: " + total);
            int deeper = 0;
            for (int level = 1; level < 7; level++) {
                deeper += Integer.parseInt(ds.property("leveldb.num-files-at-level" + level));
            }
            assertTrue(deeper > 0, () -> "tables below level 0:\n" + ds.property("leveldb.stats"));
            TreeMap<String, byte[]> all = new TreeMap<>();
            models.forEach(all::putAll);
            LeveldbReopenTest.check(ds, all, "after the threads" + where);
        }
        TreeMap<String, byte[]> all = new TreeMap<>();
        models.forEach(all::putAll);
        try (LeveldbDatastore ds = LeveldbDatastore.open(dir, options)) {
            LeveldbReopenTest.check(ds, all, "after reopening" + where);
        }
    }

    @Test
    @DisplayName("Closing while other threads work: each call completes or throws ClosedException, then all throw it")
    void closeRace() throws Exception {
        // go-ds-leveldb ds_test.go TestCloseRace, without transactions.
        LeveldbDatastore ds = LeveldbDatastore.open(tmp.resolve("race"), LeveldbOptions.builder().syncWrites(false).build());
        for (int i = 0; i < 100; i++) {
            ds.put(Key.of("/pre/" + i), new byte[] {(byte) i});
        }
        int workers = 3;
        CountDownLatch warmedUp = new CountDownLatch(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < workers; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    Random rnd = new Random(id);
                    // Bounded by a count, not a clock: close comes long before the cap.
                    for (int i = 0; i < 10_000_000; i++) {
                        if (i == 50) {
                            warmedUp.countDown();
                        }
                        try {
                            raceStep(ds, rnd, id, i);
                        } catch (ClosedException e) {
                            for (int j = 0; j < 20; j++) {
                                int step = j;
                                assertThrows(ClosedException.class, () -> raceStep(ds, rnd, id, step), "after close");
                            }
                            return i;
                        }
                    }
                    throw new AssertionError("worker " + id + " never saw the close");
                }));
            }
            warmedUp.await();
            ds.close();
            for (Future<Integer> f : futures) {
                assertTrue(f.get() >= 50);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void raceStep(LeveldbDatastore ds, Random rnd, int id, int i) {
        Key key = Key.of("/race/" + id + "/" + rnd.nextInt(50));
        switch (i % 5) {
            case 0 -> ds.put(key, new byte[] {1, 2, 3});
            case 1 -> ds.has(key);
            case 2 -> ds.delete(key);
            case 3 -> {
                Batch b = ds.batch();
                b.put(key, new byte[] {4});
                b.commit();
            }
            default -> {
                try (Results r = ds.query(Query.builder().prefix("/pre").keysOnly(true).build())) {
                    int n = 0;
                    for (Entry e : r) {
                        if (++n == 10) {
                            break;
                        }
                    }
                }
            }
        }
    }

    /** Random operations on keys under {@code prefix}, checked against {@code model}; returns the bytes put. */
    private static long writer(LeveldbDatastore ds, String prefix, Random rnd, TreeMap<String, byte[]> model, String where) {
        long bytes = 0;
        for (int i = 0; i < OPERATIONS; i++) {
            int op = rnd.nextInt(100);
            String k = prefix + "/" + rnd.nextInt(KEYS);
            Key key = Key.raw(k);
            if (op < 45) {
                byte[] v = new byte[200 + rnd.nextInt(1000)];
                rnd.nextBytes(v);
                ds.put(key, v);
                model.put(k, v);
                bytes += v.length;
            } else if (op < 60) {
                ds.delete(key);
                model.remove(k);
            } else if (op < 80) {
                byte[] expected = model.get(k);
                if (expected == null) {
                    assertFalse(ds.has(key), k + where);
                    try {
                        ds.get(key);
                        throw new AssertionError(k + " should be absent" + where);
                    } catch (NotFoundException e) {
                        assertEquals(key, e.key());
                    }
                } else {
                    assertArrayEquals(expected, ds.get(key), k + where);
                }
            } else if (op < 92) {
                Batch b = ds.batch();
                for (int j = 0; j < 3 + rnd.nextInt(6); j++) {
                    String bk = prefix + "/" + rnd.nextInt(KEYS);
                    if (rnd.nextInt(4) > 0) {
                        byte[] v = new byte[200 + rnd.nextInt(1000)];
                        rnd.nextBytes(v);
                        b.put(Key.raw(bk), v);
                        model.put(bk, v);
                        bytes += v.length;
                    } else {
                        b.delete(Key.raw(bk));
                        model.remove(bk);
                    }
                }
                b.commit();
            } else {
                boolean keysOnly = rnd.nextBoolean();
                try (Results r = ds.query(Query.builder().prefix(prefix).keysOnly(keysOnly).order(new OrderByKey()).build())) {
                    List<Entry> got = r.rest();
                    assertEquals(new ArrayList<>(model.keySet()), got.stream().map(Entry::key).toList(), "query " + prefix + where);
                    int n = 0;
                    for (Map.Entry<String, byte[]> e : model.entrySet()) {
                        Entry entry = got.get(n++);
                        assertEquals(e.getValue().length, entry.size(), e.getKey() + where);
                        if (!keysOnly) {
                            assertArrayEquals(e.getValue(), entry.value(), e.getKey() + where);
                        }
                    }
                }
            }
        }
        return bytes;
    }

    /** Walks the whole store a fixed number of times: keys strictly ascending, each under a writer's prefix. */
    private static void reader(LeveldbDatastore ds, String where) {
        for (int i = 0; i < 40; i++) {
            try (Results r = ds.query(Query.builder().keysOnly(true).build())) {
                String previous = null;
                for (Entry e : r) {
                    assertTrue(e.key().startsWith("/w"), e.key() + where);
                    assertTrue(previous == null || Key.compareUtf8(previous, e.key()) < 0, previous + " before " + e.key() + where);
                    assertTrue(e.size() >= 200, e.key() + where);
                    previous = e.key();
                }
            }
        }
    }
}
