package io.github.blobds.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets of issue 9, checked against a report. */
final class Targets {

    /**
     * One target.
     *
     * @param met true, false, or null when the report lacks what it needs
     */
    record Check(String target, String measured, Boolean met) {
    }

    private Targets() {
    }

    static List<Check> check(BenchReport r) {
        List<Check> out = new ArrayList<>();
        Workload b = Workload.BLOCKS;
        Contender file = Contender.FLATFS_BLOBFS_FILE;
        out.add(ratio(r, "synced 256 KiB puts one at a time: flatfs on BlobFS (FileDevice) ≥ 1.3× flatfs on the local disk",
                b, Phase.PUT_ONE, file, Contender.FLATFS_LOCAL, 1.3));
        out.add(share(r, "synced 256 KiB puts one at a time: flatfs on BlobFS (FileDevice) ≥ 80 % of block write + force",
                b, Phase.PUT_ONE, file, 0.8));
        out.add(share(r, "synced 256 KiB puts in batches: flatfs on BlobFS (FileDevice) ≥ 70 % of sequential write bandwidth",
                b, Phase.PUT_BATCH, file, 0.7));
        out.add(ratio(r, "random 256 KiB gets: flatfs on BlobFS (FileDevice) ≥ 1.5× flatfs on the local disk",
                b, Phase.GET, file, Contender.FLATFS_LOCAL, 1.5));
        out.add(share(r, "random 256 KiB gets: flatfs on BlobFS (MemoryDevice) ≥ 50 % of memory copy bandwidth",
                b, Phase.GET, Contender.FLATFS_BLOBFS_MEMORY, 0.5));
        Workload rec = Workload.RECORDS;
        for (Phase p : rec.phases()) {
            out.add(ratio(r, "100 B records, " + p.title() + ": levelds on BlobFS (FileDevice) ≥ 1× levelds on the local disk",
                    rec, p, Contender.LEVELDS_BLOBFS_FILE, Contender.LEVELDS_LOCAL, 1.0));
            out.add(ratio(r, "100 B records, " + p.title() + ": levelds on BlobFS (FileDevice) ≥ 0.8× RocksDB",
                    rec, p, Contender.LEVELDS_BLOBFS_FILE, Contender.ROCKSDB, 0.8));
        }
        out.add(keysOnly(r, Contender.LEVELDS_BLOBFS_FILE));
        out.add(keysOnly(r, Contender.LEVELDS_LOCAL));
        return out;
    }

    private static Check ratio(BenchReport r, String target, Workload w, Phase p, Contender a, Contender base, double min) {
        double x = r.options().workloads().contains(w) ? r.pairedRatio(w, p, a, base) : Double.NaN;
        if (Double.isNaN(x)) {
            return new Check(target, "not measured", null);
        }
        return new Check(target, String.format(Locale.ROOT, "%.2f×", x), x >= min);
    }

    private static Check share(BenchReport r, String target, Workload w, Phase p, Contender c, double min) {
        Optional<BenchReport.Row> row = r.options().workloads().contains(w) ? r.row(w, p, c) : Optional.empty();
        if (row.isEmpty() || Double.isNaN(row.get().shareOfLimit())) {
            return new Check(target, "not measured", null);
        }
        double x = row.get().shareOfLimit();
        return new Check(target, String.format(Locale.ROOT, "%.0f %%", x * 100), x >= min);
    }

    private static Check keysOnly(BenchReport r, Contender c) {
        String target = "keys-only query over 1 M records ≤ 2 s: " + c.title();
        Optional<BenchReport.Row> row = r.options().workloads().contains(Workload.RECORDS)
                ? r.row(Workload.RECORDS, Phase.KEYS_ALL, c) : Optional.empty();
        if (row.isEmpty()) {
            return new Check(target, "not measured", null);
        }
        int records = r.options().records();
        double seconds = row.get().p50Millis() / 1e3;
        if (records == 1_000_000) {
            return new Check(target, String.format(Locale.ROOT, "%.2f s", seconds), seconds <= 2);
        }
        double scaled = seconds * 1_000_000 / records;
        return new Check(target, String.format(Locale.ROOT, "%.2f s at %,d records (≈ %.2f s at 1 M, scaled linearly)",
                seconds, records, scaled), scaled <= 2);
    }
}
