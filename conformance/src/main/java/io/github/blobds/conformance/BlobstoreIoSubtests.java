package io.github.blobds.conformance;

import static io.github.blobds.blobstore.BlobstoreException.EINVAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's I/O tests: bounds, io_unit granularity, round trips across cluster boundaries, io_unit patterns and unmap. */
abstract class BlobstoreIoSubtests extends BlobstoreSubtests {

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_write
    @Test
    @DisplayName("blob_write: writing a 0-cluster blob, starting at the end or running off it gives EINVAL; the last io_unit works")
    void blobWrite() throws Exception {
        init();
        long cpc = ioUnitsPerCluster();
        Blob blob = createAndOpen(BlobOptions.defaults());
        assertErrno(EINVAL, () -> write(blob, 0, units(1)), "write of 1 io_unit to a 0-cluster blob");
        assertErrno(EINVAL, () -> blob.writeZeroes(0, 1), "write zeroes of 1 io_unit on a 0-cluster blob");
        blob.resize(5);
        write(blob, 0, units(1));
        assertErrno(EINVAL, () -> write(blob, 5 * cpc, units(1)), "write starting at the end");
        assertErrno(EINVAL, () -> write(blob, 4 * cpc, units(cpc + 1)), "write starting in the last cluster and running off the end");
        assertErrno(EINVAL, () -> blob.writeZeroes(5 * cpc, 1), "write zeroes starting at the end");
        assertErrno(EINVAL, () -> blob.writeZeroes(4 * cpc, cpc + 1), "write zeroes running off the end");
        assertErrno(EINVAL, () -> blob.unmap(5 * cpc, 1), "unmap starting at the end");
        assertErrno(EINVAL, () -> blob.unmap(4 * cpc, cpc + 1), "unmap running off the end");
        byte[] last = units(cpc);
        write(blob, 4 * cpc, last);
        assertReads(last, blob, 4 * cpc, "the last cluster, written up to the end");
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_read
    @Test
    @DisplayName("blob_read: reading a 0-cluster blob, starting at the end or running off it gives EINVAL")
    void blobRead() throws Exception {
        init();
        long cpc = ioUnitsPerCluster();
        Blob blob = createAndOpen(BlobOptions.defaults());
        assertErrno(EINVAL, () -> read(blob, 0, 1), "read of 1 io_unit from a 0-cluster blob");
        blob.resize(5);
        read(blob, 0, 1);
        assertErrno(EINVAL, () -> read(blob, 5 * cpc, 1), "read starting at the end");
        assertErrno(EINVAL, () -> read(blob, 4 * cpc, cpc + 1), "read starting in the last cluster and running off the end");
        read(blob, 4 * cpc, cpc);
    }

    // SPDK lib/blob/blobstore.c blob_request_submit_op: a length of 0 completes at once
    @Test
    @DisplayName("blob_request_submit_op: a zero-length read, write, write zeroes or unmap succeeds, on an empty blob and at the end")
    void zeroLength() throws Exception {
        init();
        Blob blob = createAndOpen(BlobOptions.defaults());
        blob.read(0, ByteBuffer.allocate(0));
        blob.write(0, ByteBuffer.allocate(0));
        blob.writeZeroes(0, 0);
        blob.unmap(0, 0);
        blob.resize(1);
        long end = ioUnitsPerCluster();
        blob.read(end, ByteBuffer.allocate(0));
        blob.write(end, ByteBuffer.allocate(0));
        blob.writeZeroes(end, 0);
        blob.unmap(end, 0);
        assertEquals(1, blob.numAllocatedClusters());
    }

    // SPDK lib/blob/blobstore.c blob_request_submit_op: "if (length == 0)" returns 0 before the range check
    @Test
    @DisplayName("blob_request_submit_op: a zero-length transfer succeeds even when it starts past the end, as SPDK checks the length first")
    void zeroLengthPastTheEnd() throws Exception {
        init();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(1).build());
        long past = ioUnitsPerCluster() + 100;
        blob.read(past, ByteBuffer.allocate(0));
        blob.write(past, ByteBuffer.allocate(0));
        blob.writeZeroes(past, 0);
        blob.unmap(past, 0);
        assertEquals(1, blob.numClusters());
    }

