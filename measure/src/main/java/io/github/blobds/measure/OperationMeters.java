package io.github.blobds.measure;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The meters of one operation: calls, errors, latency and, for put, get and batch put, sizes. Registered
 * when created; a registry that already holds a meter of the same name hands that one back, so wrappers
 * with the same prefix share their meters (as go-metrics-prometheus reuses a registered collector).
 *
 * <p>Micrometer names are {@code <prefix>.<op>} (counter), {@code <prefix>.<op>.errors} (counter),
 * {@code <prefix>.<op>.latency} (timer) and {@code <prefix>.<op>.size} (distribution summary in bytes).
 * Prometheus renders them as go-ds-measure's families: {@code <prefix>_<op>_total},
 * {@code <prefix>_<op>_errors_total}, {@code <prefix>_<op>_latency_seconds} and
 * {@code <prefix>_<op>_size_bytes}.
 */
final class OperationMeters {

    /** go-ds-measure's {@code datastoreLatencyBuckets}: 1e-4, 1e-3, 1e-2, 1e-1 and 1 second. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
    };

    /** go-ds-measure's {@code datastoreSizeBuckets}: 1 << 6, 1 << 12, 1 << 18 and 1 << 24 bytes. */
    static final double[] SIZE_BUCKETS = {1 << 6, 1 << 12, 1 << 18, 1 << 24};

    private final Clock clock;
    private final Counter calls;
    private final Counter errors;
    private final Timer latency;
    private final DistributionSummary size;

    OperationMeters(MeterRegistry registry, String prefix, Operation op) {
        String name = prefix + "." + op.segment();
        this.clock = registry.config().clock();
        this.calls = Counter.builder(name)
                .description("Total number of " + op.method() + " calls")
                .register(registry);
        this.errors = Counter.builder(name + ".errors")
                .description("Number of errored " + op.method() + " calls")
                .register(registry);
        this.latency = Timer.builder(name + ".latency")
                .description("Latency distribution of " + op.method() + " calls")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .publishPercentileHistogram(false)
                .register(registry);
        this.size = op.hasSize()
                ? DistributionSummary.builder(name + ".size")
                        .description("Size distribution of " + op.sized())
                        .baseUnit("bytes")
                        .serviceLevelObjectives(SIZE_BUCKETS)
                        .publishPercentileHistogram(false)
                        .register(registry)
                : null;
    }

    /** Observes the size of {@code value}; {@code null} counts as 0 bytes, as Go's {@code len(nil)}. */
    void observeSize(byte[] value) {
        size.record(value == null ? 0 : value.length);
    }

    /** Runs {@code op} measured; every exception is an error. */
    void run(Runnable op) {
        call(() -> {
            op.run();
            return null;
        }, null);
    }

    /** Runs {@code op} measured; every exception is an error. */
    <T> T call(Supplier<T> op) {
        return call(op, null);
    }

    /**
     * Runs {@code op} measured: counts the call, counts an error when it throws anything but an instance
     * of {@code notAnError} (may be {@code null}), and records the elapsed time whether it failed or not.
     * Exceptions are rethrown unchanged.
     */
    <T> T call(Supplier<T> op, Class<? extends RuntimeException> notAnError) {
        calls.increment();
        long start = clock.monotonicTime();
        try {
            return op.get();
        } catch (Throwable e) {
            if (notAnError == null || !notAnError.isInstance(e)) {
                errors.increment();
            }
            throw e;
        } finally {
            latency.record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
