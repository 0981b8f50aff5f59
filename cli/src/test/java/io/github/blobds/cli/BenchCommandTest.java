package io.github.blobds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blobds bench}: the side-by-side run of module bench, at tiny sizes (what it measures is bench's business). */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void tinyRunWritesTheTableAndFiles() throws Exception {
        Path out = dir.resolve("out");
        Cli.Result r = new Cli(dir).run("bench", "--workloads", "blocks,records", "--contenders", "flatfs-local,levelds-blobfs-memory",
                "--blocks", "3", "--block-size", "4096", "--block-batch", "2", "--records", "200", "--record-batch", "50",
                "--synced-puts", "10", "--gets", "20", "--prefix-queries", "2", "--runs", "1",
                "--out", out.toString(), "--work-dir", dir.resolve("work").toString());
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().contains("| flatfs, local disk |") && r.out().contains("| levelds, BlobFS on MemoryDevice |"), r.toString());
        assertTrue(r.err().contains("run 1 of 1"), "progress on standard error: " + r);
        for (String f : new String[] {"bench.md", "bench.csv", "bench-runs.csv", "bench-blocks.png", "bench-records.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void helpListsTheOptions() {
        Cli.Result r = new Cli(dir).run("bench", "--help");
        assertEquals(ExitCodes.OK, r.code(), r.toString());
        assertTrue(r.out().startsWith("Usage: blobds bench"), r.toString());
        assertTrue(r.out().contains("--contenders"), r.toString());
    }

    @Test
    void aBadOptionIsNamed() {
        Cli.Result r = new Cli(dir).run("bench", "--runs", "0");
        assertEquals(ExitCodes.ERROR, r.code(), r.toString());
        assertTrue(r.err().contains("--runs must be positive, was 0"), r.toString());
        assertTrue(r.err().contains("blobds bench --help"), r.toString());
    }
}
