package io.github.blobds.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.conformance.TestDatastore;
import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.CheckedDatastore;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.FailingDatastore;
import io.github.blobds.datastore.Feature;
import io.github.blobds.datastore.GcDatastore;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.NullDatastore;
import io.github.blobds.datastore.PersistentDatastore;
import io.github.blobds.datastore.ScrubbedDatastore;
import io.github.blobds.datastore.Shim;
import io.github.blobds.datastore.TxnDatastore;
import io.github.blobds.datastore.UnsupportedFeatureException;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** go-ds-measure's counting rules (measure.go), checked meter by meter on a simple registry and a mock clock. */
class MeasureDatastoreTest {

    static final List<String> OPS = List.of("put", "sync", "get", "has", "getsize", "delete", "query", "check", "scrub",
            "gc", "du", "batchput", "batchdelete", "batchcommit");

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final Key k = Key.of("/k");

    private double calls(String op) {
        return registry.get("m." + op).counter().count();
    }

    private double errors(String op) {
        return registry.get("m." + op + ".errors").counter().count();
    }

    private Timer latency(String op) {
        return registry.get("m." + op + ".latency").timer();
    }

    private long sizes(String op) {
        return registry.get("m." + op + ".size").summary().count();
    }

    private Datastore wrap(Datastore child) {
        return MeasureDatastore.wrap("m", child, registry);
    }

    @Test
    @DisplayName("all 45 meters exist as soon as the wrapper does")
    void metersAreRegisteredEagerly() {
        wrap(new MapDatastore());
        assertEquals(45, registry.getMeters().stream().filter(m -> !m.getId().getName().endsWith(".histogram")).count(),
                "45 meters besides the simple registry's bucket gauges");
        for (String op : OPS) {
            assertEquals(0.0, calls(op), op);
            assertEquals(0.0, errors(op), op);
            assertEquals(0, latency(op).count(), op);
        }
        for (String op : List.of("put", "get", "batchput")) {
            assertEquals(0, sizes(op), op);
        }
    }

