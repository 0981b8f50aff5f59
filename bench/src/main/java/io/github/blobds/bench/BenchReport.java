package io.github.blobds.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a {@link SideBySide} run: every measurement, and the table made of them (medians over
 * runs, and medians of paired ratios). {@link #markdown()} and {@link #csv()} render it.
 *
 * @param options      what ran
 * @param environment  facts about the machine and the JVM (load average before and after, CPUs, …)
 * @param measurements every phase of every run, limits included
 * @param notes        contenders skipped and why
 */
public record BenchReport(BenchOptions options, Map<String, String> environment, List<Measurement> measurements,
                          List<String> notes) {

    public BenchReport {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        measurements = List.copyOf(measurements);
        notes = List.copyOf(notes);
    }

    /**
     * One line of the table: a contender in a phase of a workload.
     *
     * @param ratioToBaseline median of paired ops/s ratios to {@link Contender#baseline}; NaN without one
     * @param limit           the {@link Limit#of relevant limit}, or null
     * @param shareOfLimit    median of paired ratios to that limit (ops/s or MB/s as {@link Limit#bandwidth()} says)
     * @param fsyncsPerPut    median device flushes per put (NaN outside put phases)
     * @param fsyncsCounted   whether they were counted on the device rather than taken from the design
     */
    public record Row(Workload workload, Phase phase, Contender contender, int runs, double opsPerSecond,
                      double megabytesPerSecond, double p50Millis, double p99Millis, double ratioToBaseline,
                      Limit limit, double shareOfLimit, double fsyncsPerPut, boolean fsyncsCounted) {
    }

    /** Medians of one machine limit over the runs. */
    public record LimitRow(Limit limit, int runs, double opsPerSecond, double megabytesPerSecond, double p50Millis,
                           double p99Millis) {
    }

    /** The table: per workload, per phase, per contender, in that order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Workload w : options.workloads()) {
            for (Phase p : w.phases()) {
                for (Contender c : options.contendersOf(w)) {
                    row(w, p, c).ifPresent(rows::add);
                }
            }
        }
        return rows;
    }

    /** The row of {@code contender} in {@code phase} of {@code workload}, if it ran. */
    public Optional<Row> row(Workload workload, Phase phase, Contender contender) {
        Map<Integer, Measurement> runs = runs(contender.id(), workload.id(), phase.id());
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, Double> ops = opsPerSecond(runs);
        Contender base = Contender.baseline(workload);
        double ratio = Medians.medianOfRatios(ops, opsPerSecond(runs(base.id(), workload.id(), phase.id())));
        Limit limit = Limit.of(workload, phase).orElse(null);
        double share = Double.NaN;
        if (limit != null) {
            Map<Integer, Measurement> limitRuns = runs(limit.id(), "limits", limit.id());
            share = limit.bandwidth()
                    ? Medians.medianOfRatios(megabytesPerSecond(runs), megabytesPerSecond(limitRuns))
                    : Medians.medianOfRatios(ops, opsPerSecond(limitRuns));
        }
        Measurement any = runs.values().iterator().next();
        return Optional.of(new Row(workload, phase, contender, runs.size(), median(ops),
                median(megabytesPerSecond(runs)), medianMillis(runs, true), medianMillis(runs, false), ratio, limit, share,
                Medians.median(runs.values().stream().mapToDouble(Measurement::fsyncsPerPut).toArray()),
                any.fsyncsCounted()));
    }

    /** The machine limits, medians over runs. */
    public List<LimitRow> limits() {
        List<LimitRow> rows = new ArrayList<>();
        for (Limit l : Limit.values()) {
            Map<Integer, Measurement> runs = runs(l.id(), "limits", l.id());
            if (!runs.isEmpty()) {
                rows.add(new LimitRow(l, runs.size(), median(opsPerSecond(runs)), median(megabytesPerSecond(runs)),
                        medianMillis(runs, true), medianMillis(runs, false)));
            }
        }
        return rows;
    }

    /** Median over runs of the paired ops/s ratios of two contenders in a phase; NaN when they did not both run. */
    public double pairedRatio(Workload workload, Phase phase, Contender numerator, Contender denominator) {
        return Medians.medianOfRatios(opsPerSecond(runs(numerator.id(), workload.id(), phase.id())),
                opsPerSecond(runs(denominator.id(), workload.id(), phase.id())));
    }

    /** The table as Markdown: environment, limits, one table per workload, targets of issue 9, notes. */
    public String markdown() {
        return ReportFormat.markdown(this);
    }

    /** The table as CSV, one line per row, limits included (workload {@code limits}). */
    public String csv() {
        return ReportFormat.csv(this);
    }

    /** Every measurement as CSV, one line per phase of each run. */
    public String runsCsv() {
        return ReportFormat.runsCsv(this);
    }

    Map<Integer, Measurement> runs(String subject, String workload, String phase) {
        Map<Integer, Measurement> runs = new HashMap<>();
        for (Measurement m : measurements) {
            if (m.subject().equals(subject) && m.workload().equals(workload) && m.phase().equals(phase)) {
                runs.put(m.run(), m);
            }
        }
        return runs;
    }

    private static Map<Integer, Double> opsPerSecond(Map<Integer, Measurement> runs) {
        Map<Integer, Double> out = new HashMap<>();
        runs.forEach((r, m) -> out.put(r, m.opsPerSecond()));
        return out;
    }

    private static Map<Integer, Double> megabytesPerSecond(Map<Integer, Measurement> runs) {
        Map<Integer, Double> out = new HashMap<>();
        runs.forEach((r, m) -> out.put(r, m.megabytesPerSecond()));
        return out;
    }

    private static double median(Map<Integer, Double> values) {
        return Medians.median(values.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double medianMillis(Map<Integer, Measurement> runs, boolean p50) {
        return Medians.median(runs.values().stream().mapToDouble(m -> (p50 ? m.p50Nanos() : m.p99Nanos()) / 1e6).toArray());
    }
}
