package io.github.blobds.flatfs;

import static io.github.blobds.flatfs.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** go-ds-flatfs v0.6.1 flatfs_test.go's disk usage tests, and the cache checkpoints. */
class DiskUsageTest {

    private static final byte[] TEN = bytes("10bytes---");

    @TempDir
    Path temp;

    static Stream<ShardFunction> shardFunctions() {
        return TestSupport.allShardFunctions();
    }

    private FlatfsDatastore open(ShardFunction f) {
        return FlatfsDatastore.createOrOpen(temp, f, false);
    }

    private String cache() throws Exception {
        return Files.readString(temp.resolve(FlatfsDatastore.DISK_USAGE_FILE), StandardCharsets.UTF_8);
    }

    // go-ds-flatfs flatfs_test.go TestDiskUsage (without its sleeps: the value is kept synchronously).
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void diskUsage(ShardFunction f) throws Exception {
        FlatfsDatastore fs = open(f);
        long duNew = fs.diskUsage();
        for (int i = 0; i < 200; i++) {
            fs.put(Key.of("TEST-" + i), TEN);
        }
        long duElems = fs.diskUsage();
        for (int i = 0; i < 200; i++) {
            fs.delete(Key.of("TEST-" + i));
        }
        long duDelete = fs.diskUsage();
        fs.close();
        assertEquals("{\"diskUsage\":" + duDelete + ",\"accuracy\":\"initial-exact\"}\n", cache(), "the cache file after close");
        Files.delete(temp.resolve(FlatfsDatastore.DISK_USAGE_FILE));
        try (FlatfsDatastore reopened = FlatfsDatastore.open(temp, false)) {
            long duReopen = reopened.diskUsage();
            assertTrue(duNew > 0, "new datastores should have some size");
            assertTrue(duElems > duNew, "size should grow as new elements are added");
            assertEquals(200 * 10, duElems - duDelete, "size should be reduced exactly as size of objects deleted");
            assertTrue(duReopen >= duNew, "reopened datastore should not be smaller");
            assertEquals(DiskUsageAccuracy.INITIAL_EXACT, reopened.accuracy());
        }
    }

