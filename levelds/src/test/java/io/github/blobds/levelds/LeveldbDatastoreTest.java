package io.github.blobds.levelds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.FilterKeyCompare;
import io.github.blobds.datastore.query.Op;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.OrderByValue;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Result;
import io.github.blobds.datastore.query.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** go-ds-leveldb's own tests (ds_test.go) and the behaviour specific to this port. */
class LeveldbDatastoreTest {

    /** go-ds-leveldb ds_test.go testcases. */
    private static final Map<String, String> TESTCASES = new LinkedHashMap<>();

    static {
        TESTCASES.put("/a", "a");
        TESTCASES.put("/a/b", "ab");
        TESTCASES.put("/a/b/c", "abc");
        TESTCASES.put("/a/b/d", "a/b/d");
        TESTCASES.put("/a/c", "ac");
        TESTCASES.put("/a/d", "ad");
        TESTCASES.put("/e", "e");
        TESTCASES.put("/f", "f");
    }

    @TempDir
    Path tmp;

    private LeveldbDatastore ds;

    @BeforeEach
    void open() {
        ds = LeveldbDatastore.open(tmp.resolve("db"), LeveldbOptions.builder().syncWrites(false).build());
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void addTestCases() {
        TESTCASES.forEach((k, v) -> ds.put(Key.of(k), bytes(v)));
        TESTCASES.forEach((k, v) -> assertArrayEquals(bytes(v), ds.get(Key.of(k)), k));
    }

    private List<String> keys(Query q) {
        try (Results r = ds.query(q)) {
            return r.stream().map(Entry::key).toList();
        }
    }

    @Nested
    @DisplayName("go-ds-leveldb ds_test.go")
    class GoTests {

        @Test
        @DisplayName("TestQuery: prefix, offset and limit, key order both ways")
        void query() {
            addTestCases();
            assertEquals(List.of("/a/b", "/a/b/c", "/a/b/d", "/a/c", "/a/d"), keys(Query.builder().prefix("/a/").build()));
            assertEquals(List.of("/a/b/d", "/a/c"), keys(Query.builder().prefix("/a/").offset(2).limit(2).build()));
            List<String> sorted = TESTCASES.keySet().stream().sorted().toList();
            assertEquals(sorted, keys(Query.builder().order(new OrderByKey()).build()));
            assertEquals(sorted.reversed(), keys(Query.builder().order(new OrderByKeyDescending()).build()));
        }

        @Test
        @DisplayName("TestBatching: a committed batch's puts read back")
        void batching() {
            Batch b = ds.batch();
            TESTCASES.forEach((k, v) -> b.put(Key.of(k), bytes(v)));
            b.commit();
            TESTCASES.forEach((k, v) -> assertArrayEquals(bytes(v), ds.get(Key.of(k)), k));
        }

        @Test
        @DisplayName("TestDiskUsage: usage is positive, grows with a put, and fails after close")
        void diskUsage() {
            addTestCases();
            long du = ds.diskUsage();
            assertTrue(du > 0, "some disk usage");
            ds.put(Key.of("more"), bytes("value"));
            assertTrue(ds.diskUsage() > du, "size should have increased");
            ds.close();
            assertThrows(ClosedException.class, ds::diskUsage);
        }
    }

    @Nested
    @DisplayName("Queries")
    class Queries {

        @BeforeEach
        void keysAroundTheRange() {
            // '-' (0x2d) sorts before '/' (0x2f) and '0' (0x30) right after it: the neighbours of /a/'s range.
            for (String k : List.of("/a", "/a-b", "/a/b", "/a/c", "/a/c/d", "/a0", "/b", "/b/x")) {
                ds.put(Key.of(k), bytes("v" + k));
            }
        }

        @Test
        @DisplayName("A prefix selects strict descendants in key order, forwards and backwards")
        void prefixRange() {
            assertEquals(List.of("/a/b", "/a/c", "/a/c/d"), keys(Query.builder().prefix("/a").order(new OrderByKey()).build()));
            assertEquals(List.of("/a/c/d", "/a/c", "/a/b"), keys(Query.builder().prefix("/a").order(new OrderByKeyDescending()).build()));
            assertEquals(List.of("/b/x"), keys(Query.builder().prefix("/b").order(new OrderByKeyDescending()).build()),
                    "a range at the end of the database, backwards");
            assertEquals(List.of(), keys(Query.builder().prefix("/c").order(new OrderByKeyDescending()).build()), "past the last key");
            assertEquals(List.of(), keys(Query.builder().prefix("/0").build()), "before the first key");
            assertEquals(List.of("/a/c/d"), keys(Query.builder().prefix("/a/./c/").order(new OrderByKeyDescending()).build()),
                    "the prefix is cleaned");
        }

        @Test
        @DisplayName("Orders after a key order are moot; other orders, filters, offset and limit apply on top")
        void naiveRest() {
            assertEquals(List.of("/b/x", "/b", "/a0"), keys(Query.builder()
                    .order(new OrderByKeyDescending(), new OrderByValue()).limit(3).build()));
            assertEquals(List.of("/a/c", "/a/b"), keys(Query.builder().prefix("/a")
                    .filter(new FilterKeyCompare(Op.LESS_THAN, "/a/c/d")).order(new OrderByKeyDescending()).build()));
            assertEquals(List.of("/a/c", "/a/c/d"), keys(Query.builder().prefix("/a").order(new OrderByValue()).offset(1).build()));
        }

        @Test
        @DisplayName("Results answer the very query passed in, keys-only entries carry sizes")
        void resultsShape() {
            Query q = Query.builder().prefix("/a").keysOnly(true).order(new OrderByKey()).build();
            try (Results r = ds.query(q)) {
                assertSame(q, r.query());
                Entry e = r.iterator().next();
                assertEquals("/a/b", e.key());
                assertNull(e.value());
                assertEquals(bytes("v/a/b").length, e.size());
            }
            try (Results r = ds.query(Query.all())) {
                Entry e = r.iterator().next();
                assertArrayEquals(bytes("v/a"), e.value());
                assertEquals(3, e.size());
            }
        }

        @Test
        @DisplayName("Results read the snapshot taken when the query was made")
        void snapshot() {
            try (Results r = ds.query(Query.builder().prefix("/a").keysOnly(true).build())) {
                ds.delete(Key.of("/a/c"));
                ds.put(Key.of("/a/bb"), bytes("new"));
                assertEquals(List.of("/a/b", "/a/c", "/a/c/d"), r.stream().map(Entry::key).toList());
            }
        }

        @Test
        @DisplayName("Closing results early, exhausting them, or closing the datastore releases the iterator")
        void releases() {
            Results early = ds.query(Query.all());
            Results limited = ds.query(Query.builder().limit(1).build());
            assertEquals(2, ds.openResults());
            early.iterator().next();
            early.close();
            early.close();
            assertEquals(1, limited.rest().size());
            assertEquals(0, ds.openResults());

            Results open = ds.query(Query.builder().keysOnly(true).build());
            assertTrue(open.nextResult().isPresent());
            assertEquals(1, ds.openResults());
            ds.close();
            assertEquals(0, ds.openResults());
            Optional<Result> after = open.nextResult();
            assertTrue(after.isPresent() && after.get().isError(), "an error result after the datastore closed");
            assertTrue(after.get().error() instanceof ClosedException, () -> "closed: " + after.get().error());
            assertTrue(open.nextResult().isEmpty(), "then nothing");
            open.close();
        }
    }

    @Nested
    @DisplayName("Writes")
    class Writes {

        @Test
        @DisplayName("Values are copied in and out")
        void copies() {
            byte[] v = bytes("abc");
            ds.put(Key.of("/k"), v);
            v[0] = 'x';
            byte[] got = ds.get(Key.of("/k"));
            assertArrayEquals(bytes("abc"), got);
            got[0] = 'y';
            assertArrayEquals(bytes("abc"), ds.get(Key.of("/k")));

            Batch b = ds.batch();
            byte[] w = bytes("def");
            b.put(Key.of("/w"), w);
            w[0] = 'x';
            b.commit();
            assertArrayEquals(bytes("def"), ds.get(Key.of("/w")));
        }

        @Test
        @DisplayName("A batch applies in order (the last operation wins) and is not reusable")
        void batchOrder() {
            ds.put(Key.of("/gone"), bytes("x"));
            Batch b = ds.batch();
            b.put(Key.of("/k"), bytes("1"));
            b.delete(Key.of("/k"));
            b.put(Key.of("/k"), bytes("2"));
            b.put(Key.of("/d"), bytes("1"));
            b.delete(Key.of("/d"));
            b.delete(Key.of("/gone"));
            assertTrue(ds.has(Key.of("/gone")), "nothing applied before commit");
            b.commit();
            assertArrayEquals(bytes("2"), ds.get(Key.of("/k")));
            assertFalse(ds.has(Key.of("/d")));
            assertFalse(ds.has(Key.of("/gone")));
            ClosedException e = assertThrows(ClosedException.class, () -> b.put(Key.of("/k"), bytes("3")));
            assertTrue(e.getMessage().contains("/k"), e.getMessage());
            assertThrows(ClosedException.class, () -> b.delete(Key.of("/k")));
            assertThrows(ClosedException.class, b::commit);
            assertTrue(b.toString().contains("committed"), b.toString());
        }

        @Test
        @DisplayName("A batch of a closed datastore refuses everything; null arguments are named")
        void batchAfterClose() {
            Batch b = ds.batch();
            b.put(Key.of("/k"), bytes("1"));
            assertThrows(InvalidArgumentException.class, () -> b.put(null, bytes("1")));
            assertThrows(InvalidArgumentException.class, () -> b.put(Key.of("/k"), null));
            assertThrows(InvalidArgumentException.class, () -> b.delete(null));
            ds.close();
            assertThrows(ClosedException.class, () -> b.put(Key.of("/k"), bytes("1")));
            assertThrows(ClosedException.class, () -> b.delete(Key.of("/k")));
            assertThrows(ClosedException.class, b::commit);
            assertThrows(ClosedException.class, ds::batch);
            assertThrows(ClosedException.class, () -> ds.getSize(Key.of("/k")));
        }

        @Test
        @DisplayName("sync forces the log only when unsynced writes were made, for any prefix")
        void syncWithoutSyncedWrites() {
            ds.sync(Key.ROOT);
            ds.put(Key.of("/a/b"), bytes("1"));
            ds.sync(Key.of("/other"));
            ds.sync(Key.of("/a"));
            assertThrows(InvalidArgumentException.class, () -> ds.sync(null));
            assertArrayEquals(bytes("1"), ds.get(Key.of("/a/b")));
        }
    }

    @Nested
    @DisplayName("Opening")
    class Opening {

        @Test
        @DisplayName("A database open in this process cannot be opened again; after close it can")
        void locked() {
            LeveldbException e = assertThrows(LeveldbException.class, () -> LeveldbDatastore.open(ds.directory()));
            assertTrue(e.getMessage().contains(ds.directory().toString()) && e.getMessage().contains("open"), e.getMessage());
            ds.put(Key.of("/k"), bytes("v"));
            ds.close();
            try (LeveldbDatastore again = LeveldbDatastore.open(ds.directory())) {
                assertArrayEquals(bytes("v"), again.get(Key.of("/k")));
            }
        }

        @Test
        @DisplayName("createIfMissing off refuses an empty or missing directory, errorIfExists refuses an existing database")
        void existence() throws Exception {
            LeveldbOptions noCreate = LeveldbOptions.builder().createIfMissing(false).build();
            Path missing = tmp.resolve("missing");
            LeveldbException e = assertThrows(LeveldbException.class, () -> LeveldbDatastore.open(missing, noCreate));
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            assertFalse(Files.exists(missing), "nothing created");
            Path empty = Files.createDirectory(tmp.resolve("empty"));
            assertThrows(LeveldbException.class, () -> LeveldbDatastore.open(empty, noCreate));
            ds.close();
            assertThrows(LeveldbException.class,
                    () -> LeveldbDatastore.open(ds.directory(), LeveldbOptions.builder().errorIfExists(true).build()));
            LeveldbDatastore.open(ds.directory(), noCreate).close();
        }

        @Test
        @DisplayName("A regular file is not a database directory; null arguments are named")
        void notADirectory() throws Exception {
            Path file = Files.writeString(tmp.resolve("file"), "x");
            LeveldbException e = assertThrows(LeveldbException.class, () -> LeveldbDatastore.open(file));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertThrows(InvalidArgumentException.class, () -> LeveldbDatastore.open(null));
            assertThrows(InvalidArgumentException.class, () -> LeveldbDatastore.open(file, null));
        }

        @Test
        @DisplayName("A table missing from the directory makes opening fail, naming the directory")
        void missingTable() throws Exception {
            for (int i = 0; i < 100; i++) {
                ds.put(Key.of("/k" + i), bytes("value " + i));
            }
            ds.close();
            // Reopening turns the log into a table.
            LeveldbDatastore.open(ds.directory()).close();
            try (Stream<Path> files = Files.list(ds.directory())) {
                for (Path p : files.filter(p -> p.toString().endsWith(".ldb")).toList()) {
                    Files.delete(p);
                }
            }
            LeveldbException e = assertThrows(LeveldbException.class, () -> LeveldbDatastore.open(ds.directory()));
            assertTrue(e.getMessage().contains(ds.directory().toString()) && e.getMessage().contains("missing"), e.getMessage());
        }

        @Test
        @DisplayName("A damaged table fails the read that meets it, naming the key")
        void damagedTable() throws Exception {
            for (int i = 0; i < 100; i++) {
                ds.put(Key.of("/k" + i), bytes("value " + i));
            }
            ds.close();
            LeveldbDatastore.open(ds.directory()).close();
            try (Stream<Path> files = Files.list(ds.directory())) {
                for (Path p : files.filter(p -> p.toString().endsWith(".ldb")).toList()) {
                    byte[] content = Files.readAllBytes(p);
                    Files.write(p, java.util.Arrays.copyOf(content, content.length / 2));
                }
            }
            try (LeveldbDatastore damaged = LeveldbDatastore.open(ds.directory())) {
                DatastoreException e = assertThrows(DatastoreException.class, () -> damaged.get(Key.of("/k7")));
                assertTrue(e.getMessage().contains("get /k7") && e.getMessage().contains(ds.directory().toString()), e.getMessage());
                // The iterator opens every table when the query is made.
                LeveldbException q = assertThrows(LeveldbException.class, () -> damaged.query(Query.all()));
                assertTrue(q.getMessage().contains("query SELECT keys,vals"), q.getMessage());
                assertEquals(0, damaged.openResults());
            }
        }

        @Test
        @DisplayName("Snappy compression writes tables any reader decodes, whatever its own setting")
        void snappy() {
            ds.close();
            Path dir = tmp.resolve("snappy");
            LeveldbOptions snappy = LeveldbOptions.builder().compression(LeveldbOptions.Compression.SNAPPY).build();
            byte[] value = bytes("a very compressible value, ".repeat(40));
            try (LeveldbDatastore s = LeveldbDatastore.open(dir, snappy)) {
                assertSame(snappy, s.options());
                for (int i = 0; i < 200; i++) {
                    s.put(Key.of("/k" + i), value);
                }
            }
            // The log becomes a compressed table on reopen; a reader set to none decodes it by the block's tag.
            LeveldbDatastore.open(dir, snappy).close();
            try (LeveldbDatastore plain = LeveldbDatastore.open(dir)) {
                for (int i = 0; i < 200; i++) {
                    assertArrayEquals(value, plain.get(Key.of("/k" + i)));
                }
                assertTrue(plain.diskUsage() < 200L * value.length / 4, "tables are compressed: " + plain.diskUsage());
            }
        }

        @Test
        @DisplayName("Describes itself by its directory")
        void describes() {
            assertEquals("LeveldbDatastore[" + tmp.resolve("db") + "]", ds.toString());
            assertEquals(tmp.resolve("db"), ds.directory());
            assertFalse(ds.options().syncWrites());
            List<String> ops = new ArrayList<>();
            ClosedException e = assertThrows(ClosedException.class, () -> {
                ds.close();
                ops.add("closed");
                ds.get(Key.of("/x"));
            });
            assertTrue(e.getMessage().contains("get /x") && e.getMessage().contains(ds.toString()), e.getMessage());
            assertEquals(List.of("closed"), ops);
        }
    }
}
