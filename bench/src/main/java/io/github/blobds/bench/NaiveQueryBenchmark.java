package io.github.blobds.bench;

import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.FilterKeyCompare;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Op;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * go-datastore's naive query engine ({@link NaiveQuery#apply}) over 10,000 in-memory record entries:
 * a prefix alone (what levelds and flatfs hand it most), and prefix + key filter + order + offset + limit.
 * Time per whole query, results drained.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class NaiveQueryBenchmark {

    private static final int ENTRIES = 10_000;

    private List<Entry> entries;
    private Query prefixOnly;
    private Query full;

    @Setup
    public void setUp() {
        entries = new ArrayList<>(ENTRIES);
        byte[] value = new byte[100];
        for (int i = 0; i < ENTRIES; i++) {
            entries.add(Entry.of(BenchKeys.record(i), value));
        }
        prefixOnly = Query.builder().prefix("/r/3f").build();
        full = Query.builder().prefix("/r").filter(new FilterKeyCompare(Op.GREATER_THAN, "/r/80"))
                .order(new OrderByKey()).offset(10).limit(100).build();
    }

    private int drain(Query q) {
        int n = 0;
        try (Results r = NaiveQuery.apply(q, Results.of(q, entries))) {
            for (Entry ignored : r) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public int prefix() {
        return drain(prefixOnly);
    }

    @Benchmark
    public int prefixFilterOrderLimit() {
        return drain(full);
    }
}
