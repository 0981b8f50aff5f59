package io.github.blobds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    /** ops per second {@code rate} over one second. */
    private static Measurement m(String subject, String workload, String phase, int run, long rate, double fsyncs, boolean counted) {
        return new Measurement(subject, workload, phase, run, rate, rate * 1000, 1_000_000_000L, 2_000_000, 9_000_000, fsyncs, counted);
    }

    private static BenchReport report() {
        BenchOptions o = BenchOptions.defaults().withContenders(List.of(Contender.FLATFS_LOCAL, Contender.FLATFS_BLOBFS_FILE))
                .withRuns(3);
        o = new BenchOptions(List.of(Workload.BLOCKS), o.contenders(), o.blocks(), o.blockSize(), o.blockBatch(), o.records(),
                o.recordSize(), o.recordBatch(), o.syncedRecordPuts(), o.recordGets(), o.prefixQueries(), o.runs(), o.out(),
                o.workDir(), o.seed());
        List<Measurement> ms = new ArrayList<>();
        long[] local = {100, 200, 400};
        long[] blobfs = {150, 300, 200};
        long[] limit = {300, 300, 1000};
        for (int run = 1; run <= 3; run++) {
            ms.add(m("flatfs-local", "blocks", "put-one", run, local[run - 1], 2, false));
            ms.add(m("flatfs-blobfs-file", "blocks", "put-one", run, blobfs[run - 1], 3, true));
            ms.add(m("write-force-block", "limits", "write-force-block", run, limit[run - 1], Double.NaN, false));
        }
        return new BenchReport(o, Map.of("load average before (1, 5, 15 min)", "1.00, 2.00, 3.00"), ms, List.of("lmdb skipped: test"));
    }

    @Test
    @DisplayName("a row holds medians and medians of paired ratios")
    void row() {
        BenchReport r = report();
        BenchReport.Row row = r.row(Workload.BLOCKS, Phase.PUT_ONE, Contender.FLATFS_BLOBFS_FILE).orElseThrow();
        assertEquals(3, row.runs());
        assertEquals(200, row.opsPerSecond(), 1e-9);
        assertEquals(200 * 1000 / 1e6, row.megabytesPerSecond(), 1e-9);
        assertEquals(2.0, row.p50Millis(), 1e-9);
        assertEquals(9.0, row.p99Millis(), 1e-9);
        // paired: 1.5, 1.5, 0.5 -> 1.5 (the ratio of medians would be 1.0)
        assertEquals(1.5, row.ratioToBaseline(), 1e-9);
        // paired: 0.5, 1.0, 0.2 -> 0.5
        assertEquals(Limit.WRITE_FORCE_BLOCK, row.limit());
        assertEquals(0.5, row.shareOfLimit(), 1e-9);
        assertEquals(3.0, row.fsyncsPerPut(), 1e-9);
        assertTrue(row.fsyncsCounted());
        assertTrue(r.row(Workload.BLOCKS, Phase.GET, Contender.FLATFS_LOCAL).isEmpty());
        assertEquals(2, r.rows().size());
        assertEquals(1, r.limits().size());
    }

    @Test
    @DisplayName("the Markdown has the machine, the limits, a row per contender, the targets and the notes")
    void markdown() {
        String md = report().markdown();
        assertTrue(md.contains("load average before (1, 5, 15 min): 1.00, 2.00, 3.00"), md);
        assertTrue(md.contains("| block write + force, one at a time | 300 |"), md);
        assertTrue(md.contains("| put, synced, one at a time | flatfs, BlobFS on FileDevice | 200 | 0.2 | 2.00 ms | 9.00 ms | put | 1.50× | 50 % | 3.00 |"), md);
        assertTrue(md.contains("| put, synced, one at a time | flatfs, local disk | 200 | 0.2 | 2.00 ms | 9.00 ms | put | 1.00× | 40 % | 2.00 (design) |"), md);
        assertTrue(md.contains("≥ 1.3× flatfs on the local disk | 1.50× | yes |"), md);
        assertTrue(md.contains("≥ 80 % of block write + force | 50 % | **no** |"), md);
        assertTrue(md.contains("≥ 1.5× flatfs on the local disk | not measured | — |"), md);
        assertTrue(md.contains("- lmdb skipped: test"), md);
        assertFalse(md.contains("Workload `records`"), md);
    }

    @Test
    @DisplayName("the CSV has a header, the limits and a line per row; the runs CSV a line per measurement")
    void csv() {
        BenchReport r = report();
        List<String> lines = r.csv().lines().toList();
        assertEquals("workload,phase,contender,runs,ops_per_s,mb_per_s,p50_ms,p99_ms,ratio_to_baseline,baseline,limit,"
                + "share_of_limit,fsyncs_per_put,fsyncs_source", lines.get(0));
        assertEquals("limits,write-force-block,,3,300,0.3,2,9,,,,,,", lines.get(1));
        assertEquals("blocks,put-one,flatfs-local,3,200,0.2,2,9,1,flatfs-local,write-force-block,0.4,2,design", lines.get(2));
        assertEquals("blocks,put-one,flatfs-blobfs-file,3,200,0.2,2,9,1.5,flatfs-local,write-force-block,0.5,3,counted", lines.get(3));
        assertEquals(4, lines.size());
        assertEquals(10, r.runsCsv().lines().count());
    }

    @Test
    @DisplayName("numbers and durations format for people and for CSV")
    void formats() {
        assertEquals("850 ns", ReportFormat.duration(850));
        assertEquals("12.3 µs", ReportFormat.duration(12_345));
        assertEquals("4.57 ms", ReportFormat.duration(4_567_000));
        assertEquals("1.23 s", ReportFormat.duration(1_234_000_000));
        assertEquals("1,235", ReportFormat.ops(1234.6));
        assertEquals("12.3", ReportFormat.ops(12.34));
        assertEquals("—", ReportFormat.ops(Double.NaN));
        assertEquals("—", ReportFormat.mb(0));
        assertEquals("1.50×", ReportFormat.ratio(1.5));
        assertEquals("", ReportFormat.num(Double.NaN));
        assertEquals("0.333333", ReportFormat.num(1.0 / 3));
        assertEquals("1234570", ReportFormat.num(1234567.8));
    }
}
