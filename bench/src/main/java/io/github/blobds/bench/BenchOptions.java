package io.github.blobds.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@link SideBySide} runs. Immutable; {@link #defaults()}, then the {@code with…} methods, or
 * {@link #parse(String...)} for command-line arguments ({@link #USAGE}).
 *
 * @param workloads     the workloads, in order
 * @param contenders    the contenders; empty means each workload's default set ({@link Contender#runsByDefault})
 * @param blocks        blocks put one at a time, and again in batches (so a run stores twice as many)
 * @param blockSize     bytes per block (256 KiB)
 * @param blockBatch    blocks per batch (64)
 * @param records       records stored in all (1,000,000): the first {@link #syncedRecordPuts} one at a
 *                      time, the rest in batches
 * @param recordSize    bytes per record value (100)
 * @param recordBatch   records per batch (1,000)
 * @param syncedRecordPuts records put one at a time, synced (5,000, at most {@code records}); synced
 *                      single puts run at the disk's flush rate, so 1 M of them would take hours
 * @param recordGets    random gets of records (100,000, at most {@code records})
 * @param prefixQueries prefix queries over the 256 record prefixes (100)
 * @param runs          interleaved runs per contender (3)
 * @param out           where the table ({@code bench.md}), CSV and charts go
 * @param workDir       where the stores live while they run (a fresh directory is made inside, and
 *                      deleted afterwards); every contender and limit uses the same disk
 * @param seed          the seed of the keys' order of gets and queries
 */
public record BenchOptions(
        List<Workload> workloads,
        List<Contender> contenders,
        int blocks,
        int blockSize,
        int blockBatch,
        int records,
        int recordSize,
        int recordBatch,
        int syncedRecordPuts,
        int recordGets,
        int prefixQueries,
        int runs,
        Path out,
        Path workDir,
        long seed) {

    /** The command-line options. */
    public static final String USAGE = """
            Usage: SideBySide [options]
              --workloads LIST      blocks,records (default: both)
              --contenders LIST     any of flatfs-local, flatfs-blobfs-file, flatfs-blobfs-memory, flatfs-blobfs-spdk,
                                    levelds-local, levelds-blobfs-file, levelds-blobfs-memory, levelds-blobfs-spdk,
                                    rocksdb, lmdb (default: flatfs-* for blocks, levelds-* for records, rocksdb and
                                    lmdb for both; the *-spdk ones are skipped, saying why, where SPDK is not installed)
              --blocks N            256 KiB blocks put one at a time, and N more in batches (default 2000)
              --block-size BYTES    bytes per block (default 262144)
              --block-batch N       blocks per batch (default 64)
              --records N           100-byte records stored (default 1000000; 1 M takes several minutes
                                    per run, --records 100000 about a tenth)
              --record-size BYTES   bytes per record (default 100)
              --record-batch N      records per batch (default 1000)
              --synced-puts N       records put one at a time, synced (default 5000)
              --gets N              random record gets (default 100000)
              --prefix-queries N    prefix queries (default 100)
              --runs N              interleaved runs per contender (default 3)
              --out DIR             output directory for bench.md, bench.csv, bench-runs.csv, bench-*.png
                                    (default bench-out)
              --work-dir DIR        where the stores are made (default: java.io.tmpdir)
              --seed N              seed of the random gets and queries (default 42)
              --help                this text
            """;

    public BenchOptions {
        workloads = List.copyOf(new LinkedHashSet<>(workloads));
        contenders = List.copyOf(new LinkedHashSet<>(contenders));
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workload chosen");
        }
        positive("blocks", blocks);
        positive("block-size", blockSize);
        positive("block-batch", blockBatch);
        positive("records", records);
        positive("record-size", recordSize);
        positive("record-batch", recordBatch);
        positive("synced-puts", syncedRecordPuts);
        positive("gets", recordGets);
        positive("prefix-queries", prefixQueries);
        positive("runs", runs);
    }

    private static void positive(String name, long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive, was " + n);
        }
    }

    /** The defaults of issue 9: 2,000 × 256 KiB blocks, 1,000,000 × 100 B records, 3 runs. */
    public static BenchOptions defaults() {
        return new BenchOptions(List.of(Workload.BLOCKS, Workload.RECORDS), List.of(), 2000, 256 << 10, 64,
                1_000_000, 100, 1000, 5000, 100_000, 100, 3, Path.of("bench-out"),
                Path.of(System.getProperty("java.io.tmpdir")), 42);
    }

    /**
     * Options from command-line arguments ({@link #USAGE}) over {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    public static BenchOptions parse(String... args) {
        BenchOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name.startsWith("--") ? "missing value of " + name : "unknown argument " + name);
                }
                value = args[++i];
            }
            o = o.with(name, value);
        }
        return o;
    }

    private BenchOptions with(String name, String value) {
        return switch (name) {
            case "--workloads" -> new BenchOptions(list(value).stream().map(Workload::of).toList(), contenders, blocks,
                    blockSize, blockBatch, records, recordSize, recordBatch, syncedRecordPuts, recordGets, prefixQueries,
                    runs, out, workDir, seed);
            case "--contenders" -> withContenders(list(value).stream().map(Contender::of).toList());
            case "--blocks" -> withSizes(number(name, value), records);
            case "--block-size" -> new BenchOptions(workloads, contenders, blocks, number(name, value), blockBatch,
                    records, recordSize, recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, out, workDir, seed);
            case "--block-batch" -> new BenchOptions(workloads, contenders, blocks, blockSize, number(name, value),
                    records, recordSize, recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, out, workDir, seed);
            case "--records" -> withSizes(blocks, number(name, value));
            case "--record-size" -> new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records,
                    number(name, value), recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, out, workDir, seed);
            case "--record-batch" -> new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records,
                    recordSize, number(name, value), syncedRecordPuts, recordGets, prefixQueries, runs, out, workDir, seed);
            case "--synced-puts" -> new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records,
                    recordSize, recordBatch, number(name, value), recordGets, prefixQueries, runs, out, workDir, seed);
            case "--gets" -> new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records, recordSize,
                    recordBatch, syncedRecordPuts, number(name, value), prefixQueries, runs, out, workDir, seed);
            case "--prefix-queries" -> new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records,
                    recordSize, recordBatch, syncedRecordPuts, recordGets, number(name, value), runs, out, workDir, seed);
            case "--runs" -> withRuns(number(name, value));
            case "--out" -> withOut(Path.of(value));
            case "--work-dir" -> withWorkDir(Path.of(value));
            case "--seed" -> new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records, recordSize,
                    recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, out, workDir, parseLong(name, value));
            default -> throw new IllegalArgumentException("unknown option " + name + " (--help lists them)");
        };
    }

    /** These options with other contenders. */
    public BenchOptions withContenders(List<Contender> newContenders) {
        return new BenchOptions(workloads, newContenders, blocks, blockSize, blockBatch, records, recordSize,
                recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, out, workDir, seed);
    }

    /** These options with other numbers of blocks and records. */
    public BenchOptions withSizes(int newBlocks, int newRecords) {
        return new BenchOptions(workloads, contenders, newBlocks, blockSize, blockBatch, newRecords, recordSize,
                recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, out, workDir, seed);
    }

    /** These options with small record sub-counts: synced puts, gets and prefix queries. */
    public BenchOptions withRecordCounts(int newSyncedPuts, int newGets, int newPrefixQueries) {
        return new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records, recordSize,
                recordBatch, newSyncedPuts, newGets, newPrefixQueries, runs, out, workDir, seed);
    }

    /** These options with another number of runs. */
    public BenchOptions withRuns(int newRuns) {
        return new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records, recordSize,
                recordBatch, syncedRecordPuts, recordGets, prefixQueries, newRuns, out, workDir, seed);
    }

    /** These options writing their output to {@code dir}. */
    public BenchOptions withOut(Path dir) {
        return new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records, recordSize,
                recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, dir, workDir, seed);
    }

    /** These options making their stores in {@code dir}. */
    public BenchOptions withWorkDir(Path dir) {
        return new BenchOptions(workloads, contenders, blocks, blockSize, blockBatch, records, recordSize,
                recordBatch, syncedRecordPuts, recordGets, prefixQueries, runs, out, dir, seed);
    }

    /** The contenders of {@code workload}, in report order: those named that support it, or its defaults. */
    public List<Contender> contendersOf(Workload workload) {
        List<Contender> chosen = new ArrayList<>();
        for (Contender c : Contender.values()) {
            if (contenders.isEmpty() ? c.runsByDefault(workload) : contenders.contains(c) && c.supports(workload)) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    /** Records put one at a time: {@code syncedRecordPuts}, at most {@code records}. */
    int syncedPuts() {
        return Math.min(syncedRecordPuts, records);
    }

    /** Random record gets: {@code recordGets}, at most {@code records}. */
    int gets() {
        return Math.min(recordGets, records);
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String s : value.split(",")) {
            if (!s.isBlank()) {
                items.add(s.strip());
            }
        }
        return items;
    }

    private static int number(String name, String value) {
        long n = parseLong(name, value.replace("_", ""));
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(name + " " + value + " is too large");
        }
        return (int) n;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got \"" + value + "\"");
        }
    }

    /** Whether {@code args} ask for help. */
    static boolean wantsHelp(String... args) {
        return Set.copyOf(List.of(args)).stream().anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }
}
