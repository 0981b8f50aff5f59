package io.github.blobds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run at minute sizes: every contender, both workloads, every file. No timing is asserted. */
class SideBySideTest {

    @Test
    @DisplayName("a tiny run reports every contender in every phase and writes the table, the CSVs and the charts")
    void tinyRun(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse("--blocks", "3", "--block-size", "4096", "--block-batch", "2",
                        "--records", "300", "--record-batch", "50", "--synced-puts", "20", "--gets", "40",
                        "--prefix-queries", "4", "--runs", "2")
                // SPDK's contenders need SPDK installed; blobfs-spdk's own suites cover that backend
                .withContenders(Arrays.stream(Contender.values()).filter(c -> !c.id().endsWith("-spdk")).toList())
                .withOut(dir.resolve("out"))
                .withWorkDir(dir.resolve("work"));
        List<String> progress = new ArrayList<>();
        BenchReport report = SideBySide.run(options, progress::add);

        assertTrue(report.notes().isEmpty(), "skipped: " + report.notes()); // surefire passes LMDB's --add-opens
        for (Workload w : Workload.values()) {
            for (Phase p : w.phases()) {
                for (Contender c : options.contendersOf(w)) {
                    BenchReport.Row row = report.row(w, p, c).orElseThrow(() -> new AssertionError(w + " " + p + " " + c));
                    assertEquals(2, row.runs());
                    assertTrue(row.opsPerSecond() > 0, row.toString());
                }
            }
        }
        assertEquals(8, options.contendersOf(Workload.BLOCKS).size());
        assertEquals(5, options.contendersOf(Workload.RECORDS).size());
        assertEquals(Limit.values().length, report.limits().size());
        BenchReport.Row blobfs = report.row(Workload.BLOCKS, Phase.PUT_ONE, Contender.FLATFS_BLOBFS_FILE).orElseThrow();
        assertTrue(blobfs.fsyncsCounted() && blobfs.fsyncsPerPut() >= 1, blobfs.toString());

        for (String f : List.of("bench.md", "bench.csv", "bench-runs.csv", "bench-blocks.png", "bench-records.png")) {
            assertTrue(Files.size(dir.resolve("out").resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(dir.resolve("out/bench.md")).contains("| keys-only query of all | LMDB (lmdbjava), local disk |"));
        try (var left = Files.list(dir.resolve("work"))) {
            assertEquals(0, left.count(), "the work directory is cleaned up");
        }
        assertTrue(progress.stream().anyMatch(l -> l.contains("records") && l.contains("levelds-blobfs-file") && l.contains("put-one")));
    }
}
