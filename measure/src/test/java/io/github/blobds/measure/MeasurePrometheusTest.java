package io.github.blobds.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.conformance.TestDatastore;
import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.CheckedDatastore;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.GcDatastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.PersistentDatastore;
import io.github.blobds.datastore.ScrubbedDatastore;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Prometheus scrape of a measured datastore shows go-ds-measure's 45 families under kubo's prefix
 * {@code flatfs.datastore}, with go's names, help texts and bucket bounds (go-ds-measure measure.go
 * {@code New}, as exported by go-metrics-prometheus).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeasurePrometheusTest {

    private static final String PREFIX = "flatfs_datastore";
    private static final List<Double> LATENCY_BOUNDS = List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0, Double.POSITIVE_INFINITY);
    private static final List<Double> SIZE_BOUNDS = List.of(64.0, 4096.0, 262144.0, 16777216.0, Double.POSITIVE_INFINITY);

    /** go-ds-measure's operations, with the method named in go's help texts. */
    private static final Map<String, String> OPS = new LinkedHashMap<>();
    /** The size histograms and go's help texts for them. */
    private static final Map<String, String> SIZES = Map.of(
            "put", "Size distribution of stored byte slices",
            "get", "Size distribution of retrieved byte slices",
            "batchput", "Size distribution of byte slices put into batches");

    static {
        OPS.put("put", "Datastore.Put");
        OPS.put("sync", "Datastore.Sync");
        OPS.put("get", "Datastore.Get");
        OPS.put("has", "Datastore.Has");
        OPS.put("getsize", "Datastore.GetSize");
        OPS.put("delete", "Datastore.Delete");
        OPS.put("query", "Datastore.Query");
        OPS.put("check", "Datastore.Check");
        OPS.put("scrub", "Datastore.Scrub");
        OPS.put("gc", "Datastore.CollectGarbage");
        OPS.put("du", "Datastore.DiskUsage");
        OPS.put("batchput", "Batch.Put");
        OPS.put("batchdelete", "Batch.Delete");
        OPS.put("batchcommit", "Batch.Commit");
    }

    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (\\S+)");
    private static final Pattern HELP = Pattern.compile("# HELP (\\S+) (.*)");
    private static final Pattern SAMPLE = Pattern.compile("(\\S+?)(?:\\{le=\"([^\"]+)\"\\})? (\\S+)");

    private final Map<String, String> types = new TreeMap<>();
    private final Map<String, String> helps = new TreeMap<>();
    private final Map<String, Double> samples = new TreeMap<>();
    private final Map<String, List<Double>> bounds = new TreeMap<>();
    private String scrape;

    @BeforeAll
    void exerciseEveryOperationAndScrape() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        Datastore ds = MeasureDatastore.wrap("flatfs.datastore", new TestDatastore(false), registry);
        Key k = Key.of("/a");
        ds.put(k, new byte[100]);
        ds.sync(Key.of("/"));
        ds.get(k);
        ds.has(k);
        ds.getSize(k);
        ds.delete(k);
        try (Results r = ds.query(Query.all())) {
            r.rest();
        }
        ((CheckedDatastore) ds).check();
        ((ScrubbedDatastore) ds).scrub();
        ((GcDatastore) ds).collectGarbage();
        ((PersistentDatastore) ds).diskUsage();
        Batch b = ((Batching) ds).batch();
        b.put(k, new byte[5000]);
        b.delete(Key.of("/b"));
        b.commit();
        assertThrows(NotFoundException.class, () -> ds.get(Key.of("/missing")));
        scrape = registry.scrape();
        parse(scrape);
    }

    private void parse(String text) {
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                types.put(m.group(1), m.group(2));
            } else if ((m = HELP.matcher(line)).matches()) {
                helps.put(m.group(1), m.group(2));
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                if (m.group(2) != null) {
                    double le = m.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(2));
                    bounds.computeIfAbsent(m.group(1), x -> new ArrayList<>()).add(le);
                    samples.put(m.group(1) + "{le=" + le + "}", Double.parseDouble(m.group(3)));
                } else {
                    samples.put(m.group(1), Double.parseDouble(m.group(3)));
                }
            }
        }
    }

    private void assertFamily(String family, String type, String help) {
        assertEquals(type, types.get(family), () -> "type of " + family + " in\n" + scrape);
        assertEquals(help, helps.get(family), () -> "help of " + family);
    }

    private double sample(String name) {
        Double v = samples.get(name);
        assertNotNull(v, () -> "no sample " + name + " in\n" + scrape);
        return v;
    }

    @Test
    @DisplayName("every op has go's <prefix>_<op>_total and <prefix>_<op>_errors_total counters")
    void counters() {
        for (Map.Entry<String, String> op : OPS.entrySet()) {
            String total = PREFIX + "_" + op.getKey() + "_total";
            assertFamily(total, "counter", "Total number of " + op.getValue() + " calls");
            assertEquals(op.getKey().equals("get") ? 2.0 : 1.0, sample(total), total);
            String errors = PREFIX + "_" + op.getKey() + "_errors_total";
            assertFamily(errors, "counter", "Number of errored " + op.getValue() + " calls");
            assertEquals(0.0, sample(errors), errors);
        }
    }

    @Test
    @DisplayName("every op has go's <prefix>_<op>_latency_seconds histogram with buckets 1e-4, 1e-3, 1e-2, 0.1, 1 s")
    void latencyHistograms() {
        for (Map.Entry<String, String> op : OPS.entrySet()) {
            String family = PREFIX + "_" + op.getKey() + "_latency_seconds";
            assertFamily(family, "histogram", "Latency distribution of " + op.getValue() + " calls");
            assertEquals(LATENCY_BOUNDS, bounds.get(family + "_bucket"), family);
            double calls = op.getKey().equals("get") ? 2.0 : 1.0;
            assertEquals(calls, sample(family + "_count"), family);
            assertEquals(calls, sample(family + "_bucket{le=1.0E-4}"), family + ": the mock clock never moved");
            assertEquals(0.0, sample(family + "_sum"), family);
        }
    }

    @Test
    @DisplayName("put, get and batchput have go's <prefix>_<op>_size_bytes histogram with buckets 64, 4096, 262144, 16777216")
    void sizeHistograms() {
        for (Map.Entry<String, String> size : SIZES.entrySet()) {
            String family = PREFIX + "_" + size.getKey() + "_size_bytes";
            assertFamily(family, "histogram", size.getValue());
            assertEquals(SIZE_BOUNDS, bounds.get(family + "_bucket"), family);
            assertEquals(1.0, sample(family + "_count"), family + ": one observation (a missing key is not sized)");
        }
        assertEquals(100.0, sample(PREFIX + "_put_size_bytes_sum"));
        assertEquals(1.0, sample(PREFIX + "_put_size_bytes_bucket{le=4096.0}"));
        assertEquals(0.0, sample(PREFIX + "_put_size_bytes_bucket{le=64.0}"));
        assertEquals(100.0, sample(PREFIX + "_get_size_bytes_sum"));
        assertEquals(5000.0, sample(PREFIX + "_batchput_size_bytes_sum"));
        assertEquals(0.0, sample(PREFIX + "_batchput_size_bytes_bucket{le=4096.0}"));
        assertEquals(1.0, sample(PREFIX + "_batchput_size_bytes_bucket{le=262144.0}"));
    }

    @Test
    @DisplayName("the scrape holds go's 45 families and besides them only Micrometer's _max gauges")
    void noOtherFamilies() {
        TreeSet<String> expected = new TreeSet<>();
        for (String op : OPS.keySet()) {
            expected.add(PREFIX + "_" + op + "_total");
            expected.add(PREFIX + "_" + op + "_errors_total");
            expected.add(PREFIX + "_" + op + "_latency_seconds");
        }
        for (String op : SIZES.keySet()) {
            expected.add(PREFIX + "_" + op + "_size_bytes");
        }
        assertEquals(45, expected.size());
        TreeSet<String> others = new TreeSet<>(types.keySet());
        others.removeAll(expected);
        assertTrue(types.keySet().containsAll(expected), () -> "missing " + expected + " in " + types.keySet());
        for (String other : others) {
            assertTrue(other.endsWith("_max") && types.get(other).equals("gauge"), () -> "unexpected family " + other);
        }
        assertEquals(17, others.size(), "one _max gauge per latency and size histogram");
    }

    @Test
    @DisplayName("a second wrapper with the same prefix reuses the registered meters, as go-metrics-prometheus does")
    void samePrefixSharesMeters() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Datastore a = MeasureDatastore.wrap("flatfs.datastore", new TestDatastore(false), registry);
        Datastore b = MeasureDatastore.wrap("flatfs.datastore", new TestDatastore(false), registry);
        a.has(Key.of("/x"));
        b.has(Key.of("/x"));
        assertTrue(registry.scrape().contains("\nflatfs_datastore_has_total 2.0\n"), registry::scrape);
        assertEquals(45, registry.getMeters().size(), "45 meters, not 90");
    }

    @Test
    @DisplayName("latencies land in go's buckets by the registry clock")
    void latencyBuckets() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        Datastore ds = MeasureDatastore.wrap("leveldb.datastore", new SlowDatastore(clock, Duration.ofMillis(5), Duration.ZERO), registry);
        ds.sync(Key.of("/"));
        String text = registry.scrape();
        assertTrue(text.contains("\nleveldb_datastore_sync_latency_seconds_bucket{le=\"0.001\"} 0\n"), text);
        assertTrue(text.contains("\nleveldb_datastore_sync_latency_seconds_bucket{le=\"0.01\"} 1\n"), text);
        assertTrue(text.contains("\nleveldb_datastore_sync_latency_seconds_sum 0.005\n"), text);
    }
}
