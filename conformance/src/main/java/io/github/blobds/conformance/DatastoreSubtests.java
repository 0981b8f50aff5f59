package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Filter;
import io.github.blobds.datastore.query.FilterKeyCompare;
import io.github.blobds.datastore.query.FilterKeyPrefix;
import io.github.blobds.datastore.query.FilterValueCompare;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Op;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.OrderByFunction;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.OrderByValue;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * go-datastore's {@code test} package (dstest, v0.9.2) as plain static methods, so a test can run one
 * subtest on its own (as go-datastore runs only {@code SubtestNotFounds} on {@code NullDatastore}).
 * {@link DatastoreSuite} runs them all. Each method cites the Go function it ports. Random values come
 * from the {@link Random} passed in, so a failure replays from its seed.
 */
public final class DatastoreSubtests {

    /** The byte comparison go's suite orders values with ({@code bytes.Compare}). */
    static final Comparator<Entry> VALUE_BYTES = (a, b) -> Arrays.compareUnsigned(a.value(), b.value());

    private DatastoreSubtests() {
    }

    /** go-datastore test/suite.go clearDs: deletes every key a keys-only query returns. */
    public static void clear(Datastore ds) {
        List<Entry> all;
        try (Results r = ds.query(Query.builder().keysOnly(true).build())) {
            all = r.rest();
        }
        for (Entry e : all) {
            ds.delete(Key.raw(e.key()));
        }
    }

    /** go-datastore test/basic_tests.go SubtestBasicPutGet. */
    public static void basicPutGet(Datastore ds) {
        Key k = Key.of("foo");
        byte[] val = "Hello Datastore!".getBytes(StandardCharsets.UTF_8);
        ds.put(k, val);
        assertTrue(ds.has(k), "has after put");
        assertEquals(val.length, ds.getSize(k), "getSize after put");
        assertArrayEquals(val, ds.get(k), "get after put");
        assertTrue(ds.has(k), "has after get");
        assertEquals(val.length, ds.getSize(k), "getSize after get");
        ds.delete(k);
        assertFalse(ds.has(k), "has after delete");
        NotFoundException e = assertThrows(NotFoundException.class, () -> ds.getSize(k), "getSize after delete");
        assertEquals(k, e.key(), "the not-found error names the key");
    }

    /** go-datastore test/basic_tests.go SubtestNotFounds. */
    public static void notFounds(Datastore ds) {
        Key badk = Key.of("notreal");
        NotFoundException e = assertThrows(NotFoundException.class, () -> ds.get(badk), "get of a missing key");
        assertEquals(badk, e.key(), "the not-found error names the key");
        assertFalse(ds.has(badk), "has of a missing key");
        assertThrows(NotFoundException.class, () -> ds.getSize(badk), "getSize of a missing key");
        ds.delete(badk);
    }

    /** The prefixes of go-datastore test/basic_tests.go SubtestPrefix. */
    public static final List<String> PREFIXES =
            List.of("", "/", "/./", "/.././/", "/prefix/../", "/prefix", "/prefix/", "/prefix/sub/", "/0/", "/bad/");

    /** go-datastore test/basic_tests.go SubtestPrefix: one query per prefix of {@link #PREFIXES}. */
    public static void prefix(Datastore ds, int elemCount, Random random) {
        for (String prefix : PREFIXES) {
            query(ds, Query.builder().prefix(prefix).build(), elemCount, random);
        }
    }

    /** The order lists of go-datastore test/basic_tests.go SubtestOrder. */
    public static List<List<Order>> orderCases() {
        return List.of(
                List.of(new OrderByKey()),
                List.of(new OrderByKeyDescending()),
                List.of(new OrderByValue()),
                List.of(new OrderByValue(), new OrderByKey()),
                List.of(new OrderByFunction(VALUE_BYTES)));
    }

    /** go-datastore test/basic_tests.go SubtestOrder (go's value and pointer forms are one case here). */
    public static void order(Datastore ds, int elemCount, Random random) {
        for (List<Order> orders : orderCases()) {
            query(ds, Query.builder().orders(orders).build(), elemCount, random);
        }
    }

    /** go-datastore test/basic_tests.go SubtestLimit: the eleven {@code Slice/<offset>/<limit>} cases. */
    public static void limit(Datastore ds, int elemCount, Random random) {
        int e = elemCount;
        int[][] cases = {{0, e / 10}, {0, 0}, {e / 10, 0}, {e / 10, e / 10}, {e / 10, e / 5}, {e / 2, e / 5},
            {e - 1, e / 5}, {e * 2, e / 5}, {e * 2, 0}, {e - 1, 0}, {e - 5, 0}};
        for (int[] c : cases) {
            query(ds, Query.builder().order(new OrderByKey()).offset(c[0]).limit(c[1]).keysOnly(true).build(), elemCount, random);
        }
    }

