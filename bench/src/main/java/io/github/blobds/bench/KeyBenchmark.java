package io.github.blobds.bench;

import io.github.blobds.datastore.Key;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Key parsing, on every datastore call's path: {@link Key#raw} (validate only) and {@link Key#of}
 * (clean like Go's {@code path.Clean}) of a clean block key and a record key, and {@code Key.of} of a key
 * that needs cleaning.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KeyBenchmark {

    public String block = BenchKeys.block(12345);
    public String record = BenchKeys.record(12345);
    public String messy = "//r/./ab/../ab/" + BenchKeys.record(7).substring(6) + "/";

    @Benchmark
    public Key rawBlock() {
        return Key.raw(block);
    }

    @Benchmark
    public Key ofBlock() {
        return Key.of(block);
    }

    @Benchmark
    public Key rawRecord() {
        return Key.raw(record);
    }

    @Benchmark
    public Key ofMessy() {
        return Key.of(messy);
    }
}
