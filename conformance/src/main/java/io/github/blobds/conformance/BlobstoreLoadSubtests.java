package io.github.blobds.conformance;

import static io.github.blobds.blobstore.BlobstoreException.EBUSY;
import static io.github.blobds.blobstore.BlobstoreException.EINVAL;
import static io.github.blobds.blobstore.BlobstoreException.ENOENT;
import static io.github.blobds.blobstore.BlobstoreException.ENOMEM;
import static io.github.blobds.blobstore.BlobstoreException.ENOSPC;
import static io.github.blobds.blobstore.BlobstoreException.ENXIO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.blobstore.BlobstoreOptions.BsClearMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's blobstore-level tests: init options, sizes, load, bstype, unload, the super blob and metadata-page exhaustion. */
abstract class BlobstoreLoadSubtests extends BlobstoreSubtests {

    static final BlobstoreOptions DEFAULTS = BlobstoreOptions.defaults();
    static final BlobstoreOptions TESTTYPE = DEFAULTS.withBstype("TESTTYPE");

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_init (blocklen 500 cannot be expressed: a cluster size stands in)
    @Test
    @DisplayName("blob_init: defaults init and close; a cluster size off the 4 KiB grid or no metadata pages give EINVAL, a cluster larger than the device ENOSPC")
    void blobInit() throws Exception {
        init();
        bs().close();
        assertErrno(EINVAL, () -> suite().tryInit(DEFAULTS.withClusterSize(MIB + 512)), "init with 1 MiB + 512-byte clusters");
        assertErrno(EINVAL, () -> suite().tryInit(DEFAULTS.withNumMdPages(0)), "init with 0 metadata pages");
        long huge = 2 * suite().deviceBytes();
        if (huge <= 0xFFFF_F000L) {
            assertErrno(ENOSPC, () -> suite().tryInit(DEFAULTS.withClusterSize(huge)), "init with clusters twice the device size");
        }
        init();
        assertEquals(List.of(), bs().blobIds());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_cluster_sz
    @Test
    @DisplayName("bs_cluster_sz: 0 and 4095-byte clusters give EINVAL, 4096-byte clusters ENOMEM (the metadata does not fit), 2 MiB works and reloads")
    void clusterSizes() throws Exception {
        assertErrno(EINVAL, () -> suite().tryInit(DEFAULTS.withClusterSize(0)), "init with 0-byte clusters");
        assertErrno(ENOMEM, () -> suite().tryInit(DEFAULTS.withClusterSize(PAGE)), "init with 4096-byte clusters");
        assertErrno(EINVAL, () -> suite().tryInit(DEFAULTS.withClusterSize(PAGE - 1)), "init with 4095-byte clusters");
        init(DEFAULTS.withClusterSize(2 * MIB));
        assertEquals(2 * MIB, bs().clusterSize());
        long data = bs().totalDataClusters();
        assertEquals(expectedDataClusters(2 * MIB, -1), data);
        reload();
        assertEquals(2 * MIB, bs().clusterSize(), "the cluster size comes from the super block, not the load options");
        assertEquals(data, bs().totalDataClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_load_custom_cluster_size
    @Test
    @DisplayName("bs_load_custom_cluster_size: 4 MiB clusters and the cluster count survive a reload with default options")
    void customClusterSize() throws Exception {
        init(TESTTYPE.withClusterSize(4 * MIB));
        long data = bs().totalDataClusters();
        reload(TESTTYPE);
        assertEquals(4 * MIB, bs().clusterSize());
        assertEquals(data, bs().totalDataClusters());
        assertEquals(data, bs().freeClusters());
    }

    @Test
    @DisplayName("Sizes: io_unit = block size, page = 4096, the configured cluster, data clusters and metadata pages per the sizing formulas")
    void sizes() throws Exception {
        init();
        assertEquals(suite().blockSize(), bs().ioUnitSize());
        assertEquals(PAGE, bs().pageSize());
        assertEquals(MIB, bs().clusterSize());
        if (suite().deviceBytes() == 64L << 20) {
            assertEquals(63, bs().totalDataClusters(), "64 MiB with 1 MiB clusters: 64 clusters, one of them metadata");
        }
        assertEquals(bs().totalDataClusters(), bs().freeClusters(), "a new blobstore has every data cluster free");
        assertEquals("", bs().bstype());
        assertEquals(List.of(), bs().blobIds());
        assertEquals(Optional.empty(), bs().superBlob());
        long[][] cases = {{MIB, -1}, {2 * MIB, -1}, {4 * MIB, -1}, {32 << 10, -1}, {32 << 10, 16}, {MIB, 8}, {16 << 10, -1}, {8 << 10, -1}};
        for (long[] c : cases) {
            init(DEFAULTS.withClusterSize(c[0]).withNumMdPages(c[1]));
            String what = "cluster " + c[0] + ", metadata pages " + c[1];
            assertEquals(c[0], bs().clusterSize(), what);
            assertEquals(expectedDataClusters(c[0], c[1]), bs().totalDataClusters(), what);
            assertEquals(bs().totalDataClusters(), bs().freeClusters(), what);
            assertEquals(suite().blockSize(), bs().ioUnitSize(), what);
        }
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_load
    @Test
    @DisplayName("bs_load: a missing id and an id without the high bit give ENOENT; xattrs and size survive unload and load")
    void bsLoad() throws Exception {
        init(TESTTYPE);
        assertErrno(ENOENT, () -> bs().open(new BlobId(0)), "open of id 0 in an empty blobstore");
        Blob blob = createAndOpen(BlobOptions.defaults());
        BlobId id = blob.id();
        assertErrno(ENOENT, () -> bs().open(new BlobId(id.value() & 0xFFFF_FFFFL)), "open of " + id + " without its high bit");
        blob.setXattr("name", cString("log.txt"));
        blob.setXattr("length", u64(2345));
        blob.resize(10);
        blob.close();
        reload(TESTTYPE);

        Blob loaded = open(id);
        loaded.syncMetadata();
        assertArrayEquals(u64(2345), loaded.getXattr("length"));
        assertArrayEquals(cString("log.txt"), loaded.getXattr("name"));
        assertErrno(ENOENT, () -> loaded.getXattr("foobar"), "get of a missing xattr after load");
        assertEquals(10, loaded.numClusters());
        assertEquals(10, loaded.numAllocatedClusters());
        assertEquals(bs().totalDataClusters() - 10, bs().freeClusters());
        loaded.close();

        BlobId second = create(2);
        reload(TESTTYPE);
        assertEquals(List.of(id, second), bs().blobIds());
        assertEquals(bs().totalDataClusters() - 12, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_type
    @Test
    @DisplayName("bs_type: a load with another bstype gives ENXIO; the empty bstype loads any blobstore and reports the stored type")
    void bsType() throws Exception {
        init(TESTTYPE);
        assertEquals("TESTTYPE", bs().bstype());
        bs().close();
        assertErrno(ENXIO, () -> suite().tryLoad(DEFAULTS.withBstype("NONEXISTING")), "load of a TESTTYPE blobstore as NONEXISTING");
        suite().loadStore(DEFAULTS);
        assertEquals("TESTTYPE", bs().bstype(), "a wildcard load keeps the stored type");
        reload(TESTTYPE);
        assertEquals("TESTTYPE", bs().bstype());

        init(DEFAULTS);
        assertEquals("", bs().bstype());
        bs().close();
        assertErrno(ENXIO, () -> suite().tryLoad(DEFAULTS.withBstype("NONEXISTING")), "load of an untyped blobstore as NONEXISTING");
        suite().loadStore(DEFAULTS);
        assertEquals("", bs().bstype());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_unload
    @Test
    @DisplayName("bs_unload: close with an open blob gives EBUSY and leaves the blobstore working; close is idempotent")
    void bsUnload() throws Exception {
        init();
        Blob blob = createAndOpen(BlobOptions.defaults());
        assertErrno(EBUSY, () -> bs().close(), "close with blob " + blob.id() + " open");
        blob.resize(1);
        byte[] data = units(2);
        write(blob, 0, data);
        assertReads(data, blob, 0, "the open blob after the refused close");
        BlobId other = create(1);
        assertEquals(List.of(blob.id(), other), bs().blobIds());
        blob.close();
        bs().close();
        bs().close();
        suite().loadStore(DEFAULTS);
        assertEquals(List.of(blob.id(), other), bs().blobIds());
        Blob again = open(blob.id());
        assertReads(data, again, 0, "data written between the refused and the real close");
        again.close();
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_usable_clusters
    @Test
    @DisplayName("bs_usable_clusters: the data cluster count stays the same across reloads and while blobs take clusters")
    void usableClusters() throws Exception {
        init();
        long clusters = bs().totalDataClusters();
        assertEquals(expectedDataClusters(MIB, -1), clusters);
        reload();
        assertEquals(clusters, bs().totalDataClusters());
        for (int i = 0; i < 4; i++) {
            Blob blob = createAndOpen(BlobOptions.defaults());
            blob.resize(10);
            blob.close();
            assertEquals(clusters, bs().totalDataClusters());
            assertEquals(clusters - 10L * (i + 1), bs().freeClusters());
        }
        reload();
        assertEquals(clusters, bs().totalDataClusters());
        assertEquals(clusters - 40, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_resize_md
    @Test
    @DisplayName("bs_resize_md: with 16 KiB clusters, 16 blobs whose metadata spans several clusters all open after a reload")
    void metadataAcrossClusters() throws Exception {
        init(DEFAULTS.withClusterSize(4 * PAGE));
        assertEquals(4 * PAGE, bs().clusterSize());
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ids.add(bs().create(BlobOptions.defaults()));
        }
        reload();
        assertEquals(4 * PAGE, bs().clusterSize());
        assertEquals(ids, bs().blobIds());
        for (BlobId id : ids) {
            open(id).close();
        }
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_super
    @Test
    @DisplayName("blob_super: no super blob at first; set then get; a later set replaces it; it survives reload")
    void superBlob() throws Exception {
        init();
        assertEquals(Optional.empty(), bs().superBlob());
        BlobId id = bs().create(BlobOptions.defaults());
        bs().setSuperBlob(id);
        assertEquals(Optional.of(id), bs().superBlob());
        reload();
        assertEquals(Optional.of(id), bs().superBlob());
        BlobId other = bs().create(BlobOptions.defaults());
        bs().setSuperBlob(other);
        assertEquals(Optional.of(other), bs().superBlob());
        reload();
        assertEquals(Optional.of(other), bs().superBlob());
    }

    @Test
    @DisplayName("flush: callable at any time, with open and dirty blobs too, and changes nothing")
    void flush() throws Exception {
        init();
        bs().flush();
        Blob blob = createAndOpen(BlobOptions.builder().numClusters(1).build());
        bs().flush();
        byte[] data = units(3);
        write(blob, 1, data);
        blob.setXattr("k", new byte[] {7});
        blob.resize(2);
        bs().flush();
        bs().flush();
        assertEquals(2, blob.numClusters());
        assertReads(data, blob, 1, "data after flush");
        blob.close();
        bs().flush();
        reload();
        Blob loaded = open(blob.id());
        assertEquals(2, loaded.numClusters());
        assertArrayEquals(new byte[] {7}, loaded.getXattr("k"));
        assertReads(data, loaded, 1, "data after flush and reload");
    }

    // SPDK bs_create_blob (ENOMEM without a free metadata page) and blob_resize (ENOSPC without one for an extent page)
    @Test
    @DisplayName("With 8 metadata pages: a thick blob needing an extent page gives ENOSPC, a ninth root page ENOMEM, and delete frees the page")
    void metadataPagesRunOut() throws Exception {
        init(DEFAULTS.withNumMdPages(8));
        assertEquals(expectedDataClusters(MIB, 8), bs().totalDataClusters());
        long free = bs().freeClusters();
        for (int i = 0; i < 7; i++) {
            assertEquals(BlobId.ofPage(i), bs().create(BlobOptions.defaults()), "blob " + i + " takes the lowest free page");
        }
        assertErrno(ENOSPC, () -> create(1), "a thick 1-cluster blob whose root takes the last page, leaving none for its extent page");
        assertEquals(free, bs().freeClusters(), "the failed create claimed no cluster");
        assertEquals(7, bs().blobIds().size());
        BlobId rle = bs().create(BlobOptions.builder().numClusters(1).useExtentTable(false).build());
        assertEquals(BlobId.ofPage(7), rle, "without an extent table the root page is enough");
        assertEquals(free - 1, bs().freeClusters());
        assertErrno(ENOMEM, () -> bs().create(BlobOptions.defaults()), "a ninth blob with 8 metadata pages");
        bs().delete(BlobId.ofPage(3));
        assertEquals(BlobId.ofPage(3), bs().create(BlobOptions.defaults()), "delete returned the page");
        reload(DEFAULTS);
        assertEquals(8, bs().blobIds().size());
        assertErrno(ENOMEM, () -> bs().create(BlobOptions.defaults()), "a ninth blob after reload");
    }

    // SPDK lib/blob/blobstore.c bs_recover (force_recover rebuilds the masks from the metadata pages, reference §3.9)
    @Test
    @DisplayName("force_recover: rebuilding the allocation masks from metadata gives the same blobs, free clusters and data")
    void forceRecover() throws Exception {
        init();
        Blob thick = createAndOpen(BlobOptions.builder().numClusters(3).build());
        thick.setXattr("name", cString("file1"));
        byte[] a = units(ioUnitsPerCluster() * 3);
        write(thick, 0, a);
        BlobId hole = create(2);
        Blob thin = createAndOpen(BlobOptions.builder().numClusters(4).thinProvision(true).build());
        byte[] b = units(1);
        write(thin, ioUnitsPerCluster(), b);
        Blob rle = createAndOpen(BlobOptions.builder().numClusters(2).useExtentTable(false).build());
        byte[] c = units(ioUnitsPerCluster() * 2);
        write(rle, 0, c);
        bs().delete(hole);
        thick.close();
        thin.close();
        rle.close();
        long free = bs().freeClusters();
        List<BlobId> ids = bs().blobIds();

        reload(DEFAULTS.withForceRecover(true));
        assertEquals(free, bs().freeClusters());
        assertEquals(ids, bs().blobIds());
        BlobId filler = create(2);
        assertEquals(hole, filler, "the deleted blob's page is free again");
        Blob fill = open(filler);
        write(fill, 0, units(ioUnitsPerCluster() * 2));
        fill.close();
        Blob thick2 = open(thick.id());
        assertArrayEquals(cString("file1"), thick2.getXattr("name"));
        assertReads(a, thick2, 0, "thick blob after recovery and a new blob's writes");
        Blob thin2 = open(thin.id());
        assertEquals(1, thin2.numAllocatedClusters());
        assertReads(b, thin2, ioUnitsPerCluster(), "thin blob after recovery");
        assertZeroes(thin2, 0, ioUnitsPerCluster(), "the unallocated cluster of the thin blob");
        assertReads(c, open(rle.id()), 0, "run-length blob after recovery");
    }

    @Test
    @DisplayName("Every init clear method (unmap, write zeroes, none) gives a working blobstore")
    void bsClearMethods() throws Exception {
        for (BsClearMethod m : BsClearMethod.values()) {
            init(DEFAULTS.withClearMethod(m));
            assertEquals(bs().totalDataClusters(), bs().freeClusters(), m.toString());
            Blob blob = createAndOpen(BlobOptions.builder().numClusters(2).build());
            byte[] data = units(ioUnitsPerCluster() + 1);
            write(blob, ioUnitsPerCluster() - 1, data);
            blob.close();
            reload();
            Blob loaded = open(blob.id());
            assertReads(data, loaded, ioUnitsPerCluster() - 1, m + ": data across the cluster boundary");
            loaded.close();
            assertEquals(bs().totalDataClusters() - 2, bs().freeClusters(), m.toString());
        }
    }
}