    /** go-datastore test/basic_tests.go SubtestFilter (count fixed at 100, as in go). */
    public static void filter(Datastore ds, Random random) {
        byte[] randomValue = new byte[64];
        random.nextBytes(randomValue);
        List<Filter> filters = List.of(
                new FilterKeyCompare(Op.EQUAL, "/0key0"),
                new FilterKeyCompare(Op.LESS_THAN, "/2"),
                new FilterKeyPrefix("/0key0"),
                new FilterValueCompare(Op.LESS_THAN, randomValue),
                new EvenKeyLengthFilter());
        for (Filter f : filters) {
            query(ds, Query.builder().filter(f).build(), 100, random);
        }
    }

    /** go's {@code testFilter}: a filter type no datastore knows, keeping keys of even length. */
    record EvenKeyLengthFilter() implements Filter {
        @Override
        public boolean filter(Entry entry) {
            return entry.key().length() % 2 == 0;
        }

        @Override
        public String toString() {
            return "EVEN_KEY_LENGTH";
        }
    }

    /** go-datastore test/basic_tests.go SubtestManyKeysAndQuery. */
    public static void manyKeysAndQuery(Datastore ds, int elemCount, Random random) {
        query(ds, Query.builder().keysOnly(true).build(), elemCount, random);
    }

    /** go-datastore test/basic_tests.go SubtestReturnSizes (count fixed at 100, as in go). */
    public static void returnSizes(Datastore ds, Random random) {
        query(ds, Query.builder().returnsSizes(true).build(), 100, random);
    }

    /** go-datastore test/basic_tests.go SubtestBasicSync: syncs of present and absent prefixes succeed. */
    public static void basicSync(Datastore ds) {
        ds.sync(Key.of("prefix"));
        ds.put(Key.of("prefix"), "foo".getBytes(StandardCharsets.UTF_8));
        ds.sync(Key.of("prefix"));
        ds.put(Key.of("prefix/sub"), "bar".getBytes(StandardCharsets.UTF_8));
        ds.sync(Key.of("prefix"));
        ds.sync(Key.of("prefix/sub"));
        ds.sync(Key.of(""));
        assertArrayEquals("foo".getBytes(StandardCharsets.UTF_8), ds.get(Key.of("prefix")), "value after syncs");
    }

    /** One case of go-datastore test/basic_tests.go SubtestCombinations. */
    public record Combination(int index, Query query, int count) {
        @Override
        public String toString() {
            return "#" + index + " count=" + count + " {" + query + "}";
        }
    }

    /**
     * The 1151 cases of go-datastore test/basic_tests.go SubtestCombinations: offsets {0, E/10, E-5, E},
     * limits {0, 1, E/10, E}, two filters, four order lists, prefixes {"", /prefix, /0} and counts
     * {0, 1, E}, enumerated by go's odometer, which skips the all-first combination.
     */
    public static List<Combination> combinations(int elemCount) {
        int e = elemCount;
        int[] offsets = {0, e / 10, e - 5, e};
        int[] limits = {0, 1, e / 10, e};
        List<List<Filter>> filters = List.of(
                List.of(new FilterKeyCompare(Op.EQUAL, "/0key0")),
                List.of(new FilterKeyCompare(Op.LESS_THAN, "/2")));
        List<List<Order>> orders = List.of(
                List.of(new OrderByKey()),
                List.of(new OrderByKeyDescending()),
                List.of(new OrderByValue(), new OrderByKey()),
                List.of(new OrderByFunction(VALUE_BYTES)));
        String[] prefixes = {"", "/prefix", "/0"};
        int[] counts = {0, 1, e};
        int[] sizes = {offsets.length, limits.length, filters.size(), orders.size(), prefixes.length, counts.length};
        int[] perm = new int[sizes.length];
        List<Combination> out = new ArrayList<>();
        while (increment(perm, sizes)) {
            Query q = Query.builder()
                    .offset(offsets[perm[0]])
                    .limit(limits[perm[1]])
                    .filters(filters.get(perm[2]))
                    .orders(orders.get(perm[3]))
                    .prefix(prefixes[perm[4]])
                    .build();
            out.add(new Combination(out.size() + 1, q, counts[perm[5]]));
        }
        return out;
    }

    /** go's {@code perms} odometer: first digit fastest; false once it wraps around. */
    private static boolean increment(int[] perm, int[] sizes) {
        for (int i = 0; i < perm.length; i++) {
            perm[i]++;
            if (perm[i] < sizes[i]) {
                return true;
            }
            perm[i] = 0;
        }
        return false;
    }

