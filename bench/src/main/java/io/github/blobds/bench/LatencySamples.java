package io.github.blobds.bench;

import java.util.Arrays;

/** Latencies of a phase's operations, one {@code long} of nanoseconds each, and the phase's elapsed time. */
final class LatencySamples {

    private final long[] samples;
    private int count;
    private final long start = System.nanoTime();

    LatencySamples(int capacity) {
        samples = new long[Math.max(capacity, 1)];
    }

    void add(long nanos) {
        samples[count++] = nanos;
    }

    /** The phase's measurement, timed from construction to now. */
    Measurement finish(String subject, String workload, String phase, int run, long ops, long bytes,
                       double fsyncsPerPut, boolean fsyncsCounted) {
        long elapsed = System.nanoTime() - start;
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Measurement(subject, workload, phase, run, ops, bytes, elapsed,
                Medians.percentile(sorted, count, 50), Medians.percentile(sorted, count, 99), fsyncsPerPut, fsyncsCounted);
    }
}
