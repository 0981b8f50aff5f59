package io.github.blobds.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link BenchReport} as Markdown and CSV. */
final class ReportFormat {

    private ReportFormat() {
    }

    static String markdown(BenchReport r) {
        StringBuilder sb = new StringBuilder();
        BenchOptions o = r.options();
        sb.append("### Machine\n\n");
        for (Map.Entry<String, String> e : r.environment().entrySet()) {
            sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%n%d interleaved runs; each run measures the limits, then every contender"
                + " on a fresh store (order reversed on even runs). Medians over runs; \"× base\" and \"%% of limit\" are"
                + " medians of the per-run (paired) ratios. One thread.%n%n", o.runs()));
        sb.append("### Machine limits (same disk, same runs)\n\n");
        sb.append("| limit | ops/s | MB/s | p50 | p99 |\n|---|---:|---:|---:|---:|\n");
        for (BenchReport.LimitRow l : r.limits()) {
            sb.append("| ").append(l.limit().title()).append(" | ").append(ops(l.opsPerSecond())).append(" | ")
                    .append(mb(l.megabytesPerSecond())).append(" | ").append(ms(l.p50Millis())).append(" | ")
                    .append(ms(l.p99Millis())).append(" |\n");
        }
        List<BenchReport.Row> rows = r.rows();
        for (Workload w : o.workloads()) {
            sb.append('\n').append("### Workload `").append(w.id()).append("`: ").append(describe(o, w)).append("\n\n");
            sb.append("| phase | contender | ops/s | MB/s | p50 | p99 | latency of | × ")
                    .append(Contender.baseline(w).id()).append(" | % of limit | fsyncs/put |\n");
            sb.append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|\n");
            for (BenchReport.Row row : rows) {
                if (row.workload() != w) {
                    continue;
                }
                sb.append("| ").append(row.phase().title()).append(" | ").append(row.contender().title()).append(" | ")
                        .append(ops(row.opsPerSecond())).append(" | ").append(mb(row.megabytesPerSecond())).append(" | ")
                        .append(ms(row.p50Millis())).append(" | ").append(ms(row.p99Millis())).append(" | ")
                        .append(latencyOf(o, row)).append(" | ").append(ratio(row.ratioToBaseline())).append(" | ")
                        .append(share(row)).append(" | ").append(fsyncs(row)).append(" |\n");
            }
        }
        sb.append("\n% of limit: synced single puts against the write + force rate of their size (blocks: block size;"
                + " records: 4 KiB), batches against sequential write MB/s, block gets against memory copy MB/s."
                + " fsyncs/put: counted on the simulated device for BlobFS rows; for local-disk rows the number the"
                + " store's design issues, marked \"design\" (flatfs: file + shard directory, plus the root for a new"
                + " shard directory; levelds and RocksDB: one log sync per write; LMDB: data + meta page per commit).\n");
        sb.append("\n### Targets (issue 9)\n\n| target | measured | met |\n|---|---|---|\n");
        for (Targets.Check c : Targets.check(r)) {
            sb.append("| ").append(c.target()).append(" | ").append(c.measured()).append(" | ")
                    .append(c.met() == null ? "—" : c.met() ? "yes" : "**no**").append(" |\n");
        }
        if (!r.notes().isEmpty()) {
            sb.append("\n### Notes\n\n");
            r.notes().forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static String describe(BenchOptions o, Workload w) {
        if (w == Workload.BLOCKS) {
            return String.format(Locale.ROOT, "%,d × %s blocks put one at a time, %,d more in batches of %d,"
                    + " %,d random gets, one keys-only query of all %,d", o.blocks(), size(o.blockSize()), o.blocks(),
                    o.blockBatch(), o.blocks(), o.blocks() * 2);
        }
        return String.format(Locale.ROOT, "%,d × %d B records: %,d put one at a time, the rest in batches of %,d;"
                + " %,d random gets, %d prefix queries (1/256 of the keys each), one keys-only query of all",
                o.records(), o.recordSize(), o.syncedPuts(), o.recordBatch(), o.gets(), o.prefixQueries());
    }

    private static String latencyOf(BenchOptions o, BenchReport.Row row) {
        return row.phase() == Phase.PUT_BATCH
                ? "batch of " + (row.workload() == Workload.BLOCKS ? o.blockBatch() : o.recordBatch())
                : row.phase().op();
    }

    static String csv(BenchReport r) {
        StringBuilder sb = new StringBuilder("workload,phase,contender,runs,ops_per_s,mb_per_s,p50_ms,p99_ms,"
                + "ratio_to_baseline,baseline,limit,share_of_limit,fsyncs_per_put,fsyncs_source\n");
        for (BenchReport.LimitRow l : r.limits()) {
            sb.append(String.join(",", "limits", l.limit().id(), "", Integer.toString(l.runs()), num(l.opsPerSecond()),
                    num(l.megabytesPerSecond()), num(l.p50Millis()), num(l.p99Millis()), "", "", "", "", "", "")).append('\n');
        }
        for (BenchReport.Row row : r.rows()) {
            sb.append(String.join(",", row.workload().id(), row.phase().id(), row.contender().id(),
                    Integer.toString(row.runs()), num(row.opsPerSecond()), num(row.megabytesPerSecond()),
                    num(row.p50Millis()), num(row.p99Millis()), num(row.ratioToBaseline()),
                    Contender.baseline(row.workload()).id(), row.limit() == null ? "" : row.limit().id(),
                    num(row.shareOfLimit()), num(row.fsyncsPerPut()),
                    Double.isNaN(row.fsyncsPerPut()) ? "" : row.fsyncsCounted() ? "counted" : "design")).append('\n');
        }
        return sb.toString();
    }

    static String runsCsv(BenchReport r) {
        StringBuilder sb = new StringBuilder("run,workload,phase,subject,ops,bytes,nanos,ops_per_s,mb_per_s,p50_ns,p99_ns,fsyncs_per_put,fsyncs_source\n");
        for (Measurement m : r.measurements()) {
            sb.append(String.join(",", Integer.toString(m.run()), m.workload(), m.phase(), m.subject(),
                    Long.toString(m.ops()), Long.toString(m.bytes()), Long.toString(m.nanos()), num(m.opsPerSecond()),
                    num(m.megabytesPerSecond()), Long.toString(m.p50Nanos()), Long.toString(m.p99Nanos()),
                    num(m.fsyncsPerPut()), Double.isNaN(m.fsyncsPerPut()) ? "" : m.fsyncsCounted() ? "counted" : "design"))
                    .append('\n');
        }
        return sb.toString();
    }

    /** A number for CSV: plain, 6 significant digits, empty for NaN. */
    static String num(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String ops(double d) {
        if (Double.isNaN(d)) {
            return "—";
        }
        return d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.1f", d);
    }

    static String mb(double d) {
        if (Double.isNaN(d) || d == 0) {
            return "—";
        }
        return d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.1f", d);
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "—";
        }
        return duration(Math.round(millis * 1e6));
    }

    /** A duration with a unit fitting its size: {@code 850 ns}, {@code 12.3 µs}, {@code 4.56 ms}, {@code 1.23 s}. */
    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String ratio(double d) {
        return Double.isNaN(d) ? "—" : String.format(Locale.ROOT, "%.2f×", d);
    }

    private static String share(BenchReport.Row row) {
        return Double.isNaN(row.shareOfLimit()) ? "—" : String.format(Locale.ROOT, "%.0f %%", row.shareOfLimit() * 100);
    }

    private static String fsyncs(BenchReport.Row row) {
        if (Double.isNaN(row.fsyncsPerPut())) {
            return "—";
        }
        String n = row.fsyncsPerPut() >= 0.1 || row.fsyncsPerPut() == 0
                ? String.format(Locale.ROOT, "%.2f", row.fsyncsPerPut())
                : String.format(Locale.ROOT, "%.4f", row.fsyncsPerPut());
        return row.fsyncsCounted() ? n : n + " (design)";
    }

    private static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
