package io.github.blobds.mount;

import static io.github.blobds.mount.MountDatastoreTest.bytes;
import static io.github.blobds.mount.MountDatastoreTest.mount;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.AutoBatchingDatastore;
import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.FailingDatastore;
import io.github.blobds.datastore.Feature;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.SynchronizedDatastore;
import io.github.blobds.datastore.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Batches across mounts (go-datastore mount.go mountBatch). */
class MountBatchTest {

    private final MapDatastore foo = new MapDatastore();
    private final MapDatastore root = new MapDatastore();
    private final MountDatastore m = MountDatastore.of(mount("/foo", foo), mount("/", root));

    @Test
    @DisplayName("a batch spans mounts and applies nothing before commit")
    void acrossMounts() {
        m.put(Key.of("/foo/old"), bytes("old"));
        m.put(Key.of("/gone"), bytes("gone"));
        Batch batch = m.batch();
        batch.put(Key.of("/foo/a"), bytes("a"));
        batch.put(Key.of("/b"), bytes("b"));
        batch.put(Key.of("/foo"), bytes("foo"));
        batch.delete(Key.of("/foo/old"));
        batch.delete(Key.of("/gone"));
        assertFalse(foo.has(Key.of("/a")));
        assertFalse(root.has(Key.of("/b")));
        assertTrue(foo.has(Key.of("/old")));
        batch.commit();
        assertArrayEquals(bytes("a"), foo.get(Key.of("/a")));
        assertArrayEquals(bytes("b"), root.get(Key.of("/b")));
        assertArrayEquals(bytes("foo"), root.get(Key.of("/foo")), "a key equal to a mount point lives in the parent");
        assertFalse(foo.has(Key.of("/old")));
        assertFalse(root.has(Key.of("/gone")));
    }

    @Test
    @DisplayName("a batch cannot be used after commit")
    void notReusable() {
        Batch batch = m.batch();
        batch.put(Key.of("/x"), bytes("x"));
        batch.commit();
        ClosedException put = assertThrows(ClosedException.class, () -> batch.put(Key.of("/y"), bytes("y")));
        assertTrue(put.getMessage().contains("batch put"), put.getMessage());
        assertThrows(ClosedException.class, () -> batch.delete(Key.of("/y")));
        assertThrows(ClosedException.class, batch::commit);
        assertFalse(root.has(Key.of("/y")));
    }

    @Test
    @DisplayName("a key no mount covers is unsupported, caused by NoMountException")
    void noMount() {
        Batch batch = MountDatastore.of(mount("/foo", foo)).batch();
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> batch.put(Key.of("/bar/x"), bytes("x")));
        assertEquals(Feature.BATCHING, e.feature());
        assertTrue(e.getMessage().contains("/bar/x"), e.getMessage());
        assertInstanceOf(NoMountException.class, e.getCause());
        assertThrows(UnsupportedFeatureException.class, () -> batch.delete(Key.ROOT));
    }

    @Test
    @DisplayName("a mount that is not Batching is unsupported, and only for its keys")
    void childNotBatching() {
        MapDatastore inner = new MapDatastore();
        Datastore notBatching = AutoBatchingDatastore.wrap(inner, 0);
        MountDatastore mm = MountDatastore.of(mount("/auto", notBatching), mount("/", root));
        Batch batch = mm.batch();
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, () -> batch.put(Key.of("/auto/x"), bytes("x")));
        assertTrue(e.getMessage().contains("/auto"), e.getMessage());
        batch.put(Key.of("/y"), bytes("y"));
        batch.commit();
        assertTrue(root.has(Key.of("/y")));
    }

    @Test
    @DisplayName("commit commits every child batch and joins their errors with go's message")
    void commitErrorsJoined() {
        Datastore failing = FailingDatastore.wrap(new MapDatastore(), op -> {
            if (op.equals("batch-commit")) {
                throw new DatastoreException("disk full");
            }
        });
        Datastore failing2 = FailingDatastore.wrap(new MapDatastore(), op -> {
            if (op.equals("batch-commit")) {
                throw new DatastoreException("disk gone");
            }
        });
        MountDatastore mm = MountDatastore.of(mount("/x", failing), mount("/y", failing2), mount("/", root));
        Batch batch = mm.batch();
        batch.put(Key.of("/x/1"), bytes("1"));
        batch.put(Key.of("/ok"), bytes("ok"));
        batch.put(Key.of("/y/1"), bytes("1"));
        DatastoreException e = assertThrows(DatastoreException.class, batch::commit);
        assertEquals("committing batch to datastore at /x: disk full\ncommitting batch to datastore at /y: disk gone", e.getMessage());
        assertEquals("disk full", e.getCause().getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertTrue(root.has(Key.of("/ok")), "the healthy mount's batch was committed");
    }

    @Test
    @DisplayName("null keys and values are rejected, naming them")
    void nulls() {
        Batch batch = m.batch();
        assertThrows(InvalidArgumentException.class, () -> batch.put(null, bytes("x")));
        InvalidArgumentException v = assertThrows(InvalidArgumentException.class, () -> batch.put(Key.of("/k"), null));
        assertTrue(v.getMessage().contains("/k"), v.getMessage());
        assertThrows(InvalidArgumentException.class, () -> batch.delete(null));
    }

    @Test
    @DisplayName("a batch of a closed mount datastore refuses every call")
    void afterClose() {
        Batch batch = m.batch();
        m.close();
        assertThrows(ClosedException.class, () -> batch.put(Key.of("/x"), bytes("x")));
        assertThrows(ClosedException.class, () -> batch.delete(Key.of("/x")));
        assertThrows(ClosedException.class, batch::commit);
        assertThrows(ClosedException.class, m::batch);
    }

    @Test
    @DisplayName("threads may share a batch: every put from every thread lands")
    void concurrentUse() throws Exception {
        MountDatastore mm = MountDatastore.of(
                mount("/foo", SynchronizedDatastore.wrap(new MapDatastore())),
                mount("/", SynchronizedDatastore.wrap(new MapDatastore())));
        Batch batch = mm.batch();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        batch.put(Key.of((i % 2 == 0 ? "/foo/" : "/") + thread + "-" + i), bytes("v" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        batch.commit();
        for (int t = 0; t < 4; t++) {
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(bytes("v" + i), mm.get(Key.of((i % 2 == 0 ? "/foo/" : "/") + t + "-" + i)));
            }
        }
    }
}
