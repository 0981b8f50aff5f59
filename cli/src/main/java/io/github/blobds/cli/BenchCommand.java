package io.github.blobds.cli;

import io.github.blobds.bench.BenchOptions;
import io.github.blobds.bench.BenchReport;
import io.github.blobds.bench.SideBySide;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code blobds bench}: the side-by-side comparison of module {@code bench} ({@link SideBySide}): flatfs and
 * LevelDB on the local disk and on BlobFS, RocksDB and LMDB, with the machine's limits measured in the same
 * run. Its options are {@link BenchOptions}'s, passed through as they are.
 */
@Command(name = "bench", description = {
        "Run blobds against its peers side by side (blocks: 256 KiB values; records: 100-byte values) and write",
        "the table (bench.md), CSVs and PNG charts to --out. Options: blobds bench --help."})
final class BenchCommand extends BaseCommand {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        String[] a = args.toArray(String[]::new);
        if (args.contains("--help") || args.contains("-h")) {
            console().out().print(BenchOptions.USAGE.replace("Usage: SideBySide", "Usage: blobds bench"));
            return ExitCodes.OK;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(a);
        } catch (IllegalArgumentException e) {
            throw new CliException("bench: " + e.getMessage() + " (blobds bench --help lists the options)", e);
        }
        BenchReport report = SideBySide.run(options, this::note);
        console().out().print(report.markdown());
        console().out().println();
        console().out().println("wrote " + options.out().toAbsolutePath().resolve("bench.md")
                + ", bench.csv, bench-runs.csv and the charts");
        return ExitCodes.OK;
    }
}
