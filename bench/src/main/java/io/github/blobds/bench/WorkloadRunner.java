package io.github.blobds.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/** Runs one workload on one fresh store, phase by phase, timing every operation. */
final class WorkloadRunner {

    private final BenchOptions options;
    private final Workload workload;
    private final String[] keys;
    private final byte[] value;
    private final int single;
    private final int batch;
    private final int gets;

    WorkloadRunner(BenchOptions options, Workload workload) {
        this.options = options;
        this.workload = workload;
        boolean blocks = workload == Workload.BLOCKS;
        int count = blocks ? options.blocks() * 2 : options.records();
        keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = blocks ? BenchKeys.block(i) : BenchKeys.record(i);
        }
        value = new byte[blocks ? options.blockSize() : options.recordSize()];
        new Random(options.seed()).nextBytes(value);
        single = blocks ? options.blocks() : options.syncedPuts();
        batch = blocks ? options.blockBatch() : options.recordBatch();
        gets = blocks ? options.blocks() : options.gets();
    }

    /** Value bytes the workload stores, for sizing devices. */
    long dataBytes() {
        return (long) keys.length * (value.length + 64);
    }

    List<Measurement> run(Store store, Contender contender, int run, Consumer<String> progress) {
        List<Measurement> out = new ArrayList<>();
        Random random = new Random(options.seed() * 31 + run);
        for (Phase phase : workload.phases()) {
            long flushesBefore = store.flushes();
            Measurement m = switch (phase) {
                case PUT_ONE -> putOne(store, contender, run);
                case PUT_BATCH -> putBatches(store, contender, run);
                case GET -> get(store, contender, run, random);
                case PREFIX_QUERY -> prefixQueries(store, contender, run, random);
                case KEYS_ALL -> keysAll(store, contender, run);
            };
            if (m == null) {
                continue;
            }
            if (phase == Phase.PUT_ONE || phase == Phase.PUT_BATCH) {
                long flushes = store.flushes();
                boolean counted = flushes >= 0;
                double perPut = counted ? (double) (flushes - flushesBefore) / m.ops() : store.designFsyncs(phase, batch);
                m = new Measurement(m.subject(), m.workload(), m.phase(), m.run(), m.ops(), m.bytes(), m.nanos(),
                        m.p50Nanos(), m.p99Nanos(), perPut, counted);
            }
            out.add(m);
            progress.accept(String.format(Locale.ROOT, "  run %d %-8s %-22s %-13s %s", run, workload.id(), contender.id(),
                    phase.id(), describe(m)));
        }
        return out;
    }

    static String describe(Measurement m) {
        return String.format(Locale.ROOT, "%,.0f ops/s  %,.1f MB/s  p50 %s  p99 %s", m.opsPerSecond(),
                m.megabytesPerSecond(), ReportFormat.duration(m.p50Nanos()), ReportFormat.duration(m.p99Nanos()));
    }

    private Measurement putOne(Store store, Contender c, int run) {
        LatencySamples s = new LatencySamples(single);
        for (int i = 0; i < single; i++) {
            long t = System.nanoTime();
            store.put(keys[i], value);
            s.add(System.nanoTime() - t);
        }
        return s.finish(c.id(), workload.id(), Phase.PUT_ONE.id(), run, single, (long) single * value.length, Double.NaN, false);
    }

    private Measurement putBatches(Store store, Contender c, int run) {
        int n = keys.length - single;
        if (n <= 0) {
            return null;
        }
        LatencySamples s = new LatencySamples((n + batch - 1) / batch);
        for (int from = single; from < keys.length; from += batch) {
            List<String> part = Arrays.asList(keys).subList(from, Math.min(from + batch, keys.length));
            long t = System.nanoTime();
            store.putBatch(part, value);
            s.add(System.nanoTime() - t);
        }
        return s.finish(c.id(), workload.id(), Phase.PUT_BATCH.id(), run, n, (long) n * value.length, Double.NaN, false);
    }

    private Measurement get(Store store, Contender c, int run, Random random) {
        LatencySamples s = new LatencySamples(gets);
        long bytes = 0;
        for (int i = 0; i < gets; i++) {
            String key = keys[random.nextInt(keys.length)];
            long t = System.nanoTime();
            int len = store.get(key);
            s.add(System.nanoTime() - t);
            if (len != value.length) {
                throw new IllegalStateException(c.id() + " returned " + len + " bytes for " + key + ", expected " + value.length);
            }
            bytes += len;
        }
        return s.finish(c.id(), workload.id(), Phase.GET.id(), run, gets, bytes, Double.NaN, false);
    }

    private Measurement prefixQueries(Store store, Contender c, int run, Random random) {
        int queries = options.prefixQueries();
        LatencySamples s = new LatencySamples(queries);
        long bytes = 0;
        for (int i = 0; i < queries; i++) {
            String prefix = BenchKeys.recordPrefix(random.nextInt(256));
            long t = System.nanoTime();
            Store.Scan scan = store.prefixQuery(prefix);
            s.add(System.nanoTime() - t);
            bytes += scan.bytes();
        }
        return s.finish(c.id(), workload.id(), Phase.PREFIX_QUERY.id(), run, queries, bytes, Double.NaN, false);
    }

    private Measurement keysAll(Store store, Contender c, int run) {
        LatencySamples s = new LatencySamples(1);
        long t = System.nanoTime();
        Store.Scan scan = store.keysOnlyAll();
        s.add(System.nanoTime() - t);
        if (scan.entries() != keys.length) {
            throw new IllegalStateException(c.id() + " listed " + scan.entries() + " keys, expected " + keys.length);
        }
        return s.finish(c.id(), workload.id(), Phase.KEYS_ALL.id(), run, scan.entries(), 0, Double.NaN, false);
    }
}
