package io.github.blobds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    @DisplayName("defaults are issue 9's: 2,000 × 256 KiB blocks, 1 M × 100 B records, 3 runs, both workloads")
    void defaults() {
        BenchOptions o = BenchOptions.parse();
        assertEquals(List.of(Workload.BLOCKS, Workload.RECORDS), o.workloads());
        assertEquals(2000, o.blocks());
        assertEquals(256 << 10, o.blockSize());
        assertEquals(64, o.blockBatch());
        assertEquals(1_000_000, o.records());
        assertEquals(100, o.recordSize());
        assertEquals(3, o.runs());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), o.workDir());
    }

    @Test
    @DisplayName("every option parses, in both --name value and --name=value forms")
    void parses() {
        BenchOptions o = BenchOptions.parse("--workloads", "records", "--records=100_000", "--blocks", "10",
                "--block-size", "4096", "--block-batch", "8", "--record-size", "50", "--record-batch", "500",
                "--synced-puts", "7", "--gets", "9", "--prefix-queries", "11", "--runs", "5", "--out", "o",
                "--work-dir", "w", "--seed", "3", "--contenders", "rocksdb,levelds-local");
        assertEquals(List.of(Workload.RECORDS), o.workloads());
        assertEquals(100_000, o.records());
        assertEquals(10, o.blocks());
        assertEquals(4096, o.blockSize());
        assertEquals(8, o.blockBatch());
        assertEquals(50, o.recordSize());
        assertEquals(500, o.recordBatch());
        assertEquals(7, o.syncedRecordPuts());
        assertEquals(9, o.recordGets());
        assertEquals(11, o.prefixQueries());
        assertEquals(5, o.runs());
        assertEquals(Path.of("o"), o.out());
        assertEquals(Path.of("w"), o.workDir());
        assertEquals(3, o.seed());
        assertEquals(List.of(Contender.ROCKSDB, Contender.LEVELDS_LOCAL), o.contenders());
    }

    @Test
    @DisplayName("errors name the option at fault")
    void errors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--bogus", "1"))
                .getMessage().contains("--bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs", "x"))
                .getMessage().contains("--runs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs", "0"))
                .getMessage().contains("--runs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs"))
                .getMessage().contains("missing value of --runs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--workloads", "files"))
                .getMessage().contains("files"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--contenders", "badger"))
                .getMessage().contains("flatfs-local"));
        assertTrue(BenchOptions.wantsHelp("--runs", "1", "--help"));
    }

    @Test
    @DisplayName("by default blocks run flatfs and the peers, records levelds and the peers; flatfs never runs records")
    void contenders() {
        BenchOptions o = BenchOptions.defaults();
        assertEquals(List.of(Contender.FLATFS_LOCAL, Contender.FLATFS_BLOBFS_FILE, Contender.FLATFS_BLOBFS_MEMORY,
                Contender.FLATFS_BLOBFS_SPDK, Contender.ROCKSDB, Contender.LMDB), o.contendersOf(Workload.BLOCKS));
        assertEquals(List.of(Contender.LEVELDS_LOCAL, Contender.LEVELDS_BLOBFS_FILE, Contender.LEVELDS_BLOBFS_MEMORY,
                Contender.LEVELDS_BLOBFS_SPDK, Contender.ROCKSDB, Contender.LMDB), o.contendersOf(Workload.RECORDS));
        BenchOptions chosen = o.withContenders(List.of(Contender.LMDB, Contender.FLATFS_LOCAL, Contender.LEVELDS_LOCAL));
        assertEquals(List.of(Contender.FLATFS_LOCAL, Contender.LEVELDS_LOCAL, Contender.LMDB), chosen.contendersOf(Workload.BLOCKS));
        assertEquals(List.of(Contender.LEVELDS_LOCAL, Contender.LMDB), chosen.contendersOf(Workload.RECORDS));
    }

    @Test
    @DisplayName("record sub-counts never exceed the records")
    void subCounts() {
        BenchOptions o = BenchOptions.defaults().withSizes(10, 50);
        assertEquals(50, o.syncedPuts());
        assertEquals(50, o.gets());
    }
}
