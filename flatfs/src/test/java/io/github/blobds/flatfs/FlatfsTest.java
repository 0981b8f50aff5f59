package io.github.blobds.flatfs;

import static io.github.blobds.flatfs.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.InvalidKeyException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * go-ds-flatfs v0.6.1 flatfs_test.go, test by test; the tests go runs through {@code tryAllShardFuncs}
 * are parameterized by the three shard functions of length 2. The batch and disk-usage tests are in
 * {@link FlatfsBatchTest} and {@link DiskUsageTest}; {@code TestSuite} is {@link FlatfsMountSuiteTest};
 * {@code TestQueryLeak} is in {@link FlatfsQueryTest}; {@code TestSHARDINGFile}, {@code TestNonDatastoreDir}
 * are in {@link FlatfsLayoutTest}; {@code TestInvalidPrefix} is in {@link ShardFunctionTest}.
 *
 * <p>Not ported: convert_test.go ({@code TestMove}, {@code TestMoveRestart}, {@code TestUpgradeDownload},
 * {@code TestDownloadNonPrefix}), because this module has no re-sharding ({@code convert.go}) to test;
 * the benchmarks {@code BenchmarkConsecutivePut} and {@code BenchmarkBatchedPut}, because speed is
 * measured in the {@code bench} module, never by tests.
 */
class FlatfsTest {

    private static final Key QUUX = Key.of("QUUX");

    @TempDir
    Path temp;

    static Stream<ShardFunction> shardFunctions() {
        return TestSupport.allShardFunctions();
    }

    private FlatfsDatastore open(ShardFunction f) {
        return FlatfsDatastore.createOrOpen(temp, f, false);
    }

