package io.github.blobds.conformance;

import static io.github.blobds.blobstore.BlobstoreException.ENOSPC;
import static io.github.blobds.blobstore.BlobstoreException.EPERM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's resize, thin-provisioning and read-only tests. */
abstract class BlobstoreResizeSubtests extends BlobstoreSubtests {

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_resize_test
    @Test
    @DisplayName("blob_resize_test: growing claims clusters at once, shrinking frees them only at sync, too big gives ENOSPC")
    void resize() throws Exception {
        init();
        long free = bs().freeClusters();
        Blob blob = createAndOpen(BlobOptions.defaults());
        assertEquals(free, bs().freeClusters());
        assertEquals(0, blob.numAllocatedClusters());

        blob.resize(5);
        assertEquals(free - 5, bs().freeClusters(), "growth claims clusters at once");
        assertEquals(5, blob.numClusters());
        assertEquals(5, blob.numAllocatedClusters());
        blob.resize(5);
        assertEquals(free - 5, bs().freeClusters(), "resizing to the same size does nothing");

        blob.resize(3);
        assertEquals(3, blob.numClusters());
        assertEquals(3, blob.numAllocatedClusters());
        assertEquals(free - 5, bs().freeClusters(), "a shrink frees nothing before the sync");
        blob.syncMetadata();
        assertEquals(free - 3, bs().freeClusters(), "the sync frees the shrunk clusters");

        blob.resize(10);
        assertEquals(free - 10, bs().freeClusters());
        assertEquals(10, blob.numAllocatedClusters());
        long left = bs().freeClusters();
        assertErrno(ENOSPC, () -> blob.resize(10 + left + 1), "growing by " + (left + 1) + " clusters with " + left + " free");
        assertEquals(10, blob.numClusters(), "the refused resize kept the size");
        assertEquals(left, bs().freeClusters());
        blob.resize(10 + left);
        assertEquals(0, bs().freeClusters(), "growing by exactly the free clusters fits");
        blob.resize(10);
        blob.syncMetadata();
        assertEquals(left, bs().freeClusters());

        closeAndDelete(blob);
        assertEquals(free, bs().freeClusters());
    }