    // go-ds-flatfs flatfs_test.go TestDiskUsageDoubleCount: concurrent puts and deletes of one key never double-count.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void diskUsageDoubleCount(ShardFunction f) throws Exception {
        Key key = Key.of("TEST");
        try (FlatfsDatastore fs = open(f); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            fs.put(key, TEN);
            long du = fs.diskUsage();
            fs.delete(key);
            long du2 = fs.diskUsage();
            assertEquals(du - 10, du2, "should have deleted exactly 10 bytes");
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean put = t % 2 == 0;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        if (put) {
                            fs.put(key, TEN);
                        } else {
                            fs.delete(key);
                        }
                    }
                }));
            }
            for (Future<?> t : tasks) {
                t.get();
            }
            assertEquals(fs.has(key) ? du : du2, fs.diskUsage(), "usage matches whether the put or the delete came last");
        }
    }

    // go-ds-flatfs flatfs_test.go TestDiskUsageBatch. go reuses the committed batch for the second round;
    // batches are not reusable here, so the second round uses a new one.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void diskUsageBatch(ShardFunction f) throws Exception {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keys.add(Key.of("TEST" + i));
        }
        try (FlatfsDatastore fs = open(f); ExecutorService pool = Executors.newFixedThreadPool(2)) {
            FlatfsBatch first = fs.batch();
            keys.forEach(k -> first.put(k, TEN));
            first.commit();
            long du = fs.diskUsage();
            keys.forEach(fs::delete);
            long du2 = fs.diskUsage();
            assertEquals(du - 10 * 200, du2, "should have deleted exactly 2000 bytes");

            FlatfsBatch second = fs.batch();
            keys.forEach(k -> second.put(k, TEN));
            Future<?> commit = pool.submit(second::commit);
            Future<?> delete = pool.submit(() -> keys.forEach(fs::delete));
            commit.get();
            delete.get();
            long left;
            try (Results r = fs.query(Query.builder().keysOnly(true).build())) {
                left = r.rest().size();
            }
            assertEquals(du2 + 10 * left, fs.diskUsage(), "disk usage has not skewed off from the real size");
        }
    }

    // go-ds-flatfs flatfs_test.go TestDiskUsageEstimation, scaled down: go writes 50 000 files of 1000 bytes
    // per shard function (150 000 files, minutes here); 3 000 files in next-to-last/2's directories make the
    // same point, that measuring 20 entries per directory estimates the full walk within 5 %.
    @Test
    @DisplayName("TestDiskUsageEstimation: a sampled measurement is within 5 % of the full walk and says approximate")
    void diskUsageEstimation() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.nextToLast(1), false)) {
            FlatfsBatch b = fs.batch();
            for (int i = 0; i < 3000; i++) {
                b.put(Key.of(i + "-TEST-" + i), new byte[1000]);
            }
            b.commit();
        }
        Files.delete(temp.resolve(FlatfsDatastore.DISK_USAGE_FILE));
        long exact;
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, FlatfsOptions.defaults().withSync(false).withDiskUsageFilesAverage(-1))) {
            exact = fs.diskUsage();
            assertEquals(DiskUsageAccuracy.INITIAL_EXACT, fs.accuracy());
        }
        Files.delete(temp.resolve(FlatfsDatastore.DISK_USAGE_FILE));
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, FlatfsOptions.defaults().withSync(false).withDiskUsageFilesAverage(20).withSamplingSeed(7))) {
            long estimate = fs.diskUsage();
            assertTrue(Math.abs(exact - estimate) <= exact * 0.05, () -> "estimate " + estimate + " not within 5 % of " + exact);
            assertEquals(DiskUsageAccuracy.INITIAL_APPROXIMATE, fs.accuracy());
        }
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, false)) {
            assertEquals(DiskUsageAccuracy.INITIAL_APPROXIMATE, fs.accuracy(), "the accuracy is kept in the cache");
        }
    }

    @Test
    @DisplayName("A measurement past its deadline on the injected clock estimates the rest and says timed out")
    void timedOut() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.DEFAULT, false)) {
            fs.put(Key.of("/ABC"), TEN);
        }
        Files.delete(temp.resolve(FlatfsDatastore.DISK_USAGE_FILE));
        AtomicLong seconds = new AtomicLong();
        InstantSource clock = () -> Instant.EPOCH.plusSeconds(seconds.getAndAdd(60));
        FlatfsOptions options = FlatfsOptions.defaults().withDiskUsageCalcTimeout(Duration.ofSeconds(90), clock);
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, options)) {
            assertEquals(DiskUsageAccuracy.INITIAL_TIMED_OUT, fs.accuracy());
            assertTrue(fs.diskUsage() > 0);
        }
        assertTrue(cache().contains("\"accuracy\":\"initial-timed-out\""), "the accuracy is written to the cache");
    }

    @Test
    @DisplayName("The cache is checkpointed by the write that moves the usage by more than 1 %, and not before")
    void checkpoints() throws Exception {
        long end;
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.DEFAULT, false)) {
            assertEquals(Optional.of(fs.diskUsage()), JsonText.diskUsageOf(cache()), "open writes the measured value");
            fs.put(Key.of("/AAB"), new byte[0]); // creates the shard directory AA, more than 1 %
            long start = fs.diskUsage();
            assertEquals(Optional.of(start), JsonText.diskUsageOf(cache()), "a new shard directory is checkpointed");
            fs.put(Key.of("/AAC"), new byte[(int) (start / 200)]);
            assertEquals(Optional.of(start), JsonText.diskUsageOf(cache()), "half a percent is not checkpointed");
            fs.put(Key.of("/AAD"), new byte[(int) (start / 50)]);
            assertEquals(Optional.of(fs.diskUsage()), JsonText.diskUsageOf(cache()), "more than 1 % is checkpointed at once");
            fs.delete(Key.of("/AAC"));
            end = fs.diskUsage();
            assertEquals(Optional.of(end + start / 200), JsonText.diskUsageOf(cache()), "a small delete is not checkpointed");
        }
        assertEquals(Optional.of(end), JsonText.diskUsageOf(cache()), "close writes the final value");
    }

    @Test
    @DisplayName("A cache file with a positive value is trusted on open; a broken one makes open measure again")
    void cacheFile() throws Exception {
        FlatfsDatastore.create(temp, ShardFunction.DEFAULT);
        Path cacheFile = temp.resolve(FlatfsDatastore.DISK_USAGE_FILE);
        Files.writeString(cacheFile, "{\"diskUsage\": 12345, \"accuracy\": \"initial-approximate\"}");
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, false)) {
            assertEquals(12345, fs.diskUsage());
            assertEquals(DiskUsageAccuracy.INITIAL_APPROXIMATE, fs.accuracy());
        }
        Files.writeString(cacheFile, "{\"diskUsage\":777}");
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, false)) {
            assertEquals(777, fs.diskUsage());
            assertEquals(DiskUsageAccuracy.UNKNOWN, fs.accuracy(), "no accuracy in the file");
        }
        assertEquals("{\"diskUsage\":777,\"accuracy\":\"unknown\"}\n", cache());
        for (String broken : List.of("not json", "{\"diskUsage\":0}", "{\"diskUsage\":99999999999999999999999}")) {
            Files.writeString(cacheFile, broken);
            try (FlatfsDatastore fs = FlatfsDatastore.open(temp, false)) {
                assertEquals(DiskUsageAccuracy.INITIAL_EXACT, fs.accuracy(), () -> "measured again after " + broken);
            }
        }
        assertEquals(DiskUsageAccuracy.UNKNOWN, DiskUsageAccuracy.of("something-else"));
        assertEquals("initial-timed-out", DiskUsageAccuracy.INITIAL_TIMED_OUT.id());
    }
}