    @Test
    @DisplayName("A transfer that is not a whole number of io_units gives EINVAL")
    void partialIoUnits() throws Exception {
        init();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(1).build());
        int u = ioUnit();
        for (int n : new int[] {1, u - 1, u + 1, 2 * u + 7}) {
            assertErrno(EINVAL, () -> blob.write(0, ByteBuffer.allocate(n)), "write of " + n + " bytes with " + u + "-byte io_units");
            assertErrno(EINVAL, () -> blob.read(0, ByteBuffer.allocate(n)), "read of " + n + " bytes with " + u + "-byte io_units");
        }
    }

    @Test
    @DisplayName("Transfers take the buffer's remaining bytes: direct buffers and windows of larger arrays work, bytes outside stay untouched")
    void bufferWindows() throws Exception {
        init();
        long cpc = ioUnitsPerCluster();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(2).build());
        byte[] data = units(3);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
        direct.put(data).flip();
        blob.write(cpc - 1, direct);
        assertReads(data, blob, cpc - 1, "a write from a direct buffer");

        byte[] big = bytes(data.length + 3 * ioUnit());
        byte[] before = big.clone();
        ByteBuffer window = ByteBuffer.wrap(big, ioUnit() + 5, data.length);
        blob.read(cpc - 1, window);
        assertArrayEquals(data, Arrays.copyOfRange(big, ioUnit() + 5, ioUnit() + 5 + data.length), "read into a window");
        assertArrayEquals(Arrays.copyOf(before, ioUnit() + 5), Arrays.copyOf(big, ioUnit() + 5), "bytes before the window");
        assertArrayEquals(Arrays.copyOfRange(before, ioUnit() + 5 + data.length, big.length),
                Arrays.copyOfRange(big, ioUnit() + 5 + data.length, big.length), "bytes after the window");

        byte[] src = bytes(data.length + 2 * ioUnit());
        blob.write(0, ByteBuffer.wrap(src, ioUnit(), ioUnit() * 2));
        assertReads(Arrays.copyOfRange(src, ioUnit(), 3 * ioUnit()), blob, 0, "a write from a window");

        ByteBuffer directRead = ByteBuffer.allocateDirect(data.length);
        blob.read(cpc - 1, directRead);
        byte[] back = new byte[data.length];
        directRead.clear().get(back);
        assertArrayEquals(data, back, "a read into a direct buffer");
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_rw_verify
    @Test
    @DisplayName("blob_rw_verify: 10 io_units written at io_unit 4 of a 32-cluster blob read back, also after reload")
    void rwVerify() throws Exception {
        init();
        Blob blob = createAndOpen(BlobOptions.defaults());
        blob.resize(32);
        byte[] data = units(10);
        write(blob, 4, data);
        assertReads(data, blob, 4, "10 io_units at io_unit 4");
        blob.close();
        reload();
        assertReads(data, open(blob.id()), 4, "10 io_units at io_unit 4 after reload");
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_operation_split_rw
    @Test
    @DisplayName("blob_operation_split_rw: a 5-cluster pattern written in pieces that straddle every boundary reads back whole, also after reload")
    void splitReadWrite() throws Exception {
        init();
        long cpc = ioUnitsPerCluster();
        long n = 5 * cpc;
        int u = ioUnit();
        byte[] pattern = new byte[Math.toIntExact(n * u)];
        Arrays.fill(pattern, (byte) 0xFF);
        ByteBuffer p = ByteBuffer.wrap(pattern).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < n; i++) {
            p.putLong(Math.toIntExact(i * u), i + 1 + random().nextInt(1 << 16) * (1L << 32));
        }
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(5).build());
        assertEquals(5, blob.numClusters());
        assertZeroes(blob, 0, n, "a new thick blob on a fresh device");

        blob.write(0, ByteBuffer.wrap(pattern, 0, pattern.length - u));
        blob.write(n - 1, ByteBuffer.wrap(pattern, 0, u));
        byte[] expected = pattern.clone();
        System.arraycopy(pattern, 0, expected, pattern.length - u, u);
        assertReads(expected, blob, 0, "all but the last io_unit, then the last one");

        blob.write(1, ByteBuffer.wrap(pattern, 0, pattern.length - u));
        blob.write(0, ByteBuffer.wrap(pattern, 0, u));
        System.arraycopy(pattern, 0, expected, u, pattern.length - u);
        System.arraycopy(pattern, 0, expected, 0, u);
        assertReads(expected, blob, 0, "all but the first io_unit shifted by one, then the first one");

        write(blob, 0, pattern);
        assertReads(pattern, blob, 0, "the whole 5-cluster pattern in one write");
        for (long c = 1; c < 5; c++) {
            long at = c * cpc - 3;
            assertArrayEquals(Arrays.copyOfRange(pattern, Math.toIntExact(at * u), Math.toIntExact((at + 6) * u)), read(blob, at, 6),
                    "6 io_units around boundary " + c);
        }
        blob.close();
        reload();
        assertReads(pattern, open(blob.id()), 0, "the whole pattern after reload");
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_io_unit (test_io_write, test_io_read, test_io_zeroes), 64 io_units per cluster
    @Test
    @DisplayName("blob_io_unit: SPDK's F0F0/AAAA io_unit patterns across pages and clusters, on thick and thin blobs, then write zeroes")
    void ioUnitPatterns() throws Exception {
        final long sz = 64;
        init(BlobstoreOptions.defaults().withClusterSize(sz * suite().blockSize()).withBstype("TESTTYPE"));
        assertEquals(suite().blockSize(), ioUnit());
        assertEquals(sz, ioUnitsPerCluster());
        for (boolean thin : new boolean[] {false, true}) {
            String kind = thin ? "thin" : "thick";
            Blob blob = createAndOpen(BlobOptions.builder().numClusters(32).thinProvision(thin).build());
            byte[] model = new byte[Math.toIntExact(2 * sz * ioUnit())];
            long[][] writes = {{0xFF, 0, 1}, {0xFF, 2, 1}, {0xFF, 4, 4}, {0xFF, 8, 4}, {0xAA, 4, 8}, {0xFF, sz - 4, 8}, {0xFF, sz + 12, 2}};
            for (long[] w : writes) {
                byte[] payload = new byte[Math.toIntExact(w[2] * ioUnit())];
                Arrays.fill(payload, (byte) w[0]);
                write(blob, w[1], payload);
                System.arraycopy(payload, 0, model, Math.toIntExact(w[1] * ioUnit()), payload.length);
                assertArrayEquals(model, read(blob, 0, 2 * sz), kind + ": both clusters after writing " + w[2] + " x " + Long.toHexString(w[0]) + " at " + w[1]);
                if (thin) {
                    assertEquals(w[1] + w[2] > sz ? 2 : 1, blob.numAllocatedClusters(), kind + ": allocated clusters");
                }
            }
            long[][] reads = {{0, 1}, {2, 4}, {4, 8}, {sz - 4, 8}, {sz + 10, 4}, {sz, sz}, {0, 2 * sz}};
            for (long[] r : reads) {
                assertArrayEquals(Arrays.copyOfRange(model, Math.toIntExact(r[0] * ioUnit()), Math.toIntExact((r[0] + r[1]) * ioUnit())),
                        read(blob, r[0], r[1]), kind + ": read of " + r[1] + " io_units at " + r[0]);
            }
            blob.writeZeroes(0, 2 * sz);
            assertZeroes(blob, 0, 2 * sz, kind + ": after write zeroes over two clusters");
            blob.close();
        }
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_thin_prov_unmap_cluster (without the snapshot and concurrency parts)
    @Test
    @DisplayName("blob_thin_prov_unmap_cluster: unmapping a whole allocated cluster of a thin blob frees it and it reads as zeroes")
    void unmapThinCluster() throws Exception {
        unmapThinCluster(true);
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_thin_prov_unmap_cluster, in the run-length configuration
    @Test
    @DisplayName("blob_thin_prov_unmap_cluster: the same without an extent table")
    void unmapThinClusterWithoutExtentTable() throws Exception {
        unmapThinCluster(false);
    }

    private void unmapThinCluster(boolean extentTable) throws Exception {
        init(BlobstoreOptions.defaults().withClusterSize(suite().deviceBytes() / 4));
        long free = bs().freeClusters();
        assertEquals(3, free, "a device of 4 clusters keeps 1 for metadata");
        long cpc = ioUnitsPerCluster();
        Blob blob = createAndOpen(BlobOptions.builder().thinProvision(true).useExtentTable(extentTable).build());
        blob.resize(3);
        blob.syncMetadata();
        assertEquals(3, bs().freeClusters());
        assertEquals(3, blob.numClusters());

        write(blob, 0, units(1));
        assertEquals(2, bs().freeClusters());
        blob.unmap(0, cpc);
        assertEquals(3, bs().freeClusters(), "a whole-cluster unmap frees the cluster");
        assertEquals(0, blob.numAllocatedClusters());

        byte[][] fill = new byte[3][];
        for (int i = 0; i < 3; i++) {
            fill[i] = new byte[ioUnit()];
            Arrays.fill(fill[i], (byte) (i + 1));
            write(blob, cpc * i, fill[i]);
            assertEquals(free - (i + 1), bs().freeClusters());
        }
        assertEquals(0, bs().freeClusters());

        blob.unmap(cpc, cpc);
        assertEquals(1, bs().freeClusters());
        assertEquals(2, blob.numAllocatedClusters());
        assertZeroes(blob, cpc, 1, "the unmapped cluster");
        byte[] threes = new byte[ioUnit()];
        Arrays.fill(threes, (byte) 3);
        write(blob, cpc, threes);
        assertEquals(0, bs().freeClusters(), "writing the unmapped cluster allocates again");
        assertReads(threes, blob, cpc, "the reallocated cluster");

        blob.unmap(cpc - 1, cpc + 2);
        assertEquals(1, bs().freeClusters(), "an unaligned unmap frees the whole cluster it covers");
        assertZeroes(blob, cpc, cpc, "the cluster freed by the unaligned unmap");
        assertReads(fill[0], blob, 0, "cluster 0, outside the unmap");
        blob.close();

        reload();
        Blob loaded = open(blob.id());
        assertEquals(2, loaded.numAllocatedClusters(), "the released cluster stays released after reload");
        assertEquals(1, bs().freeClusters());
        assertZeroes(loaded, cpc, cpc, "the released cluster after reload");
        assertReads(fill[0], loaded, 0, "cluster 0 after reload");
        loaded.resize(1);
        loaded.syncMetadata();
        assertEquals(2, bs().freeClusters());
        closeAndDelete(loaded);
        assertEquals(free, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_unmap (unmap of a thick blob frees nothing; resizing to 0 frees its clusters)
    @Test
    @DisplayName("blob_unmap: unmap of a thick blob frees nothing; resizing it to 0 and syncing frees every cluster")
    void unmapThick() throws Exception {
        init();
        long free = bs().freeClusters();
        long cpc = ioUnitsPerCluster();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(10).build());
        blob.resize(10);
        assertEquals(10, blob.numAllocatedClusters());
        write(blob, 0, units(10 * cpc));
        blob.unmap(0, 10 * cpc);
        blob.unmap(cpc + 3, 2 * cpc);
        assertEquals(10, blob.numAllocatedClusters(), "a thick blob keeps its clusters through unmap");
        assertEquals(free - 10, bs().freeClusters());
        byte[] data = units(cpc);
        write(blob, 9 * cpc, data);
        assertReads(data, blob, 9 * cpc, "a write after unmap");
        blob.resize(0);
        blob.syncMetadata();
        assertEquals(0, blob.numAllocatedClusters());
        assertEquals(free, bs().freeClusters());
        closeAndDelete(blob);
        assertEquals(free, bs().freeClusters());
    }
}
