package io.github.blobds.flatfs;

import static io.github.blobds.flatfs.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.conformance.DatastoreSubtests;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.InvalidKeyException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** go-ds-flatfs v0.6.1 batch_test.go, plus flatfs_test.go TestBatchPut and TestBatchDelete (go-datastore's batch subtests). */
class FlatfsBatchTest {

    @TempDir
    Path temp;

    static Stream<ShardFunction> shardFunctions() {
        return TestSupport.allShardFunctions();
    }

    private FlatfsDatastore open(ShardFunction f) {
        return FlatfsDatastore.createOrOpen(temp, f, false);
    }

    /** The data files below {@code .temp/} (in batch directories) and elsewhere. */
    private Map<Boolean, Long> dataFiles() throws Exception {
        try (Stream<Path> all = Files.walk(temp)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".data"))
                    .collect(Collectors.partitioningBy(p -> temp.relativize(p).startsWith(".temp"), Collectors.counting()));
        }
    }

    // go-ds-flatfs flatfs_test.go TestBatchPut (dstest.RunBatchTest).
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void batchPut(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            DatastoreSubtests.batchPut(fs, new Random(1));
        }
    }

    // go-ds-flatfs flatfs_test.go TestBatchDelete (dstest.RunBatchDeleteTest).
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void batchDelete(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            DatastoreSubtests.batchDelete(fs, new Random(2));
        }
    }

    // go-ds-flatfs batch_test.go TestBatchWritesToTempUntilCommit.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void batchWritesToTempUntilCommit(ShardFunction f) throws Exception {
        try (FlatfsDatastore fs = open(f)) {
            FlatfsBatch batch = fs.batch();
            List<Key> keys = Stream.of("QUUX", "QAAX", "QBBX").map(Key::of).toList();
            for (Key k : keys) {
                batch.put(k, bytes("testdata"));
            }
            assertTrue(batch.has(keys.get(0)));
            for (Key k : keys) {
                assertFalse(fs.has(k), () -> k + " should not exist before commit");
            }
            assertEquals(Map.of(true, 3L, false, 0L), dataFiles(), "data files only in .temp before commit");
            batch.commit();
            for (Key k : keys) {
                assertTrue(fs.has(k), () -> k + " should exist after commit");
            }
            assertEquals(Map.of(true, 0L, false, 3L), dataFiles(), "data files only in shards after commit");
        }
    }

    // go-ds-flatfs batch_test.go TestBatchReadOperations.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void batchReadOperations(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            Key initial = Key.of("INITIAL");
            fs.put(initial, bytes("initial data"));
            FlatfsBatch batch = fs.batch();
            Key batchKey = Key.of("BATCH");
            batch.put(batchKey, bytes("batch data"));
            batch.put(initial, bytes("overwritten data"));
            Key toDelete = Key.of("TODELETE");
            fs.put(toDelete, bytes("to be deleted"));
            batch.delete(toDelete);

            assertArrayEquals(bytes("batch data"), batch.get(batchKey));
            assertArrayEquals(bytes("overwritten data"), batch.get(initial));
            assertThrows(NotFoundException.class, () -> batch.get(toDelete));
            assertTrue(batch.has(batchKey));
            assertTrue(batch.has(initial));
            assertFalse(batch.has(toDelete));
            assertEquals(10, batch.getSize(batchKey));
            assertThrows(NotFoundException.class, () -> batch.getSize(toDelete));
            assertArrayEquals(bytes("initial data"), fs.get(initial), "the datastore is untouched before commit");

            batch.commit();
            assertArrayEquals(bytes("batch data"), fs.get(batchKey));
            assertArrayEquals(bytes("overwritten data"), fs.get(initial));
            assertThrows(NotFoundException.class, () -> fs.get(toDelete));
        }
    }

    // go-ds-flatfs batch_test.go TestBatchDiscard.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void batchDiscard(ShardFunction f) throws Exception {
        try (FlatfsDatastore fs = open(f)) {
            FlatfsBatch batch = fs.batch();
            List<Key> keys = Stream.of("QUUX", "QAAX", "QBBX").map(Key::of).toList();
            for (Key k : keys) {
                batch.put(k, bytes("testdata"));
            }
            batch.discard();
            batch.discard();
            for (Key k : keys) {
                assertFalse(fs.has(k), () -> k + " should not exist after discard");
            }
            try (Stream<Path> left = Files.list(temp.resolve(".temp"))) {
                assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("batch-")).toList());
            }
            assertThrows(ClosedException.class, () -> batch.put(Key.of("QUUX"), bytes("x")));
            assertThrows(ClosedException.class, batch::commit);
        }
    }

    // go-ds-flatfs batch_test.go TestBatchPutDeleteSameKey, with the datastore contract's outcome: the LAST
    // operation on a key wins. go-ds-flatfs v0.6.1 keeps the first put, so for Put(x1), Delete, Put(x2) go
    // expects x1; this batch stores x2.
    @Test
    @DisplayName("TestBatchPutDeleteSameKey: the last operation on a key in a batch wins")
    void batchPutDeleteSameKey() {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.prefix(2), false)) {
            Key a = Key.of("KEYA");
            Key b = Key.of("KEYB");
            Key x = Key.of("KEYX");
            Key y = Key.of("KEYY");
            fs.put(a, bytes("dataA"));
            fs.put(b, bytes("dataB"));
            FlatfsBatch batch = fs.batch();
            batch.delete(a);
            batch.put(a, bytes("data-A-overwrite"));
            batch.put(b, bytes("data-B-overwrite"));
            batch.delete(b);
            batch.put(x, bytes("data-X-1"));
            batch.delete(x);
            batch.put(x, bytes("data-X-2"));
            batch.put(y, bytes("data-Y-1"));
            batch.delete(y);
            batch.put(y, bytes("data-Y-1"));
            batch.delete(y);
            batch.commit();
            assertArrayEquals(bytes("data-A-overwrite"), fs.get(a), "delete, put");
            assertThrows(NotFoundException.class, () -> fs.get(b), "put, delete");
            assertArrayEquals(bytes("data-X-2"), fs.get(x), "put, delete, put: the last put (go keeps data-X-1)");
            assertThrows(NotFoundException.class, () -> fs.get(y), "put, delete, put, delete");
        }
    }

    // go-ds-flatfs batch_test.go TestBatchQuery.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void batchQuery(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            for (String k : List.of("EXISTING1", "EXISTING2", "EXISTING3")) {
                fs.put(Key.of(k), bytes("main:" + k));
            }
            FlatfsBatch batch = fs.batch();
            for (String k : List.of("BATCH1", "BATCH2")) {
                batch.put(Key.of(k), bytes("batch:" + k));
            }
            batch.delete(Key.of("EXISTING2"));
            batch.put(Key.of("EXISTING3"), bytes("updated:EXISTING3"));
            Map<String, String> expected = Map.of(
                    "/EXISTING1", "main:EXISTING1",
                    "/EXISTING3", "updated:EXISTING3",
                    "/BATCH1", "batch:BATCH1",
                    "/BATCH2", "batch:BATCH2");
            assertEquals(expected, values(batch.query(Query.all())));
            List<Entry> keys = rest(batch.query(Query.builder().keysOnly(true).build()));
            assertEquals(4, keys.size());
            keys.forEach(e -> assertNull(e.value(), "keys-only query returns no values"));
            List<Entry> sized = rest(batch.query(Query.builder().keysOnly(true).returnsSizes(true).build()));
            assertEquals(4, sized.size());
            sized.forEach(e -> assertTrue(e.size() > 0 && e.value() == null, e::toString));
            assertEquals(List.of(), rest(batch.query(Query.builder().prefix("/EXISTING1").build())), "no key below a key");
            batch.commit();
            assertEquals(expected, values(fs.query(Query.all())));
            assertFalse(fs.has(Key.of("EXISTING2")));
        }
    }

    private static List<Entry> rest(Results r) {
        try (r) {
            return r.rest();
        }
    }

    private static Map<String, String> values(Results r) {
        Map<String, String> out = new HashMap<>();
        for (Entry e : rest(r)) {
            out.put(e.key(), new String(e.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    // go-ds-flatfs batch_test.go TestConcurrentDuplicateBatchWrites: 4 batches × 8 writers put the same
    // 500 keys; each batch holds one temporary file per key; concurrent commits store every key.
    @Test
    @DisplayName("TestConcurrentDuplicateBatchWrites: duplicate concurrent puts and commits store each key once")
    void concurrentDuplicateBatchWrites() throws Exception {
        byte[] data = bytes("testdata".repeat(256));
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(Key.of(String.format("Q%03d", i)));
        }
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.suffix(2), false);
             ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<FlatfsBatch> batches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batches.add(fs.batch());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (FlatfsBatch b : batches) {
                for (int w = 0; w < 8; w++) {
                    writers.add(pool.submit(() -> {
                        start.await();
                        for (Key k : keys) {
                            b.put(k, data);
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> w : writers) {
                w.get();
            }
            for (FlatfsBatch b : batches) {
                assertTrue(b.has(keys.get(0)));
            }
            for (Key k : keys) {
                assertFalse(fs.has(k), () -> k + " should not exist before commit");
            }
            assertEquals(4L * 500, dataFiles().get(true), "one temporary file per key and batch");
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> commits = new ArrayList<>();
            for (FlatfsBatch b : batches) {
                commits.add(pool.submit(() -> {
                    go.await();
                    b.commit();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> c : commits) {
                c.get();
            }
            for (Key k : keys) {
                assertArrayEquals(data, fs.get(k), () -> "data of " + k);
            }
            assertEquals(0L, dataFiles().get(true), "no temporary files left");
        }
    }

    @Test
    @DisplayName("A batch refuses keys flatfs cannot hold, ignores deletes of them, and is not reusable after commit")
    void batchContract() {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.DEFAULT, false)) {
            FlatfsBatch batch = fs.batch();
            assertThrows(InvalidKeyException.class, () -> batch.put(Key.of("/lower"), bytes("x")));
            batch.delete(Key.of("/lower/case"));
            byte[] value = bytes("ABC");
            batch.put(Key.of("/COPY"), value);
            value[0] = 'Z';
            assertArrayEquals(bytes("ABC"), batch.get(Key.of("/COPY")), "the value was written at put: the array is free again");
            assertThrows(NotFoundException.class, () -> batch.get(Key.of("/NOTHERE")));
            assertFalse(batch.has(Key.of("/NOTHERE")));
            assertThrows(NotFoundException.class, () -> batch.getSize(Key.of("/NOTHERE")));
            assertTrue(batch.toString().contains("batch-"), batch.toString());
            batch.commit();
            assertArrayEquals(bytes("ABC"), fs.get(Key.of("/COPY")));
            ClosedException e = assertThrows(ClosedException.class, () -> batch.put(Key.of("/COPY"), bytes("again")));
            assertTrue(e.getMessage().contains("already committed"), e.getMessage());
            assertThrows(ClosedException.class, () -> batch.delete(Key.of("/COPY")));
            assertThrows(ClosedException.class, batch::commit);
            assertThrows(ClosedException.class, () -> batch.get(Key.of("/COPY")));
            assertThrows(ClosedException.class, () -> batch.query(Query.all()));
            batch.discard();

            FlatfsBatch empty = fs.batch();
            empty.commit();
            FlatfsBatch deletesOnly = fs.batch();
            deletesOnly.delete(Key.of("/COPY"));
            deletesOnly.commit();
            assertFalse(fs.has(Key.of("/COPY")));
        }
        FlatfsDatastore fs = FlatfsDatastore.open(temp, false);
        FlatfsBatch late = fs.batch();
        late.put(Key.of("/LATE"), bytes("late"));
        fs.close();
        assertThrows(ClosedException.class, late::commit, "commit after the datastore closed");
        assertThrows(ClosedException.class, () -> late.put(Key.of("/LATE"), bytes("x")));
    }

    @Test
    @DisplayName("Synced batches force their files and directories and land like unsynced ones")
    void syncedBatch() {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.DEFAULT, true)) {
            FlatfsBatch batch = fs.batch();
            batch.put(Key.of("/SYNCED1"), bytes("one"));
            batch.put(Key.of("/SYNCED2"), bytes("two"));
            batch.commit();
            assertArrayEquals(bytes("one"), fs.get(Key.of("/SYNCED1")));
            assertArrayEquals(bytes("two"), fs.get(Key.of("/SYNCED2")));
            assertEquals(3, fs.getSize(Key.of("/SYNCED2")));
            fs.sync(Key.ROOT);
        }
    }
}