    // SPDK lib/blob/blobstore.c blob_resize ("resized to be larger, then smaller, then larger without syncing": spare clusters are reused)
    @Test
    @DisplayName("blob_resize: growing back before the sync that would free shrunk clusters reuses them; the sizes persist at close")
    void regrowBeforeSync() throws Exception {
        init();
        long free = bs().freeClusters();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(10).build());
        byte[] data = units(ioUnitsPerCluster() * 10);
        write(blob, 0, data);
        blob.resize(4);
        blob.resize(10);
        assertEquals(10, blob.numClusters());
        assertEquals(free - 10, bs().freeClusters(), "the spare clusters are reused, none claimed");
        blob.syncMetadata();
        assertEquals(free - 10, bs().freeClusters());
        assertReads(data, blob, 0, "the reused clusters keep their data");
        blob.resize(2);
        blob.close();
        assertEquals(free - 2, bs().freeClusters(), "close persists the shrink and frees the clusters");
        reload();
        Blob loaded = open(blob.id());
        assertEquals(2, loaded.numClusters());
        assertEquals(2, loaded.numAllocatedClusters());
        assertEquals(free - 2, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_resize_thin_test
    @Test
    @DisplayName("blob_resize_thin_test: a thin resize allocates nothing; a shrink frees only the allocated clusters, at sync")
    void resizeThin() throws Exception {
        init();
        long free = bs().freeClusters();
        long cpc = ioUnitsPerCluster();
        Blob blob = createAndOpen(BlobOptions.builder().thinProvision(true).build());
        assertEquals(free, bs().freeClusters());
        blob.resize(6);
        assertEquals(free, bs().freeClusters());
        assertEquals(0, blob.numAllocatedClusters());
        for (long c : new long[] {0, 2, 4, 5}) {
            write(blob, c * cpc, units(1));
            write(blob, c * cpc + cpc - 1, units(1));
        }
        assertEquals(free - 4, bs().freeClusters());
        assertEquals(4, blob.numAllocatedClusters());
        blob.resize(2);
        assertEquals(2, blob.numClusters());
        assertEquals(1, blob.numAllocatedClusters());
        assertEquals(free - 4, bs().freeClusters(), "nothing is freed before the sync");
        blob.syncMetadata();
        assertEquals(free - 1, bs().freeClusters(), "four clusters cut, three of them allocated");
        assertEquals(2, blob.numClusters());
        assertEquals(1, blob.numAllocatedClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_thin_provision, blob_thin_prov_rw
    @Test
    @DisplayName("blob_thin_provision: a thin create allocates nothing, each first write one cluster; unallocated reads are zeroes; all survives reload")
    void thinProvision() throws Exception {
        init(BlobstoreOptions.defaults().withBstype("TESTTYPE"));
        long free = bs().freeClusters();
        long cpc = ioUnitsPerCluster();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(10).thinProvision(true).build());
        assertTrue(blob.isThinProvisioned());
        assertEquals(10, blob.numClusters());
        assertEquals(10 * cpc, blob.numIoUnits());
        assertEquals(0, blob.numAllocatedClusters());
        assertEquals(free, bs().freeClusters());
        assertZeroes(blob, 4, 10, "an unallocated thin blob");

        byte[] a = units(10);
        write(blob, 4, a);
        assertEquals(free - 1, bs().freeClusters(), "the first write allocates exactly one cluster");
        assertEquals(1, blob.numAllocatedClusters());
        assertReads(a, blob, 4, "the first write");
        byte[] b = units(2);
        write(blob, cpc - 2, b);
        assertEquals(free - 1, bs().freeClusters(), "a second write to the same cluster allocates nothing");
        byte[] c = units(4);
        write(blob, 3 * cpc - 2, c);
        assertEquals(free - 3, bs().freeClusters(), "a write across a boundary allocates both clusters");
        assertEquals(3, blob.numAllocatedClusters());
        assertZeroes(blob, 5 * cpc, cpc, "an unallocated cluster between allocated ones");
        blob.close();

        reload(BlobstoreOptions.defaults().withBstype("TESTTYPE"));
        Blob loaded = open(blob.id());
        assertTrue(loaded.isThinProvisioned());
        assertEquals(10, loaded.numClusters());
        assertEquals(3, loaded.numAllocatedClusters());
        assertEquals(free - 3, bs().freeClusters());
        assertReads(a, loaded, 4, "first write after reload");
        assertReads(b, loaded, cpc - 2, "second write after reload");
        assertReads(c, loaded, 3 * cpc - 2, "boundary write after reload");
        assertZeroes(loaded, 9 * cpc, cpc, "the last, unallocated cluster after reload");
        closeAndDelete(loaded);
        assertEquals(free, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_thin_prov_alloc
    @Test
    @DisplayName("blob_thin_prov_alloc: a thin blob grows to 262144 clusters, syncs and shrinks without allocating; its size reloads")
    void thinAlloc() throws Exception {
        init();
        long free = bs().freeClusters();
        Blob blob = createAndOpen(BlobOptions.builder().thinProvision(true).build());
        assertEquals(0, blob.numClusters());
        blob.resize(5);
        assertEquals(5, blob.numClusters());
        assertEquals(0, blob.numAllocatedClusters());
        blob.resize(262144);
        assertEquals(262144, blob.numClusters());
        assertEquals(262144 * ioUnitsPerCluster(), blob.numIoUnits());
        blob.syncMetadata();
        assertEquals(free, bs().freeClusters(), "a sync of a huge thin blob allocates nothing");
        assertEquals(0, blob.numAllocatedClusters());
        assertZeroes(blob, 262143 * ioUnitsPerCluster(), 1, "the last io_unit of the huge thin blob");
        blob.resize(3);
        blob.syncMetadata();
        assertEquals(3, blob.numClusters());
        assertEquals(free, bs().freeClusters());
        blob.close();
        reload();
        Blob loaded = open(blob.id());
        assertEquals(3, loaded.numClusters());
        assertEquals(0, loaded.numAllocatedClusters());
        assertEquals(free, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_read_only, and the md_ro/data_ro cases of blob_resize_test, blob_write, blob_read, blob_xattr
    @Test
    @DisplayName("blob_read_only: read-only takes effect at sync and persists; then writes, resize and xattr changes give EPERM, reads work")
    void readOnly() throws Exception {
        BlobstoreOptions testtype = BlobstoreOptions.defaults().withBstype("TESTTYPE");
        init(testtype);
        long free = bs().freeClusters();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(2).xattr("name", cString("ro")).build());
        byte[] data = units(ioUnitsPerCluster() + 2);
        write(blob, 0, data);
        blob.setReadOnly();
        assertFalse(blob.isReadOnly(), "read-only takes effect at the next sync");
        byte[] more = units(1);
        write(blob, 2 * ioUnitsPerCluster() - 1, more);
        blob.syncMetadata();
        assertTrue(blob.isReadOnly());
        assertReadOnly(blob, data, more);
        blob.close();

        Blob reopened = open(blob.id());
        assertTrue(reopened.isReadOnly());
        assertReadOnly(reopened, data, more);
        reopened.close();

        reload(testtype);
        Blob loaded = open(blob.id());
        assertTrue(loaded.isReadOnly());
        assertReadOnly(loaded, data, more);
        assertEquals(List.of(blob.id()), bs().blobIds());
        closeAndDelete(loaded);
        assertEquals(free, bs().freeClusters(), "a read-only blob can be deleted");
    }

    private void assertReadOnly(Blob blob, byte[] data, byte[] more) {
        BlobId id = blob.id();
        long cpc = ioUnitsPerCluster();
        assertErrno(EPERM, () -> write(blob, 0, units(1)), "write to read-only " + id);
        assertErrno(EPERM, () -> blob.writeZeroes(0, 1), "write zeroes to read-only " + id);
        assertErrno(EPERM, () -> blob.unmap(0, cpc), "unmap of read-only " + id);
        assertErrno(EPERM, () -> blob.resize(5), "resize of read-only " + id);
        assertErrno(EPERM, () -> blob.resize(0), "shrink of read-only " + id);
        assertErrno(EPERM, () -> blob.setXattr("name", cString("rw")), "set xattr on read-only " + id);
        assertErrno(EPERM, () -> blob.setXattr("new", new byte[] {1}), "new xattr on read-only " + id);
        assertErrno(EPERM, () -> blob.removeXattr("name"), "remove xattr of read-only " + id);
        blob.syncMetadata();
        assertEquals(2, blob.numClusters());
        assertEquals(List.of("name"), blob.xattrNames());
        assertArrayEquals(cString("ro"), blob.getXattr("name"));
        assertReads(data, blob, 0, "read of read-only " + id);
        assertReads(more, blob, 2 * cpc - 1, "the write made before the sync that set read-only");
    }

    @Test
    @DisplayName("Blobs without an extent table (use_extent_table = false) size, allocate, store xattrs and reload like the others")
    void withoutExtentTable() throws Exception {
        init();
        long free = bs().freeClusters();
        long cpc = ioUnitsPerCluster();
        Blob thick = createAndOpen(BlobOptions.builder().numClusters(3).useExtentTable(false).build());
        Blob thin = createAndOpen(BlobOptions.builder().numClusters(6).thinProvision(true).useExtentTable(false).build());
        assertEquals(free - 3, bs().freeClusters());
        byte[] a = units(cpc + 2);
        write(thick, cpc - 1, a);
        byte[] b = units(2);
        write(thin, 4 * cpc - 1, b);
        write(thin, 0, b);
        assertEquals(3, thin.numAllocatedClusters());
        assertEquals(free - 6, bs().freeClusters());
        thick.resize(5);
        thick.setXattr("k", u64(42));
        thin.resize(4);
        thin.syncMetadata();
        assertEquals(2, thin.numAllocatedClusters(), "cluster 4 was cut");
        assertEquals(free - 7, bs().freeClusters());
        thick.close();
        thin.close();
        reload();
        Blob thick2 = open(thick.id());
        Blob thin2 = open(thin.id());
        assertEquals(5, thick2.numClusters());
        assertEquals(5, thick2.numAllocatedClusters());
        assertArrayEquals(u64(42), thick2.getXattr("k"));
        assertReads(a, thick2, cpc - 1, "thick RLE blob after reload");
        assertEquals(4, thin2.numClusters());
        assertEquals(2, thin2.numAllocatedClusters());
        assertArrayEquals(Arrays.copyOf(b, ioUnit()), read(thin2, 4 * cpc - 1, 1), "thin RLE blob after reload");
        assertReads(b, thin2, 0, "thin RLE blob after reload");
        assertEquals(free - 7, bs().freeClusters());
        closeAndDelete(thick2);
        closeAndDelete(thin2);
        assertEquals(free, bs().freeClusters());
    }
}
