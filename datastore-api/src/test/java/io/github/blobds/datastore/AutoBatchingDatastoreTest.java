package io.github.blobds.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.query.Query;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class AutoBatchingDatastoreTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // go-datastore autobatch/autobatch_test.go TestFlushing
    @Test
    void flushing() {
        MapDatastore child = new MapDatastore();
        Datastore d = AutoBatchingDatastore.wrap(child, 16);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            keys.add(Key.of("test" + i));
        }
        byte[] v = bytes("hello world");
        for (Key k : keys) {
            d.put(k, v);
        }
        assertThrows(NotFoundException.class, () -> child.get(keys.get(0)), "nothing flushed yet");
        assertArrayEquals(v, d.get(keys.get(0)), "reads see the buffer");
        assertEquals(v.length, d.getSize(keys.get(0)));
        assertTrue(d.has(keys.get(0)));

        d.delete(keys.get(14));
        assertThrows(NotFoundException.class, () -> d.get(keys.get(14)), "a buffered delete hides the key");
        assertThrows(NotFoundException.class, () -> d.getSize(keys.get(14)));
        assertFalse(d.has(keys.get(14)));
        assertThrows(NotFoundException.class, () -> child.get(keys.get(0)), "still 16 entries: no flush");

        d.put(Key.of("test16"), v);
        for (int i = 0; i < 14; i++) {
            assertArrayEquals(v, child.get(keys.get(i)), "flushed test" + i);
        }
        assertThrows(NotFoundException.class, () -> child.get(keys.get(14)), "the delete was flushed");

        d.delete(keys.get(0));
        assertArrayEquals(v, child.get(keys.get(0)), "a new buffered delete does not reach the child yet");
        assertFalse(d.has(keys.get(0)));
    }

    // go-datastore autobatch/autobatch_test.go TestSync (internalSyncTest run with puts, then with deletes)
    @Test
    void sync() {
        internalSyncTest((ds, k) -> ds.put(k, bytes(k.toString())), (child, k) -> assertArrayEquals(bytes(k.toString()), child.get(k), k::toString),
                (child, k) -> assertThrows(NotFoundException.class, () -> child.get(k), k::toString));
    }

    @Test
    void syncDeletes() {
        MapDatastore child = new MapDatastore();
        Datastore d = AutoBatchingDatastore.wrap(child, 100);
        for (Key k : tree()) {
            child.put(k, bytes(k.toString()));
        }
        for (Key k : tree()) {
            d.delete(k);
        }
        d.sync(Key.of("0"));
        for (Key k : tree()) {
            assertEquals(!(k.equals(Key.of("0")) || Key.of("0").isAncestorOf(k)), child.has(k), k::toString);
        }
        d.sync(Key.ROOT);
        for (Key k : tree()) {
            assertFalse(child.has(k), k::toString);
        }
    }

    static List<Key> tree() {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(Key.of(String.valueOf(i)));
            for (int j = 0; j < 2; j++) {
                keys.add(Key.of(i + "/" + j));
                for (int k = 0; k < 2; k++) {
                    keys.add(Key.of(i + "/" + j + "/" + k));
                }
            }
        }
        return keys;
    }

    private void internalSyncTest(BiConsumer<Datastore, Key> op, BiConsumer<MapDatastore, Key> applied, BiConsumer<MapDatastore, Key> notApplied) {
        MapDatastore child = new MapDatastore();
        Datastore d = AutoBatchingDatastore.wrap(child, 100);
        List<Key> keys = tree();
        assertEquals(28, keys.size());
        for (Key k : keys) {
            op.accept(d, k);
        }
        d.sync(Key.of("0"));
        for (Key k : keys) {
            if (k.toString().startsWith("/0")) {
                applied.accept(child, k);
            } else {
                notApplied.accept(child, k);
            }
        }
        d.sync(Key.of("1/1"));
        for (Key k : keys) {
            boolean under11 = k.equals(Key.of("1/1")) || Key.of("1/1").isAncestorOf(k);
            if (k.toString().startsWith("/0") || under11) {
                applied.accept(child, k);
            } else {
                notApplied.accept(child, k);
            }
        }
        d.sync(Key.of("3/1/1"));
        applied.accept(child, Key.of("3/1/1"));
        notApplied.accept(child, Key.of("3/1/0"));
        notApplied.accept(child, Key.of("3/1"));
        d.delete(Key.of("2/1/1"));
        d.sync(Key.ROOT);
        for (Key k : keys) {
            if (k.equals(Key.of("2/1/1"))) {
                notApplied.accept(child, k);
            } else {
                applied.accept(child, k);
            }
        }
        op.accept(d, Key.of("2/1/1"));
        d.sync(Key.of("2/1/1"));
        applied.accept(child, Key.of("2/1/1"));
    }

    @Test
    void queryFlushesAndCloseFlushes() {
        MapDatastore child = new MapDatastore();
        Datastore d = AutoBatchingDatastore.wrap(child, 10);
        d.put(Key.of("/a"), bytes("1"));
        assertEquals(1, d.query(Query.all()).rest().size());
        assertTrue(child.has(Key.of("/a")), "query flushed");
        d.put(Key.of("/b"), bytes("2"));
        d.close();
        d.close();
        assertThrows(ClosedException.class, () -> d.put(Key.of("/c"), bytes("3")));
        assertThrows(ClosedException.class, () -> d.delete(Key.of("/c")));
        assertThrows(ClosedException.class, () -> child.get(Key.of("/b")), "close flushed, then closed the child");
        assertFalse(d instanceof Batching, "autobatch is not Batching");
        assertThrows(InvalidArgumentException.class, () -> AutoBatchingDatastore.wrap(new MapDatastore(), -1));
    }
}