    @Test
    @DisplayName("histograms have exactly go's buckets and no percentiles")
    void buckets() {
        wrap(new MapDatastore());
        for (String op : OPS) {
            double[] bounds = Arrays.stream(latency(op).takeSnapshot().histogramCounts())
                    .mapToDouble(b -> b.bucket(TimeUnit.SECONDS)).toArray();
            assertArrayEquals(new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1}, bounds, op);
            assertEquals(0, latency(op).takeSnapshot().percentileValues().length, op);
        }
        for (String op : List.of("put", "get", "batchput")) {
            double[] bounds = Arrays.stream(registry.get("m." + op + ".size").summary().takeSnapshot().histogramCounts())
                    .mapToDouble(CountAtBucket::bucket).toArray();
            assertArrayEquals(new double[] {64, 4096, 262144, 16777216}, bounds, op);
        }
    }

    @Test
    @DisplayName("every successful call is counted once and timed once, without errors")
    void everyOperationIsCounted() {
        Datastore ds = wrap(new TestDatastore(false));
        ds.put(k, new byte[3]);
        ds.sync(k);
        assertArrayEquals(new byte[3], ds.get(k));
        assertTrue(ds.has(k));
        assertEquals(3, ds.getSize(k));
        ds.delete(k);
        try (Results r = ds.query(Query.all())) {
            assertEquals(List.of(), r.rest());
        }
        ((CheckedDatastore) ds).check();
        ((ScrubbedDatastore) ds).scrub();
        ((GcDatastore) ds).collectGarbage();
        assertEquals(0, ((PersistentDatastore) ds).diskUsage());
        Batch b = ((Batching) ds).batch();
        b.put(k, new byte[2]);
        b.delete(Key.of("/other"));
        b.commit();
        assertArrayEquals(new byte[2], ds.get(k));
        for (String op : OPS) {
            double n = op.equals("get") ? 2 : 1;
            assertEquals(n, calls(op), op);
            assertEquals(0.0, errors(op), op);
            assertEquals((long) n, latency(op).count(), op);
        }
        assertEquals(3.0, registry.get("m.put.size").summary().totalAmount());
        assertEquals(5.0, registry.get("m.get.size").summary().totalAmount());
        assertEquals(2.0, registry.get("m.batchput.size").summary().totalAmount());
    }

    @Test
    @DisplayName("latency is the registry clock's elapsed time, on success and on error")
    void latencyUsesTheRegistryClock() {
        Datastore ds = wrap(new SlowDatastore(clock, Duration.ofMillis(20), Duration.ZERO));
        ds.put(k, new byte[1]);
        assertThrows(NotFoundException.class, () -> ds.get(Key.of("/missing")));
        assertEquals(20.0, latency("put").totalTime(TimeUnit.MILLISECONDS));
        assertEquals(20.0, latency("get").totalTime(TimeUnit.MILLISECONDS), "a failed call is timed too");
        CountAtBucket[] buckets = latency("put").takeSnapshot().histogramCounts();
        assertEquals(0.0, buckets[2].count(), "not within 10 ms");
        assertEquals(1.0, buckets[3].count(), "within 100 ms");
    }

    @Test
    @DisplayName("query latency covers creating the results, not iterating them")
    void queryLatencyExcludesIteration() {
        Datastore ds = wrap(new SlowDatastore(clock, Duration.ofMillis(3), Duration.ofSeconds(1)));
        for (int i = 0; i < 5; i++) {
            ds.put(Key.of("/" + i), new byte[1]);
        }
        long before = clock.monotonicTime();
        try (Results r = ds.query(Query.all())) {
            assertEquals(5, r.rest().size());
        }
        assertTrue(clock.monotonicTime() - before >= TimeUnit.SECONDS.toNanos(5), "iterating took the clock's seconds");
        assertEquals(3.0, latency("query").totalTime(TimeUnit.MILLISECONDS));
        assertEquals(1, latency("query").count());
    }

    @Test
    @DisplayName("put and batch put sizes are observed before the call, always; null counts as 0 bytes")
    void putSizesAreObservedAlways() {
        Datastore ds = wrap(new MapDatastore());
        ds.put(k, new byte[70]);
        assertThrows(InvalidArgumentException.class, () -> ds.put(k, null));
        assertEquals(2, sizes("put"));
        assertEquals(70.0, registry.get("m.put.size").summary().totalAmount());
        assertEquals(1.0, errors("put"));
        Batch b = ((Batching) ds).batch();
        b.put(k, new byte[9]);
        assertEquals(1, sizes("batchput"));
        assertEquals(9.0, registry.get("m.batchput.size").summary().totalAmount());
    }

    @Nested
    @DisplayName("not found")
    class NotFound {
        @Test
        @DisplayName("is not an error for get and getSize, and a missing value is not sized")
        void notFoundIsNotAnError() {
            Datastore ds = wrap(new MapDatastore());
            assertThrows(NotFoundException.class, () -> ds.get(k));
            assertThrows(NotFoundException.class, () -> ds.getSize(k));
            assertFalse(ds.has(k));
            assertEquals(1.0, calls("get"));
            assertEquals(0.0, errors("get"));
            assertEquals(0, sizes("get"));
            assertEquals(1.0, calls("getsize"));
            assertEquals(0.0, errors("getsize"));
            assertEquals(0.0, errors("has"));
        }

        @Test
        @DisplayName("is an error for has, which counts every exception")
        void hasCountsEveryException() {
            NotFoundException nf = new NotFoundException(k);
            Datastore ds = wrap(FailingDatastore.wrap(new MapDatastore(), op -> {
                throw nf;
            }));
            assertSame(nf, assertThrows(NotFoundException.class, () -> ds.has(k)));
            assertEquals(1.0, errors("has"));
        }
    }

    @Test
    @DisplayName("over a child where everything fails, every error counter counts and the exception comes back unchanged")
    void everyFailureIsCounted() {
        Map<String, RuntimeException> thrown = new HashMap<>();
        Datastore ds = wrap(FailingDatastore.wrap(new NullDatastore(), op -> {
            if (!op.equals("batch")) {
                DatastoreException e = new DatastoreException("injected " + op);
                thrown.put(op, e);
                throw e;
            }
        }));
        Map<String, Runnable> calls = new HashMap<>();
        calls.put("put", () -> ds.put(k, new byte[1]));
        calls.put("sync", () -> ds.sync(k));
        calls.put("get", () -> ds.get(k));
        calls.put("has", () -> ds.has(k));
        calls.put("getsize", () -> ds.getSize(k));
        calls.put("delete", () -> ds.delete(k));
        calls.put("query", () -> ds.query(Query.all()));
        calls.put("check", () -> ((CheckedDatastore) ds).check());
        calls.put("scrub", () -> ((ScrubbedDatastore) ds).scrub());
        calls.put("gc", () -> ((GcDatastore) ds).collectGarbage());
        calls.put("disk-usage", () -> ((PersistentDatastore) ds).diskUsage());
        Batch b = ((Batching) ds).batch();
        calls.put("batch-put", () -> b.put(k, new byte[1]));
        calls.put("batch-delete", () -> b.delete(k));
        calls.put("batch-commit", b::commit);
        assertEquals(OPS.size(), calls.size());
        calls.forEach((op, call) -> {
            DatastoreException e = assertThrows(DatastoreException.class, call::run, op);
            assertSame(thrown.get(op), e, op);
        });
        for (String op : OPS) {
            assertEquals(1.0, calls(op), op);
            assertEquals(1.0, errors(op), op);
            assertEquals(1, latency(op).count(), op + " is timed on error");
        }
        assertEquals(0, sizes("get"), "a failed get is not sized");
        assertEquals(1, sizes("put"));
        assertEquals(1, sizes("batchput"));
    }

    @Test
    @DisplayName("any throwable is an error, not only a DatastoreException")
    void otherExceptionsAreErrors() {
        IllegalStateException ise = new IllegalStateException("bug");
        Datastore ds = wrap(FailingDatastore.wrap(new MapDatastore(), op -> {
            throw ise;
        }));
        assertSame(ise, assertThrows(IllegalStateException.class, () -> ds.get(k)));
        assertSame(ise, assertThrows(IllegalStateException.class, () -> ds.getSize(k)));
        assertEquals(1.0, errors("get"));
        assertEquals(1.0, errors("getsize"));
    }

    @Nested
    @DisplayName("features")
    class Features {
        @Test
        @DisplayName("check, scrub, gc and du on a child without them are counted, timed and return normally")
        void missingFeaturesAreCountedAndReturnNormally() {
            Datastore ds = wrap(new MapDatastore());
            assertEquals(List.of(Feature.BATCHING, Feature.CHECKED, Feature.GC, Feature.PERSISTENT, Feature.SCRUBBED),
                    Feature.of(ds));
            ((CheckedDatastore) ds).check();
            ((ScrubbedDatastore) ds).scrub();
            ((GcDatastore) ds).collectGarbage();
            assertEquals(0, ((PersistentDatastore) ds).diskUsage());
            for (String op : List.of("check", "scrub", "gc", "du")) {
                assertEquals(1.0, calls(op), op);
                assertEquals(0.0, errors(op), op);
                assertEquals(1, latency(op).count(), op);
            }
        }

        @Test
        @DisplayName("a failing check, scrub or gc of the child is an error")
        void childFeatureErrorsAreCounted() {
            Datastore ds = wrap(new TestDatastore(true));
            assertEquals(TestDatastore.TEST_ERROR_MESSAGE,
                    assertThrows(DatastoreException.class, () -> ((CheckedDatastore) ds).check()).getMessage());
            assertThrows(DatastoreException.class, () -> ((ScrubbedDatastore) ds).scrub());
            assertThrows(DatastoreException.class, () -> ((GcDatastore) ds).collectGarbage());
            for (String op : List.of("check", "scrub", "gc")) {
                assertEquals(1.0, errors(op), op);
            }
        }

        @Test
        @DisplayName("the disk usage of a persistent child comes through")
        void diskUsageOfAPersistentChild() {
            Datastore ds = wrap(new NullDatastore());
            assertEquals(0, ((PersistentDatastore) ds).diskUsage());
            assertEquals(1.0, calls("du"));
        }

        @Test
        @DisplayName("a child that is not Batching gives a view that is not Batching, and batch() fails unmeasured")
        void batchNeedsABatchingChild() {
            Datastore child = Feature.scoped(new MapDatastore(), List.of());
            Datastore ds = wrap(child);
            assertFalse(ds instanceof Batching);
            assertEquals(List.of(Feature.CHECKED, Feature.GC, Feature.PERSISTENT, Feature.SCRUBBED), Feature.of(ds));
            MeasureDatastore unscoped = new MeasureDatastore("m", child, registry);
            UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, unscoped::batch);
            assertEquals(Feature.BATCHING, e.feature());
            for (String op : List.of("batchput", "batchdelete", "batchcommit")) {
                assertEquals(0.0, calls(op), op);
            }
        }

        @Test
        @DisplayName("never transactional, even over a transactional child; a shim over its child")
        void neverTransactional() {
            NullDatastore child = new NullDatastore();
            Datastore ds = wrap(child);
            assertTrue(child instanceof TxnDatastore);
            assertFalse(ds instanceof TxnDatastore);
            assertEquals(List.of(child), assertInstanceOf(Shim.class, ds).children());
        }
    }

    @Test
    @DisplayName("close is not measured and closes the child")
    void closeIsNotMeasured() {
        MapDatastore child = new MapDatastore();
        Datastore ds = wrap(child);
        ds.close();
        assertThrows(ClosedException.class, () -> child.get(k));
        for (String op : OPS) {
            assertEquals(0.0, calls(op), op);
        }
    }

    @Test
    @DisplayName("bad arguments are refused with messages naming them")
    void badArguments() {
        MapDatastore child = new MapDatastore();
        assertTrue(assertThrows(InvalidArgumentException.class, () -> MeasureDatastore.wrap(null, child, registry))
                .getMessage().contains("prefix"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> MeasureDatastore.wrap("", child, registry))
                .getMessage().contains("prefix"));
        assertTrue(assertThrows(InvalidArgumentException.class, () -> MeasureDatastore.wrap("m", child, null))
                .getMessage().contains("registry"));
        assertThrows(InvalidArgumentException.class, () -> MeasureDatastore.wrap("m", null, registry));
        assertEquals(0, registry.getMeters().size());
    }

    @Test
    @DisplayName("toString names the prefix and the child")
    void describes() {
        String s = wrap(new TestDatastore(false)).toString();
        assertEquals("MeasureDatastore[m](TestDatastore(false))", s);
        Batch b = ((Batching) wrap(new MapDatastore())).batch();
        assertTrue(b.toString().startsWith("MeasuredBatch("), b::toString);
    }
}