    // go-ds-flatfs flatfs_test.go TestBatch: 9 batches put QUUX=foo and Q<i>X=bar<i>, committed concurrently.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void batch(ShardFunction f) throws Exception {
        try (FlatfsDatastore fs = open(f); ExecutorService pool = Executors.newFixedThreadPool(9)) {
            List<Batch> batches = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                Batch b = fs.batch();
                b.put(QUUX, bytes("foo"));
                b.put(Key.of("Q" + i + "X"), bytes("bar" + i));
                batches.add(b);
            }
            List<Future<?>> commits = new ArrayList<>();
            for (Batch b : batches) {
                commits.add(pool.submit(b::commit));
            }
            for (Future<?> c : commits) {
                c.get();
            }
            assertArrayEquals(bytes("foo"), fs.get(QUUX));
            for (int i = 0; i < 9; i++) {
                assertArrayEquals(bytes("bar" + i), fs.get(Key.of("Q" + i + "X")));
            }
        }
    }

    // go-ds-flatfs flatfs_test.go TestPut: an upper-case key is stored, a lower-case one refused.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void put(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            fs.put(QUUX, bytes("foobar"));
            InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> fs.put(Key.of("foo"), bytes("nonono")));
            assertTrue(e.getMessage().contains("/foo"), e.getMessage());
        }
    }

    // go-ds-flatfs flatfs_test.go TestGet: round trip; a nested key is not found.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void get(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            fs.put(QUUX, bytes("foobar"));
            assertArrayEquals(bytes("foobar"), fs.get(QUUX));
            NotFoundException e = assertThrows(NotFoundException.class, () -> fs.get(Key.of("/FOO/BAR")));
            assertEquals(Key.of("/FOO/BAR"), e.key());
        }
    }

    // go-ds-flatfs flatfs_test.go TestPutOverwrite: the second put wins.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void putOverwrite(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            fs.put(QUUX, bytes("foobar"));
            fs.put(QUUX, bytes("xyzzy"));
            assertArrayEquals(bytes("xyzzy"), fs.get(QUUX));
        }
    }

    // go-ds-flatfs flatfs_test.go TestGetNotFoundError.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void getNotFoundError(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            assertEquals(QUUX, assertThrows(NotFoundException.class, () -> fs.get(QUUX)).key());
        }
    }

    static Stream<Arguments> storage() {
        return Stream.of(
                Arguments.of(ShardFunction.prefix(2), "QU"),
                Arguments.of(ShardFunction.suffix(2), "UX"),
                Arguments.of(ShardFunction.nextToLast(2), "UU"));
    }

    // go-ds-flatfs flatfs_test.go TestStorage: QUUX lands in QU/, UX/ or UU/; nothing unexpected is there;
    // the data file is not world-accessible; _README only for the default shard function.
    @ParameterizedTest(name = "{0} puts QUUX in {1}/")
    @MethodSource
    void storage(ShardFunction f, String dir) throws Exception {
        FlatfsDatastore fs = open(f);
        fs.put(QUUX, bytes("foobar"));
        fs.close();
        Path target = temp.resolve(dir).resolve("QUUX.data");
        boolean readme = false;
        try (Stream<Path> all = Files.walk(temp)) {
            for (Path p : all.toList()) {
                String rel = temp.relativize(p).toString();
                switch (rel) {
                    case "", "SHARDING", "diskUsage.cache", ".temp" -> { }
                    case "_README" -> readme = true;
                    default -> {
                        if (rel.equals(dir)) {
                            assertTrue(Files.isDirectory(p));
                        } else {
                            assertEquals(target, p, "unexpected directory entry " + rel);
                            assertTrue(Files.isRegularFile(p));
                            if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                                assertFalse(mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)
                                        || mode.contains(PosixFilePermission.OTHERS_EXECUTE), "file should not be world accessible: " + mode);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(Files.isRegularFile(target), "did not see the data file");
        assertEquals(f.equals(ShardFunction.DEFAULT), readme, "_README only for the default shard function");
    }

    // go-ds-flatfs flatfs_test.go TestHasNotFound and TestHasFound.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void has(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            assertFalse(fs.has(QUUX));
            fs.put(QUUX, bytes("foobar"));
            assertTrue(fs.has(QUUX));
            assertFalse(fs.has(Key.of("/quux")), "a key flatfs cannot hold is absent");
        }
    }

    // go-ds-flatfs flatfs_test.go TestGetSizeFound (which, despite its name, checks the not-found case) and TestGetSizeNotFound.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void getSize(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            assertThrows(NotFoundException.class, () -> fs.getSize(QUUX));
            fs.put(QUUX, bytes("foobar"));
            assertEquals(6, fs.getSize(QUUX));
            assertThrows(NotFoundException.class, () -> fs.getSize(Key.of("/a/b")));
        }
    }

    // go-ds-flatfs flatfs_test.go TestDeleteNotFound and TestDeleteFound.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void delete(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            fs.delete(QUUX);
            fs.delete(Key.of("/not/valid"));
            fs.put(QUUX, bytes("foobar"));
            fs.delete(QUUX);
            assertThrows(NotFoundException.class, () -> fs.get(QUUX));
        }
    }

    // go-ds-flatfs flatfs_test.go TestQuerySimple: a keys-only query returns /QUUX and nothing else.
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void querySimple(ShardFunction f) {
        try (FlatfsDatastore fs = open(f)) {
            fs.put(QUUX, bytes("foobar"));
            try (Results r = fs.query(Query.builder().keysOnly(true).build())) {
                assertEquals(List.of(Entry.keyOnly("/QUUX", -1)), r.rest());
            }
        }
    }

    // go-ds-flatfs flatfs_test.go TestClose (extended: every operation, not only put, fails after close).
    @ParameterizedTest(name = "{0}")
    @MethodSource("shardFunctions")
    void close(ShardFunction f) {
        FlatfsDatastore fs = open(f);
        fs.put(QUUX, bytes("foobar"));
        fs.close();
        fs.close();
        assertThrows(ClosedException.class, () -> fs.put(Key.of("QAAX"), bytes("foobar")));
        assertThrows(ClosedException.class, () -> fs.delete(QUUX));
        assertThrows(ClosedException.class, () -> fs.get(QUUX));
        assertThrows(ClosedException.class, () -> fs.has(QUUX));
        assertThrows(ClosedException.class, () -> fs.getSize(QUUX));
        assertThrows(ClosedException.class, () -> fs.query(Query.all()));
        assertThrows(ClosedException.class, () -> fs.sync(Key.ROOT));
        assertThrows(ClosedException.class, fs::diskUsage);
        assertThrows(ClosedException.class, fs::batch);
    }

    // go-ds-flatfs flatfs_test.go TestNoCluster: 3200 random CIQ… keys in next-to-last/1 spread over 32
    // directories, each within 25 % of 100 files. go seeds math/rand with 0; java.util.Random(0) draws
    // other keys, so this checks the same property on another deterministic sample.
    @Test
    @DisplayName("TestNoCluster: next-to-last/1 spreads random block keys evenly over 32 directories")
    void noCluster() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.nextToLast(1), false)) {
            Random r = new Random(0);
            for (int i = 0; i < 32; i++) {
                Batch b = fs.batch();
                for (int j = 0; j < 100; j++) {
                    byte[] blk = new byte[1000];
                    r.nextBytes(blk);
                    b.put(Key.of("CIQ" + TestSupport.base32(java.util.Arrays.copyOf(blk, 10))), blk);
                }
                b.commit();
            }
        }
        Set<String> ignored = Set.of("SHARDING", "_README", "diskUsage.cache", ".temp");
        Set<String> dirs = new HashSet<>();
        try (Stream<Path> top = Files.list(temp)) {
            for (Path dir : top.toList()) {
                if (ignored.contains(dir.getFileName().toString())) {
                    continue;
                }
                dirs.add(dir.getFileName().toString());
                try (Stream<Path> files = Files.list(dir)) {
                    long n = files.count();
                    assertTrue(Math.abs(n - 100) <= 25, () -> dir + " has " + n + " files, expected 75 to 125");
                }
            }
        }
        assertEquals(32, dirs.size(), () -> "expected 32 directories, got " + dirs);
    }
}
