package io.github.blobds.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.query.Query;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ReferenceDatastoresTest {

    @Test
    void mapCopiesValuesInAndOut() {
        MapDatastore ds = new MapDatastore();
        byte[] v = {1, 2, 3};
        ds.put(Key.of("/a"), v);
        v[0] = 9;
        byte[] got = ds.get(Key.of("/a"));
        assertArrayEquals(new byte[] {1, 2, 3}, got);
        got[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, ds.get(Key.of("/a")));
        assertEquals(3, ds.query(Query.builder().keysOnly(true).build()).rest().get(0).size(), "keys-only results still carry sizes");
        assertEquals("MapDatastore", ds.toString());
        ds.close();
        ClosedException e = assertThrows(ClosedException.class, () -> ds.batch());
        assertTrue(e.getMessage().contains("batch"), e::getMessage);
    }

    @Test
    void basicBatchIsNotReusable() {
        MapDatastore ds = new MapDatastore();
        Batch b = ds.batch();
        b.put(Key.of("/a"), new byte[] {1});
        b.commit();
        assertThrows(ClosedException.class, () -> b.put(Key.of("/b"), new byte[] {1}));
        assertThrows(ClosedException.class, b::commit);
        assertThrows(InvalidKeyException.class, () -> ds.batch().delete(null));
        assertThrows(InvalidArgumentException.class, () -> ds.batch().put(Key.of("/n"), null));
        assertThrows(InvalidArgumentException.class, () -> new BasicBatch(null));
    }

    @Test
    void nullDatastoreStoresNothing() {
        NullDatastore ds = new NullDatastore();
        ds.put(Key.of("/a"), new byte[] {1});
        assertFalse(ds.has(Key.of("/a")));
        assertThrows(NotFoundException.class, () -> ds.get(Key.of("/a")));
        assertEquals(List.of(), ds.query(Query.all()).rest());
        ds.check();
        ds.scrub();
        ds.collectGarbage();
        ds.sync(Key.ROOT);
        ds.delete(Key.of("/a"));
        assertEquals(0, ds.diskUsage());
        Batch b = ds.batch();
        b.put(Key.of("/a"), new byte[] {1});
        b.commit();
        Txn txn = ds.newTransaction(true);
        txn.put(Key.of("/a"), new byte[0]);
        assertThrows(NotFoundException.class, () -> txn.get(Key.of("/a")));
        txn.commit();
        txn.discard();
        assertEquals("NullDatastore", ds.toString());
        ds.close();
        assertThrows(ClosedException.class, ds::check);
    }

    @Test
    void logDatastoreForwardsEverything() {
        Datastore log = LogDatastore.wrap(new NullDatastore(), "");
        assertTrue(log.toString().startsWith("LogDatastore("), log::toString);
        log.put(Key.of("/a"), new byte[] {1});
        assertFalse(log.has(Key.of("/a")));
        assertThrows(NotFoundException.class, () -> log.get(Key.of("/a")));
        assertThrows(NotFoundException.class, () -> log.getSize(Key.of("/a")));
        log.delete(Key.of("/a"));
        log.sync(Key.ROOT);
        assertEquals(0, log.query(Query.all()).rest().size());
        ((CheckedDatastore) log).check();
        ((ScrubbedDatastore) log).scrub();
        ((GcDatastore) log).collectGarbage();
        assertEquals(0, ((PersistentDatastore) log).diskUsage());
        Batch b = ((Batching) log).batch();
        b.put(Key.of("/a"), new byte[] {1});
        b.delete(Key.of("/a"));
        b.commit();
        log.close();
        assertThrows(ClosedException.class, () -> log.put(Key.of("/a"), new byte[0]));
        assertTrue(LogDatastore.wrap(new MapDatastore(), "named").toString().startsWith("named("));
        Logger logger = System.getLogger(LogDatastore.class.getName());
        assertEquals(LogDatastore.class.getName(), logger.getName());
    }

    @Test
    void failingDatastoreInjectsByOperationName() {
        List<String> seen = new ArrayList<>();
        Datastore ds = FailingDatastore.wrap(new NullDatastore(), op -> {
            seen.add(op);
            if (op.startsWith("batch-") || op.equals("gc")) {
                throw new DatastoreException("injected " + op);
            }
        });
        ds.put(Key.of("/a"), new byte[0]);
        ds.sync(Key.ROOT);
        assertThrows(NotFoundException.class, () -> ds.get(Key.of("/a")));
        ds.has(Key.of("/a"));
        assertThrows(NotFoundException.class, () -> ds.getSize(Key.of("/a")));
        ds.delete(Key.of("/a"));
        ds.query(Query.all()).close();
        ((PersistentDatastore) ds).diskUsage();
        ((CheckedDatastore) ds).check();
        ((ScrubbedDatastore) ds).scrub();
        assertEquals("injected gc", assertThrows(DatastoreException.class, ((GcDatastore) ds)::collectGarbage).getMessage());
        Batch b = ((Batching) ds).batch();
        assertThrows(DatastoreException.class, () -> b.put(Key.of("/a"), new byte[0]));
        assertThrows(DatastoreException.class, () -> b.delete(Key.of("/a")));
        assertThrows(DatastoreException.class, b::commit);
        assertEquals(List.of("put", "sync", "get", "has", "getsize", "delete", "query", "disk-usage", "check", "scrub", "gc",
                "batch", "batch-put", "batch-delete", "batch-commit"), seen);
        ds.close();
    }

    // go-datastore sync/sync_test.go: MutexWrap makes a datastore safe for concurrent use
    @Test
    void synchronizedDatastoreUnderConcurrentWriters() throws Exception {
        Datastore ds = SynchronizedDatastore.wrap(new MapDatastore());
        int threads = 4;
        int perThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Key k = Key.of("/t" + id + "/" + i);
                        ds.put(k, new byte[] {(byte) i});
                        assertTrue(ds.has(k));
                        if (i % 10 == 0) {
                            ds.query(Query.builder().prefix("/t" + id).keysOnly(true).build()).rest();
                        }
                    }
                    Batch b = ((Batching) ds).batch();
                    b.delete(Key.of("/t" + id + "/0"));
                    b.commit();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * (perThread - 1), ds.query(Query.builder().keysOnly(true).build()).rest().size());
        assertEquals(1, ds.getSize(Key.of("/t0/1")));
        ds.sync(Key.ROOT);
        assertFalse(ds instanceof CheckedDatastore);
        Datastore full = SynchronizedDatastore.wrap(new NullDatastore());
        ((CheckedDatastore) full).check();
        ((ScrubbedDatastore) full).scrub();
        ((GcDatastore) full).collectGarbage();
        assertEquals(0, ((PersistentDatastore) full).diskUsage());
        assertFalse(full instanceof TxnDatastore, "transactions are not synchronised, so not offered");
        ds.close();
        assertThrows(ClosedException.class, () -> ds.get(Key.of("/t0/1")));
    }
}
