package io.github.blobds.bench;

/**
 * One phase of one run of one contender, or one machine limit of one run.
 *
 * @param subject       a {@link Contender#id()} or a {@link Limit#id()}
 * @param workload      the workload's id, or {@code limits}
 * @param phase         the {@link Phase#id()}, or the limit's id
 * @param run           1, 2, …
 * @param ops           what ops/s counts: puts, gets, queries, keys or limit writes
 * @param bytes         value bytes moved
 * @param nanos         elapsed time of the phase
 * @param p50Nanos      median latency of one {@link Phase#op()}
 * @param p99Nanos      99th percentile latency of one {@link Phase#op()}
 * @param fsyncsPerPut  device flushes per put; NaN when not a put phase
 * @param fsyncsCounted true when counted on the device, false when it is what the store's design issues
 */
public record Measurement(String subject, String workload, String phase, int run, long ops, long bytes, long nanos,
                          long p50Nanos, long p99Nanos, double fsyncsPerPut, boolean fsyncsCounted) {

    /** ops per second. */
    public double opsPerSecond() {
        return nanos == 0 ? Double.NaN : ops * 1e9 / nanos;
    }

    /** MB (10⁶ bytes) per second. */
    public double megabytesPerSecond() {
        return nanos == 0 ? Double.NaN : bytes * 1e3 / nanos;
    }
}
