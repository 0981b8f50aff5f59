package io.github.blobds.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.conformance.TestDatastore;
import io.github.blobds.datastore.AutoBatchingDatastore;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.FailingDatastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.NullDatastore;
import io.github.blobds.datastore.SynchronizedDatastore;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.FilterKeyCompare;
import io.github.blobds.datastore.query.Op;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The tests of go-datastore v0.9.2 mount/mount_test.go, one by one (TestSuite is {@link MountSuiteTest}). */
class MountDatastoreTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Mount mount(String prefix, Datastore ds) {
        return new Mount(Key.of(prefix), ds);
    }

    static List<Entry> rest(Datastore ds, Query q) {
        try (Results r = ds.query(q)) {
            assertTrue(r.query() == q, "Results.query() is the query passed in");
            return r.rest();
        }
    }

    static List<String> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    // go-datastore mount/mount_test.go TestPutBadNothing
    @Test
    @DisplayName("a put with no mounts at all fails with NoMountException")
    void putBadNothing() {
        MountDatastore m = MountDatastore.of(List.of());
        NoMountException e = assertThrows(NoMountException.class, () -> m.put(Key.of("quux"), bytes("foobar")));
        assertEquals(Key.of("/quux"), e.key());
    }

    // go-datastore mount/mount_test.go TestPutBadNoMount
    @Test
    @DisplayName("a put outside every mount fails with NoMountException")
    void putBadNoMount() {
        MountDatastore m = MountDatastore.of(mount("/redherring", new MapDatastore()));
        assertThrows(NoMountException.class, () -> m.put(Key.of("/quux/thud"), bytes("foobar")));
    }

    // go-datastore mount/mount_test.go TestPut
    @Test
    @DisplayName("a put lands in the mount's datastore without the prefix")
    void put() {
        MapDatastore mapds = new MapDatastore();
        MountDatastore m = MountDatastore.of(mount("/quux", mapds));
        m.put(Key.of("/quux/thud"), bytes("foobar"));
        assertArrayEquals(bytes("foobar"), mapds.get(Key.of("/thud")));
    }

    // go-datastore mount/mount_test.go TestGetBadNothing
    @Test
    @DisplayName("a get with no mounts is not found")
    void getBadNothing() {
        MountDatastore m = MountDatastore.of(List.of());
        NotFoundException e = assertThrows(NotFoundException.class, () -> m.get(Key.of("/quux/thud")));
        assertEquals(Key.of("/quux/thud"), e.key());
    }

    // go-datastore mount/mount_test.go TestGetBadNoMount
    @Test
    @DisplayName("a get outside every mount is not found")
    void getBadNoMount() {
        MountDatastore m = MountDatastore.of(mount("/redherring", new MapDatastore()));
        assertThrows(NotFoundException.class, () -> m.get(Key.of("/quux/thud")));
    }

    // go-datastore mount/mount_test.go TestGetNotFound
    @Test
    @DisplayName("a get of a missing key is not found and names the mount's key, not the child's")
    void getNotFound() {
        MountDatastore m = MountDatastore.of(mount("/quux", new MapDatastore()));
        NotFoundException e = assertThrows(NotFoundException.class, () -> m.get(Key.of("/quux/thud")));
        assertEquals(Key.of("/quux/thud"), e.key());
        NotFoundException size = assertThrows(NotFoundException.class, () -> m.getSize(Key.of("/quux/thud")));
        assertEquals(Key.of("/quux/thud"), size.key());
    }

    // go-datastore mount/mount_test.go TestGet
    @Test
    @DisplayName("a get reads the mount's datastore")
    void get() {
        MapDatastore mapds = new MapDatastore();
        MountDatastore m = MountDatastore.of(mount("/quux", mapds));
        mapds.put(Key.of("/thud"), bytes("foobar"));
        assertArrayEquals(bytes("foobar"), m.get(Key.of("/quux/thud")));
        assertEquals(6, m.getSize(Key.of("/quux/thud")));
    }

    // go-datastore mount/mount_test.go TestHasBadNothing
    @Test
    @DisplayName("has with no mounts is false")
    void hasBadNothing() {
        assertFalse(MountDatastore.of(List.of()).has(Key.of("/quux/thud")));
    }

    // go-datastore mount/mount_test.go TestHasBadNoMount
    @Test
    @DisplayName("has outside every mount is false")
    void hasBadNoMount() {
        assertFalse(MountDatastore.of(mount("/redherring", new MapDatastore())).has(Key.of("/quux/thud")));
    }

    // go-datastore mount/mount_test.go TestHasNotFound
    @Test
    @DisplayName("has of a missing key is false")
    void hasNotFound() {
        assertFalse(MountDatastore.of(mount("/quux", new MapDatastore())).has(Key.of("/quux/thud")));
    }

    // go-datastore mount/mount_test.go TestHas
    @Test
    @DisplayName("has of a present key is true")
    void has() {
        MapDatastore mapds = new MapDatastore();
        MountDatastore m = MountDatastore.of(mount("/quux", mapds));
        mapds.put(Key.of("/thud"), bytes("foobar"));
        assertTrue(m.has(Key.of("/quux/thud")));
    }

    // go-datastore mount/mount_test.go TestDeleteNotFound
    @Test
    @DisplayName("deleting a missing key, or one outside every mount, is not an error")
    void deleteNotFound() {
        MountDatastore m = MountDatastore.of(mount("/quux", new MapDatastore()));
        m.delete(Key.of("/quux/thud"));
        m.delete(Key.of("/elsewhere/thud"));
    }

    // go-datastore mount/mount_test.go TestDelete
    @Test
    @DisplayName("a delete removes the key from the mount's datastore")
    void delete() {
        MapDatastore mapds = new MapDatastore();
        MountDatastore m = MountDatastore.of(mount("/quux", mapds));
        mapds.put(Key.of("/thud"), bytes("foobar"));
        m.delete(Key.of("/quux/thud"));
        assertFalse(mapds.has(Key.of("/thud")));
    }

    // go-datastore mount/mount_test.go TestQuerySimple
    @Test
    @DisplayName("a query under a mount returns its keys with the prefix")
    void querySimple() {
        MountDatastore m = MountDatastore.of(mount("/quux", new MapDatastore()));
        m.put(Key.of("/quux/thud"), bytes("foobar"));
        assertEquals(List.of("/quux/thud"), keys(rest(m, Query.builder().prefix("/quux").build())));
    }

    // go-datastore mount/mount_test.go TestQueryAcrossMounts
    @Test
    @DisplayName("a query prefix selects whole components across mounts")
    void queryAcrossMounts() {
        MountDatastore m = MountDatastore.of(
                mount("/foo", new MapDatastore()),
                mount("/bar", new MapDatastore()),
                mount("/baz", new MapDatastore()),
                mount("/", new MapDatastore()));
        m.put(Key.of("/foo/lorem"), bytes("123"));
        m.put(Key.of("/bar/ipsum"), bytes("234"));
        m.put(Key.of("/bar/dolor"), bytes("345"));
        m.put(Key.of("/baz/sit"), bytes("456"));
        m.put(Key.of("/banana"), bytes("567"));

        expect(m, "/ba", Map.of());
        expect(m, "/bar", Map.of("/bar/ipsum", "234", "/bar/dolor", "345"));
        expect(m, "/baz/", Map.of("/baz/sit", "456"));
        expect(m, "/foo", Map.of("/foo/lorem", "123"));
        expect(m, "/", Map.of("/foo/lorem", "123", "/bar/ipsum", "234", "/bar/dolor", "345", "/baz/sit", "456", "/banana", "567"));
        expect(m, "/banana", Map.of());
    }

    private static void expect(Datastore m, String prefix, Map<String, String> values) {
        Map<String, String> actual = new HashMap<>();
        for (Entry e : rest(m, Query.builder().prefix(prefix).build())) {
            assertEquals(null, actual.put(e.key(), new String(e.value(), StandardCharsets.UTF_8)), () -> "duplicate " + e.key());
        }
        assertEquals(values, actual, () -> "query prefix " + prefix);
    }

    // go-datastore mount/mount_test.go TestQueryAcrossMountsWithSort
    @Test
    @DisplayName("ordered results of nested mounts interleave correctly")
    void queryAcrossMountsWithSort() {
        MountDatastore m = MountDatastore.of(
                mount("/zoo", new MapDatastore()),
                mount("/boo/5", new MapDatastore()),
                mount("/boo", new MapDatastore()));
        m.put(Key.of("/zoo/0"), bytes("123"));
        m.put(Key.of("/zoo/1"), bytes("234"));
        m.put(Key.of("/boo/9"), bytes("345"));
        m.put(Key.of("/boo/3"), bytes("456"));
        m.put(Key.of("/boo/5/hello"), bytes("789"));
        assertEquals(List.of("/boo/3", "/boo/5/hello", "/boo/9", "/zoo/0", "/zoo/1"),
                keys(rest(m, Query.builder().order(new OrderByKey()).build())));
    }

    /** The data of go's TestQuery*AcrossMountsWithSort: mutex-wrapped maps at /rok, /zoo and /noop. */
    private static MountDatastore rokZooNoop() {
        MountDatastore m = MountDatastore.of(
                mount("/rok", SynchronizedDatastore.wrap(new MapDatastore())),
                mount("/zoo", SynchronizedDatastore.wrap(new MapDatastore())),
                mount("/noop", SynchronizedDatastore.wrap(new MapDatastore())));
        m.put(Key.of("/rok/0"), bytes("ghi"));
        m.put(Key.of("/zoo/0"), bytes("123"));
        m.put(Key.of("/rok/1"), bytes("def"));
        m.put(Key.of("/zoo/1"), bytes("167"));
        m.put(Key.of("/zoo/2"), bytes("345"));
        m.put(Key.of("/rok/3"), bytes("abc"));
        m.put(Key.of("/zoo/3"), bytes("456"));
        return m;
    }

    // go-datastore mount/mount_test.go TestQueryLimitAcrossMountsWithSort
    @Test
    @DisplayName("a limit applies after the merge on descending keys")
    void queryLimitAcrossMountsWithSort() {
        Query q = Query.builder().limit(2).order(new OrderByKeyDescending()).build();
        assertEquals(List.of("/zoo/3", "/zoo/2"), keys(rest(rokZooNoop(), q)));
    }

    // go-datastore mount/mount_test.go TestQueryLimitAndOffsetAcrossMountsWithSort
    @Test
    @DisplayName("offset and limit apply after the merge")
    void queryLimitAndOffsetAcrossMountsWithSort() {
        Query q = Query.builder().limit(3).offset(2).order(new OrderByKey()).build();
        assertEquals(List.of("/rok/3", "/zoo/0", "/zoo/1"), keys(rest(rokZooNoop(), q)));
    }

    // go-datastore mount/mount_test.go TestQueryFilterAcrossMountsWithSort
    @Test
    @DisplayName("filters apply to the merged keys")
    void queryFilterAcrossMountsWithSort() {
        Query q = Query.builder().filter(new FilterKeyCompare(Op.EQUAL, "/rok/3")).build();
        assertEquals(List.of("/rok/3"), keys(rest(rokZooNoop(), q)));
    }

    // go-datastore mount/mount_test.go TestQueryLimitAndOffsetWithNoData
    @Test
    @DisplayName("offset and limit on empty mounts give nothing")
    void queryLimitAndOffsetWithNoData() {
        MountDatastore m = MountDatastore.of(
                mount("/rok", SynchronizedDatastore.wrap(new MapDatastore())),
                mount("/zoo", SynchronizedDatastore.wrap(new MapDatastore())));
        assertEquals(List.of(), rest(m, Query.builder().limit(4).offset(3).build()));
    }

    private static MountDatastore twoKeys() {
        MountDatastore m = MountDatastore.of(
                mount("/rok", SynchronizedDatastore.wrap(new MapDatastore())),
                mount("/zoo", SynchronizedDatastore.wrap(new MapDatastore())));
        m.put(Key.of("/zoo/0"), bytes("123"));
        m.put(Key.of("/rok/1"), bytes("167"));
        return m;
    }

    // go-datastore mount/mount_test.go TestQueryLimitWithNotEnoughData
    @Test
    @DisplayName("a limit above the number of keys returns them all")
    void queryLimitWithNotEnoughData() {
        assertEquals(2, rest(twoKeys(), Query.builder().limit(4).build()).size());
    }

    // go-datastore mount/mount_test.go TestQueryOffsetWithNotEnoughData
    @Test
    @DisplayName("an offset above the number of keys returns nothing")
    void queryOffsetWithNotEnoughData() {
        assertEquals(List.of(), rest(twoKeys(), Query.builder().offset(4).build()));
    }

    // go-datastore mount/mount_test.go TestLookupPrio
    @Test
    @DisplayName("the most specific mount takes a key")
    void lookupPrio() {
        MapDatastore mapds0 = new MapDatastore();
        MapDatastore mapds1 = new MapDatastore();
        MountDatastore m = MountDatastore.of(mount("/", mapds0), mount("/foo", mapds1));
        m.put(Key.of("/foo/bar"), bytes("123"));
        m.put(Key.of("/baz"), bytes("234"));
        assertTrue(mapds0.has(Key.of("/baz")));
        assertFalse(mapds0.has(Key.of("/foo/bar")));
        assertTrue(mapds1.has(Key.of("/bar")));
    }

    // go-datastore mount/mount_test.go TestNestedMountSync
    @Test
    @DisplayName("sync reaches the mounts below the prefix and only the prefix's part of the one above")
    void nestedMountSync() {
        MapDatastore internalRoot = new MapDatastore();
        MapDatastore internalFoo = new MapDatastore();
        MapDatastore internalFooBar = new MapDatastore();
        MountDatastore m = MountDatastore.of(
                mount("/foo", AutoBatchingDatastore.wrap(internalFoo, 10)),
                mount("/foo/bar", AutoBatchingDatastore.wrap(internalFooBar, 10)),
                mount("/", AutoBatchingDatastore.wrap(internalRoot, 10)));
        for (String k : List.of("/foo/bar/0", "/foo/bar/1", "/foo/baz", "/beep/bop")) {
            m.put(Key.of(k), bytes(k));
        }
        m.sync(Key.of("/foo"));
        assertTrue(internalFooBar.has(Key.of("/0")));
        assertTrue(internalFooBar.has(Key.of("/1")));
        assertTrue(internalFoo.has(Key.of("/baz")));
        assertFalse(internalRoot.has(Key.of("/beep/bop")));

        m.put(Key.of("/fwop"), bytes("/fwop"));
        m.put(Key.of("/bloop"), bytes("/bloop"));
        m.sync(Key.of("/fwop"));
        assertTrue(internalRoot.has(Key.of("/fwop")));
        assertFalse(internalRoot.has(Key.of("/bloop")));
    }

    // go-datastore mount/mount_test.go TestErrQueryClose
    @Test
    @DisplayName("a child whose query fails makes the mount's query fail")
    void errQueryClose() {
        Datastore eqds = FailingDatastore.wrap(new NullDatastore(), op -> {
            if (op.equals("query")) {
                throw new DatastoreException("test error");
            }
        });
        TrackingDatastore mds = new TrackingDatastore(new MapDatastore());
        MountDatastore m = MountDatastore.of(mount("/", mds.scoped()), mount("/foo", eqds));
        m.put(Key.of("/baz"), bytes("123"));
        DatastoreException e = assertThrows(DatastoreException.class, () -> m.query(Query.all()));
        assertEquals("test error", e.getMessage());
        assertTrue(mds.allClosed(), "no result set is left open (see MountQueryTest for a failure after others opened)");
    }

    // go-datastore mount/mount_test.go TestMaintenanceFunctions
    @Test
    @DisplayName("maintenance errors carry go's messages")
    void maintenanceFunctions() {
        MountDatastore m = MountDatastore.of(mount("/", new TestDatastore(true)));
        assertEquals("checking datastore at /: test error", assertThrows(DatastoreException.class, m::check).getMessage());
        assertEquals("gc on datastore at /: test error", assertThrows(DatastoreException.class, m::collectGarbage).getMessage());
        assertEquals("scrubbing datastore at /: test error", assertThrows(DatastoreException.class, m::scrub).getMessage());
    }
}
