package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Model-based I/O checks: seeded sequences of writes, reads, write-zeroes, whole-cluster unmaps and
 * reloads on one blob, compared after every step with a byte array and, for thin blobs, with the set of
 * allocated clusters (SPDK's rules, reference §3.6: a first write or write-zeroes allocates the cluster;
 * an unmap covering a whole allocated cluster of a thin blob releases it). Offsets cluster around
 * cluster boundaries, where SPDK splits requests. A failure names the step and lists the operations so
 * far; the suite's seed replays them.
 */
abstract class BlobstoreModelSubtests extends BlobstoreSubtests {

    private static final int CLUSTERS = 4;
    private static final int STEPS = 60;

    @Test
    @DisplayName("Thick blob with an extent table: random writes, reads, zeroes and reloads agree with a byte array")
    void thickExtentTable() throws Exception {
        run(false, true);
    }

    @Test
    @DisplayName("Thick blob without an extent table: random writes, reads, zeroes and reloads agree with a byte array")
    void thickRunLength() throws Exception {
        run(false, false);
    }

    @Test
    @DisplayName("Thin blob with an extent table: data and allocated clusters agree with a model through writes, zeroes, unmaps and reloads")
    void thinExtentTable() throws Exception {
        run(true, true);
    }

    @Test
    @DisplayName("Thin blob without an extent table: data and allocated clusters agree with a model through writes, zeroes, unmaps and reloads")
    void thinRunLength() throws Exception {
        run(true, false);
    }

    private void run(boolean thin, boolean extentTable) throws Exception {
        init();
        Random r = random();
        long cpc = ioUnitsPerCluster();
        int u = ioUnit();
        long total = CLUSTERS * cpc;
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(CLUSTERS).thinProvision(thin).useExtentTable(extentTable).build());
        BlobId id = blob.id();
        long free = bs().freeClusters() + (thin ? 0 : CLUSTERS);
        byte[] model = new byte[Math.toIntExact(total * u)];
        boolean[] allocated = new boolean[CLUSTERS];
        List<String> log = new ArrayList<>();
        if (!thin) {
            r.nextBytes(model);
            write(blob, 0, model);
            Arrays.fill(allocated, true);
            log.add("write 0+" + total);
        }
        for (int step = 0; step < STEPS; step++) {
            int kind = r.nextInt(100);
            long start = offset(r, cpc, total);
            long len = length(r, cpc, total - start);
            String what;
            if (kind < 45) {
                byte[] data = units(len);
                write(blob, start, data);
                System.arraycopy(data, 0, model, Math.toIntExact(start * u), data.length);
                allocate(allocated, start, len, cpc);
                what = "write " + start + "+" + len;
            } else if (kind < 65) {
                what = "read " + start + "+" + len;
                log.add(what);
                assertArrayEquals(Arrays.copyOfRange(model, Math.toIntExact(start * u), Math.toIntExact((start + len) * u)), read(blob, start, len),
                        () -> "step " + log.size() + " of " + log);
                continue;
            } else if (kind < 80) {
                blob.writeZeroes(start, len);
                Arrays.fill(model, Math.toIntExact(start * u), Math.toIntExact((start + len) * u), (byte) 0);
                allocate(allocated, start, len, cpc);
                what = "writeZeroes " + start + "+" + len;
            } else if (kind < 92 && thin) {
                int first = r.nextInt(CLUSTERS);
                int n = 1 + r.nextInt(CLUSTERS - first);
                blob.unmap(first * cpc, n * cpc);
                for (int c = first; c < first + n; c++) {
                    if (allocated[c]) {
                        allocated[c] = false;
                        Arrays.fill(model, Math.toIntExact(c * cpc * u), Math.toIntExact((c + 1) * cpc * u), (byte) 0);
                    }
                }
                what = "unmap clusters " + first + "+" + n;
            } else if (kind >= 95) {
                blob.close();
                reload();
                blob = open(id);
                what = "reload";
            } else {
                continue;
            }
            log.add(what);
            int count = 0;
            for (boolean a : allocated) {
                count += a ? 1 : 0;
            }
            assertEquals(count, blob.numAllocatedClusters(), () -> "allocated clusters after step " + log.size() + " of " + log);
            assertEquals(free - count, bs().freeClusters(), () -> "free clusters after step " + log.size() + " of " + log);
        }
        assertArrayEquals(model, read(blob, 0, total), () -> "the whole blob after " + log);
        blob.close();
        reload();
        Blob loaded = open(id);
        assertArrayEquals(model, read(loaded, 0, total), () -> "the whole blob after a final reload, after " + log);
        assertEquals(CLUSTERS, loaded.numClusters());
    }

    /** An io_unit offset, usually within 8 io_units of a cluster boundary. */
    private static long offset(Random r, long cpc, long total) {
        if (r.nextInt(4) == 0) {
            return r.nextLong(total);
        }
        long boundary = cpc * (1 + r.nextInt(CLUSTERS - 1));
        return Math.max(0, Math.min(total - 1, boundary + r.nextInt(17) - 8));
    }

    /** A length of at least 1 io_unit that fits in {@code room}: usually small, sometimes up to two clusters. */
    private static long length(Random r, long cpc, long room) {
        long max = r.nextInt(5) == 0 ? 2 * cpc : 16;
        return 1 + r.nextLong(Math.min(max, room));
    }

    private static void allocate(boolean[] allocated, long start, long len, long cpc) {
        for (long c = start / cpc; c <= (start + len - 1) / cpc; c++) {
            allocated[(int) c] = true;
        }
    }
}
