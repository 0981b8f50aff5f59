package io.github.blobds.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.FilterKeyCompare;
import io.github.blobds.datastore.query.FilterValueCompare;
import io.github.blobds.datastore.query.Op;
import io.github.blobds.datastore.query.OrderByFunction;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByValue;
import io.github.blobds.datastore.query.Query;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTransformDatastoreTest {

    static final Key ABC = Key.of("/abc");
    static final KeyTransform PAIR = KeyTransform.pair(ABC::child, k -> Key.raw(k.toString().substring(ABC.toString().length())));
    static final List<String> KEYS = List.of("foo", "foo/bar", "foo/bar/baz", "foo/barb", "foo/bar/bazb", "foo/bar/baz/barb");

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** go-datastore keytransform_test.go TestBasic and namespace_test.go TestBasic, for a child at {@code childPrefix}. */
    static void basic(Datastore wrapped, TestErrorDatastore child, KeyTransform transform) {
        for (String k : KEYS) {
            wrapped.put(Key.of(k), bytes(k));
        }
        for (String k : KEYS) {
            assertArrayEquals(bytes(k), wrapped.get(Key.of(k)), "through the wrapper");
            assertArrayEquals(bytes(k), child.get(transform.convertKey(Key.of(k))), "in the child");
        }
        List<Key> childKeys = child.query(Query.all()).stream().map(e -> Key.raw(e.key())).sorted().toList();
        List<Key> wrappedKeys = wrapped.query(Query.all()).stream().map(e -> Key.raw(e.key())).sorted().toList();
        assertEquals(childKeys.size(), wrappedKeys.size());
        for (int i = 0; i < childKeys.size(); i++) {
            assertEquals(childKeys.get(i), transform.convertKey(wrappedKeys.get(i)));
            assertEquals(wrappedKeys.get(i), transform.invertKey(childKeys.get(i)));
        }
        assertEquals("test error", assertThrows(DatastoreException.class, () -> ((CheckedDatastore) wrapped).check()).getMessage());
        assertEquals("test error", assertThrows(DatastoreException.class, () -> ((GcDatastore) wrapped).collectGarbage()).getMessage());
        assertEquals("test error", assertThrows(DatastoreException.class, () -> ((ScrubbedDatastore) wrapped).scrub()).getMessage());
    }

    // go-datastore keytransform/keytransform_test.go TestBasic
    @Test
    void basicPair() {
        TestErrorDatastore child = new TestErrorDatastore();
        basic(KeyTransformDatastore.wrap(child, PAIR), child, PAIR);
    }

    // go-datastore namespace/namespace_test.go TestBasic (prefixes "abc" and "")
    @ParameterizedTest
    @ValueSource(strings = {"abc", ""})
    void basicNamespace(String prefix) {
        TestErrorDatastore child = new TestErrorDatastore();
        basic(Namespace.wrap(child, Key.of(prefix)), child, new PrefixTransform(Key.of(prefix)));
    }

    // go-datastore namespace/namespace_test.go TestQuery
    @Test
    void namespaceQuery() {
        TestErrorDatastore child = new TestErrorDatastore();
        Datastore nsds = Namespace.wrap(child, Key.of("/foo"));
        for (String k : List.of("abc/foo", "bar/foo", "foo/bar", "foo/bar/baz", "foo/baz/abc", "xyz/foo")) {
            child.put(Key.of(k), bytes(k));
        }
        List<Entry> all = nsds.query(Query.all()).rest();
        List<Entry> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(Entry::key));
        assertEquals(List.of("/bar", "/bar/baz", "/baz/abc"), sorted.stream().map(Entry::key).toList());
        assertEquals(List.of("foo/bar", "foo/bar/baz", "foo/baz/abc"), sorted.stream().map(e -> new String(e.value(), StandardCharsets.UTF_8)).toList());
        assertEquals(List.of("/bar/baz"), nsds.query(Query.builder().prefix("bar").build()).stream().map(Entry::key).toList());
        assertThrows(DatastoreException.class, () -> ((CheckedDatastore) nsds).check());
    }

    // go-datastore namespace/example_test.go Example
    @Test
    void example() {
        MapDatastore mp = new MapDatastore();
        Datastore ns = Namespace.wrap(mp, Key.of("/foo/bar"));
        ns.put(Key.of("/beep"), bytes("boop"));
        assertArrayEquals(bytes("boop"), ns.get(Key.of("/beep")));
        assertArrayEquals(bytes("boop"), mp.get(Key.of("/foo/bar/beep")));
    }

    // reference §5.2: v0.9 "already prefixed" rule and its round-trip gotcha
    @Test
    void alreadyPrefixedKeysAreNotPrefixedAgain() {
        PrefixTransform t = new PrefixTransform(Key.of("/foo"));
        assertEquals(Key.of("/foo/x"), t.convertKey(Key.of("/x")));
        assertEquals(Key.of("/foo/x"), t.convertKey(Key.of("/foo/x")));
        assertEquals(Key.of("/x"), t.invertKey(Key.of("/foo/x")));
        assertEquals(Key.of("/foo/foo"), t.convertKey(Key.of("/foo")));
        DatastoreException e = assertThrows(DatastoreException.class, () -> t.invertKey(Key.of("/bar/x")));
        assertTrue(e.getMessage().contains("/bar/x"), e::getMessage);
        assertEquals(Key.of("/x"), new PrefixTransform(Key.ROOT).invertKey(Key.of("/x")));
        assertThrows(InvalidArgumentException.class, () -> new PrefixTransform(null));
    }

    @Test
    void missingKeysAreReportedWithTheUsersKey() {
        Datastore ns = Namespace.wrap(new MapDatastore(), Key.of("/foo"));
        assertEquals(Key.of("/x"), assertThrows(NotFoundException.class, () -> ns.get(Key.of("/x"))).key());
        assertEquals(Key.of("/x"), assertThrows(NotFoundException.class, () -> ns.getSize(Key.of("/x"))).key());
        assertFalse(ns.has(Key.of("/x")));
        assertThrows(InvalidKeyException.class, () -> ns.get(null));
    }

    // reference §5.2: the split of a query between child and naive engine
    @Test
    void querySplit() {
        KeyTransform ns = new PrefixTransform(Key.of("/ns"));
        Query q = Query.builder().prefix("/a").order(new OrderByValue(), new OrderByKey(), new OrderByValue())
                .filter(new FilterKeyCompare(Op.LESS_THAN, "/b"), new FilterValueCompare(Op.EQUAL, new byte[] {1}))
                .offset(2).limit(3).build();
        KeyTransformDatastore.Split s = KeyTransformDatastore.split(ns, q);
        assertEquals("/ns/a", s.child().prefix());
        assertEquals(List.of(new OrderByValue(), new OrderByKey()), s.child().orders(), "orders after the key order are dropped");
        assertEquals(List.of(new FilterKeyCompare(Op.LESS_THAN, "/ns/b"), new FilterValueCompare(Op.EQUAL, new byte[] {1})), s.child().filters());
        assertEquals(2, s.child().offset());
        assertEquals(3, s.child().limit());
        assertEquals(Query.all(), s.naive());

        KeyTransformDatastore.Split p = KeyTransformDatastore.split(PAIR, q);
        assertEquals(List.of(), p.child().orders(), "a pair is not known to preserve key order");
        assertEquals(List.of(), p.child().filters(), "key filters cannot be rewritten under a pair");
        assertEquals(0, p.child().offset());
        assertEquals(q.orders(), p.naive().orders());
        assertEquals(q.filters(), p.naive().filters());
        assertEquals(2, p.naive().offset());
        assertEquals(3, p.naive().limit());

        Query fn = Query.builder().order(new OrderByFunction(Comparator.comparing(Entry::key))).limit(1).build();
        assertEquals(fn.orders(), KeyTransformDatastore.split(ns, fn).naive().orders());
        assertEquals(List.of(), KeyTransformDatastore.split(ns, fn).child().orders());
        assertEquals(1, KeyTransformDatastore.split(ns, fn).naive().limit());
    }

    @Test
    void batchesAndFeatures() {
        MapDatastore child = new MapDatastore();
        Datastore ns = Namespace.wrap(child, Key.of("/ns"));
        assertInstanceOf(Batching.class, ns);
        assertFalse(ns instanceof CheckedDatastore, "a map child has no check, so the wrapper shows none");
        Batch b = ((Batching) ns).batch();
        b.put(Key.of("/a"), bytes("1"));
        b.put(Key.of("/b"), bytes("2"));
        b.delete(Key.of("/b"));
        b.commit();
        assertArrayEquals(bytes("1"), child.get(Key.of("/ns/a")));
        assertFalse(child.has(Key.of("/ns/b")));
        ns.sync(Key.of("/a"));
        ns.delete(Key.of("/a"));
        assertFalse(child.has(Key.of("/ns/a")));
        assertEquals(List.of(child), ((Shim) ns).children());
        assertTrue(ns.toString().contains("PrefixTransform"), ns::toString);
    }

    @Test
    void transactionsConvertKeys() {
        NullDatastore child = new NullDatastore();
        Datastore ns = Namespace.wrap(child, Key.of("/ns"));
        Txn txn = ((TxnDatastore) ns).newTransaction(false);
        txn.put(Key.of("/a"), bytes("x"));
        txn.delete(Key.of("/a"));
        assertFalse(txn.has(Key.of("/a")));
        assertEquals(Key.of("/a"), assertThrows(NotFoundException.class, () -> txn.get(Key.of("/a"))).key());
        assertEquals(Key.of("/a"), assertThrows(NotFoundException.class, () -> txn.getSize(Key.of("/a"))).key());
        assertEquals(List.of(), txn.query(Query.all()).rest());
        txn.commit();
        txn.discard();
        assertFalse(Namespace.wrap(new MapDatastore(), Key.of("/ns")) instanceof TxnDatastore);
    }
}