    /**
     * go-datastore test/basic_tests.go subtestQuery: puts {@code 4 * count} keys with random 64-byte
     * values ({@code /i key i}, {@code /prefix/…}, {@code /prefix/sub/…}, {@code /capital/iKEYi}), reads
     * them back, runs {@code q} and compares with {@link NaiveQuery} over the same entries (sorted by key
     * first when {@code q} has no orders), again by iteration, then checks that closing the results after
     * the first entry ends them, and deletes the keys.
     */
    @SuppressWarnings("try") // the results are closed inside their try block on purpose: cancellation
    public static void query(Datastore ds, Query q, int count, Random random) {
        List<Entry> input = new ArrayList<>(4 * count);
        for (String format : List.of("/%dkey%d", "/prefix/%dkey%d", "/prefix/sub/%dkey%d", "/capital/%dKEY%d")) {
            for (int i = 0; i < count; i++) {
                byte[] value = new byte[64];
                random.nextBytes(value);
                input.add(Entry.of(Key.of(String.format(format, i, i)).toString(), value));
            }
        }
        for (Entry e : input) {
            ds.put(Key.raw(e.key()), e.value());
        }
        for (Entry e : input) {
            assertArrayEquals(e.value(), ds.get(Key.raw(e.key())), () -> "get " + e.key() + " after put");
        }

        List<Entry> expected;
        try (Results oracle = NaiveQuery.apply(q, Results.of(q, input))) {
            expected = oracle.rest();
        }

        List<Entry> actual;
        try (Results resp = ds.query(q)) {
            assertSame(q, resp.query(), "Results.query() returns the query passed in");
            actual = resp.rest();
        }
        check(q, expected, actual, "rest()");

        List<Entry> iterated = new ArrayList<>();
        try (Results resp = ds.query(q)) {
            for (Entry e : resp) {
                iterated.add(e);
            }
        }
        check(q, expected, iterated, "iteration");

        if (actual.size() > 1) {
            int seen = 0;
            try (Results resp = ds.query(q)) {
                for (Entry e : resp) {
                    assertFalse(e.key().isEmpty(), "entries have keys");
                    seen++;
                    resp.close();
                }
            }
            assertEquals(1, seen, () -> "closing the results after the first entry ends them: " + q);
        }

        for (Entry e : input) {
            ds.delete(Key.raw(e.key()));
        }
    }

    private static void check(Query q, List<Entry> expected, List<Entry> actual, String how) {
        assertEquals(expected.size(), actual.size(), () -> "number of results of " + q + " via " + how);
        List<Entry> exp = new ArrayList<>(expected);
        List<Entry> act = new ArrayList<>(actual);
        if (q.orders().isEmpty()) {
            Order.sort(exp, List.of(new OrderByKey()));
            Order.sort(act, List.of(new OrderByKey()));
        }
        for (int i = 0; i < exp.size(); i++) {
            Entry e = exp.get(i);
            Entry a = act.get(i);
            int index = i;
            assertEquals(e.key(), a.key(), () -> "key of result " + index + " of " + q + " via " + how);
            if (!q.keysOnly()) {
                assertArrayEquals(e.value(), a.value(), () -> "value of " + a.key() + " in " + q + " via " + how);
            }
            if (q.returnsSizes()) {
                assertTrue(a.size() > 0, () -> "size of " + a.key() + " in " + q + " is " + a.size());
            }
        }
    }

    /** The key go's batch tests use for a block: base32 (upper case, padded) of its first 8 bytes. */
    static Key blockKey(byte[] block) {
        return Key.of(Base32.encode(Arrays.copyOf(block, 8)));
    }

    /** go-datastore test/basic_tests.go RunBatchTest: 20 random 256 KiB blocks, invisible until commit. */
    public static void batchPut(Batching ds, Random random) {
        Batch batch = ds.batch();
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] block = new byte[256 * 1024];
            random.nextBytes(block);
            blocks.add(block);
            batch.put(blockKey(block), block);
        }
        for (byte[] block : blocks) {
            Key k = blockKey(block);
            assertThrows(DatastoreException.class, () -> ds.get(k), () -> "get " + k + " before commit");
        }
        batch.commit();
        for (byte[] block : blocks) {
            assertArrayEquals(block, ds.get(blockKey(block)), "block after commit");
        }
    }

    /** go-datastore test/basic_tests.go RunBatchDeleteTest: deletes of 20 keys land on commit. */
    public static void batchDelete(Batching ds, Random random) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] block = new byte[16];
            random.nextBytes(block);
            Key k = blockKey(block);
            keys.add(k);
            ds.put(k, block);
        }
        Batch batch = ds.batch();
        for (Key k : keys) {
            batch.delete(k);
        }
        batch.commit();
        for (Key k : keys) {
            assertThrows(DatastoreException.class, () -> ds.get(k), () -> "get " + k + " after batch delete");
        }
    }

    /** go-datastore test/basic_tests.go RunBatchPutAndDeleteTest: the last operation on a key wins. */
    public static void batchPutAndDelete(Batching ds) {
        Batch batch = ds.batch();
        Key a = Key.of("/a");
        Key b = Key.of("/b");
        batch.put(a, new byte[] {1});
        batch.put(b, new byte[] {2});
        batch.delete(a);
        batch.delete(b);
        batch.put(b, new byte[] {3});
        batch.commit();
        assertThrows(NotFoundException.class, () -> ds.get(a), "put then delete in one batch deletes");
        byte[] got = ds.get(b);
        assertNotNull(got);
        if (!Arrays.equals(new byte[] {3}, got)) {
            fail("put, delete, put in one batch keeps the last put: got " + Arrays.toString(got));
        }
    }
}
