package io.github.blobds.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * blobds against its peers, side by side, in one invocation (issue 9): the {@link Workload}s on every
 * {@link Contender}, the machine's {@link Limit}s measured by the same code on the same disk, in
 * interleaved runs, reported as medians and medians of paired ratios ({@link BenchReport}).
 *
 * <p>A plain Java program, not JMH: each phase is a fixed amount of work on a fresh store, timed
 * operation by operation with {@code System.nanoTime()}. One thread. {@link #main} writes
 * {@code bench.md}, {@code bench.csv}, {@code bench-runs.csv} and {@code bench-<workload>.png} to the
 * output directory and prints the Markdown table; {@link #run} is the same as an API.
 *
 * <p>JVM options it wants: a heap that holds the MemoryDevice contenders (about 1.2 GiB for the default
 * blocks; {@code -Xmx6g} in the pom), {@code -Djava.awt.headless=true} for the chart, and for LMDB
 * {@code --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED};
 * without those LMDB is skipped with a note saying so.
 */
public final class SideBySide {

    private SideBySide() {
    }

    /** Runs with command-line options ({@link BenchOptions#USAGE}); exits with 2 on a bad option. */
    public static void main(String[] args) {
        if (BenchOptions.wantsHelp(args)) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        BenchReport report = run(options, line -> {
            System.out.println(line);
            System.out.flush();
        });
        System.out.println();
        System.out.print(report.markdown());
        System.out.println("\nwrote " + options.out().toAbsolutePath().resolve("bench.md") + ", bench.csv, bench-runs.csv and the charts");
    }

    /**
     * Runs {@code options}, reporting progress line by line, writes the report's files to
     * {@link BenchOptions#out()} and returns it.
     */
    public static BenchReport run(BenchOptions options, Consumer<String> progress) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        env.put("CPU", MachineFacts.cpu());
        env.put("memory", MachineFacts.memory());
        env.put("JVM", Runtime.version() + " (" + System.getProperty("java.vm.name") + "), max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("load average before (1, 5, 15 min)", MachineFacts.loadAverage());
        List<String> notes = new ArrayList<>();
        Set<Contender> skipped = EnumSet.noneOf(Contender.class);
        for (Contender c : Contender.values()) {
            if (options.workloads().stream().anyMatch(w -> options.contendersOf(w).contains(c))) {
                String why = c.unavailableReason();
                if (why != null) {
                    skipped.add(c);
                    notes.add(c.id() + " skipped: " + why);
                    progress.accept("skipping " + c.id() + ": " + why);
                }
            }
        }
        if (options.workloads().contains(Workload.RECORDS) && options.records() >= 1_000_000) {
            progress.accept("records: " + String.format(Locale.ROOT, "%,d", options.records())
                    + " keys per contender and run; this takes several minutes per run (--records 100000 is quicker)");
        }
        List<Measurement> measurements = new ArrayList<>();
        Path work;
        try {
            Files.createDirectories(options.workDir());
            work = Files.createTempDirectory(options.workDir(), "blobds-bench-");
            env.put("work directory", work + " (" + MachineFacts.fileStore(work) + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a work directory in " + options.workDir(), e);
        }
        try {
            Map<Workload, WorkloadRunner> runners = new EnumMap<>(Workload.class);
            for (Workload w : options.workloads()) {
                runners.put(w, new WorkloadRunner(options, w));
            }
            for (int run = 1; run <= options.runs(); run++) {
                progress.accept("run " + run + " of " + options.runs() + ": machine limits");
                for (Measurement m : MachineLimits.measure(work, options, run)) {
                    measurements.add(m);
                    progress.accept(String.format(Locale.ROOT, "  run %d %-31s %-13s %s", run, "limits", m.phase(),
                            WorkloadRunner.describe(m)));
                }
                for (Workload w : options.workloads()) {
                    List<Contender> order = new ArrayList<>(options.contendersOf(w));
                    order.removeAll(skipped);
                    if (run % 2 == 0) {
                        Collections.reverse(order);
                    }
                    for (Contender c : order) {
                        progress.accept("run " + run + " of " + options.runs() + ": " + w.id() + " on " + c.id());
                        measurements.addAll(runOne(runners.get(w), c, work.resolve("run" + run + "-" + w.id() + "-" + c.id()), run, progress));
                    }
                }
            }
        } finally {
            deleteRecursively(work);
        }
        env.put("load average after (1, 5, 15 min)", MachineFacts.loadAverage());
        BenchReport report = new BenchReport(options, env, measurements, notes);
        write(report, options.out(), progress);
        return report;
    }

    private static List<Measurement> runOne(WorkloadRunner runner, Contender c, Path dir, int run, Consumer<String> progress) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Store store = c.open(dir, runner.dataBytes())) {
            return runner.run(store, c, run, progress);
        } finally {
            deleteRecursively(dir);
            System.gc(); // let a MemoryDevice go before the next contender
        }
    }

    private static void write(BenchReport report, Path out, Consumer<String> progress) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("bench.md"), report.markdown());
            Files.writeString(out.resolve("bench.csv"), report.csv());
            Files.writeString(out.resolve("bench-runs.csv"), report.runsCsv());
            List<BenchReport.Row> rows = report.rows();
            for (Workload w : report.options().workloads()) {
                BarChart.write(out.resolve("bench-" + w.id() + ".png"), w, rows.stream().filter(r -> r.workload() == w).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + out, e);
        }
        progress.accept("report written to " + out.toAbsolutePath());
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
