package io.github.blobds.conformance;

import static io.github.blobds.blobstore.BlobstoreException.EBADF;
import static io.github.blobds.blobstore.BlobstoreException.EBUSY;
import static io.github.blobds.blobstore.BlobstoreException.EINVAL;
import static io.github.blobds.blobstore.BlobstoreException.ENOENT;
import static io.github.blobds.blobstore.BlobstoreException.ENOMEM;
import static io.github.blobds.blobstore.BlobstoreException.ENOSPC;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.ClearMethod;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's blob lifecycle tests: create (and its failures), open, delete, the create/delete loop and iteration. */
abstract class BlobstoreBlobSubtests extends BlobstoreSubtests {

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_create
    @Test
    @DisplayName("blob_create: 10, 0 and default clusters; ids from the lowest free page; more clusters than free gives ENOSPC")
    void blobCreate() throws Exception {
        init();
        long free = bs().freeClusters();
        BlobId ten = create(10);
        assertEquals(BlobId.ofPage(0), ten, "the first blob of a fresh blobstore is 0x100000000");
        Blob blob = open(ten);
        assertEquals(ten, blob.id());
        assertEquals(10, blob.numClusters());
        assertEquals(10, blob.numAllocatedClusters());
        assertEquals(10 * ioUnitsPerCluster(), blob.numIoUnits());
        assertFalse(blob.isThinProvisioned());
        assertFalse(blob.isReadOnly());
        assertEquals(free - 10, bs().freeClusters(), "a thick blob claims its clusters at create");
        blob.close();

        BlobId zero = create(0);
        assertEquals(BlobId.ofPage(2), zero, "md page 1 holds the first blob's extent page");
        Blob empty = open(zero);
        assertEquals(0, empty.numClusters());
        assertEquals(0, empty.numAllocatedClusters());
        assertEquals(0, empty.numIoUnits());
        empty.close();

        Blob dflt = open(bs().create(BlobOptions.defaults()));
        assertEquals(BlobId.ofPage(3), dflt.id());
        assertEquals(0, dflt.numClusters());
        dflt.close();
        assertEquals(free - 10, bs().freeClusters());

        long left = bs().freeClusters();
        assertErrno(ENOSPC, () -> create(left + 1), "a thick blob of " + (left + 1) + " clusters with " + left + " free");
        assertEquals(left, bs().freeClusters(), "the failed create claimed nothing");
        assertEquals(List.of(ten, zero, dflt.id()), bs().blobIds());
        BlobId all = create(left);
        assertEquals(BlobId.ofPage(4), all, "the failed create released its id");
        assertEquals(0, bs().freeClusters(), "a thick blob of exactly the free clusters fits");
        bs().delete(all);
        assertEquals(left, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_set_xattrs_test
    @Test
    @DisplayName("blob_set_xattrs_test: xattrs given at create are there, in order, and persist; an oversized one later gives ENOMEM")
    void createWithXattrs() throws Exception {
        init();
        BlobOptions options = BlobOptions.builder()
                .xattr("first", "one".getBytes(US_ASCII))
                .xattr("second", "two".getBytes(US_ASCII))
                .xattr("third", "three".getBytes(US_ASCII))
                .build();
        Blob blob = createAndOpen(options);
        assertEquals(List.of("first", "second", "third"), blob.xattrNames());
        assertArrayEquals("two".getBytes(US_ASCII), blob.getXattr("second"));
        assertErrno(ENOENT, () -> blob.getXattr("foobar"), "get of a missing xattr");
        int tooLong = MAX_DESC - XATTR_HEADER - "large_xattr".length() + 1;
        assertErrno(ENOMEM, () -> blob.setXattr("large_xattr", new byte[tooLong]), "a " + tooLong + "-byte value for large_xattr");
        assertEquals(List.of("first", "second", "third"), blob.xattrNames(), "the refused xattr was not added");
        blob.close();
        reload();
        Blob loaded = open(blob.id());
        assertEquals(List.of("first", "second", "third"), loaded.xattrNames());
        assertArrayEquals("three".getBytes(US_ASCII), loaded.getXattr("third"));
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_open
    @Test
    @DisplayName("blob_open: two opens give two working handles on one blob, which stays open until both close; delete while open gives EBUSY")
    void blobOpen() throws Exception {
        init();
        BlobId id = bs().create(BlobOptions.defaults());
        Blob first = open(id);
        assertEquals(id, first.id());
        Blob second = open(id);
        assertEquals(id, second.id());
        first.resize(2);
        assertEquals(2, second.numClusters(), "both handles see one blob");
        byte[] data = units(3);
        write(second, ioUnitsPerCluster() - 1, data);
        assertReads(data, first, ioUnitsPerCluster() - 1, "a write through one handle read through the other");
        second.setXattr("shared", new byte[] {1, 2});
        assertArrayEquals(new byte[] {1, 2}, first.getXattr("shared"));

        first.close();
        first.close();
        assertErrno(EBADF, () -> first.numClusters(), "a closed handle");
        assertErrno(EBADF, () -> first.read(0, ByteBuffer.allocate(ioUnit())), "read through a closed handle");
        assertReads(data, second, ioUnitsPerCluster() - 1, "the other handle after the first closed");
        assertErrno(EBUSY, () -> bs().delete(id), "delete of " + id + " while a handle is open");
        assertArrayEquals(new byte[] {1, 2}, second.getXattr("shared"), "the refused delete changed nothing");
        second.close();

        Blob third = open(id);
        assertEquals(2, third.numClusters(), "reopen after every handle closed");
        third.close();
        bs().delete(id);
        assertEquals(List.of(), bs().blobIds());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_delete
    @Test
    @DisplayName("blob_delete: delete frees the clusters; then open and a second delete give ENOENT")
    void blobDelete() throws Exception {
        init();
        long free = bs().freeClusters();
        BlobId id = create(3);
        assertEquals(free - 3, bs().freeClusters());
        bs().delete(id);
        assertEquals(free, bs().freeClusters());
        assertEquals(List.of(), bs().blobIds());
        assertErrno(ENOENT, () -> bs().open(id), "open of deleted " + id);
        assertErrno(ENOENT, () -> bs().delete(id), "second delete of " + id);
        reload();
        assertErrno(ENOENT, () -> bs().open(id), "open of deleted " + id + " after reload");
        assertEquals(free, bs().freeClusters());
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c bs_load (open of a missing id), and blob ids (reference §1.2)
    @Test
    @DisplayName("Ids that name no blob give ENOENT for open and delete: id 0, the low 32 bits alone, an extent page, beyond the metadata, SPDK_BLOBID_INVALID")
    void missingIds() throws Exception {
        init();
        assertErrno(ENOENT, () -> bs().open(new BlobId(0)), "open of id 0 in an empty blobstore");
        BlobId id = create(1);
        List<BlobId> missing = List.of(new BlobId(0), new BlobId(id.value() & 0xFFFF_FFFFL), BlobId.ofPage(1),
                new BlobId((2L << 32) | id.pageIndex()), BlobId.ofPage(Math.toIntExact(totalClusters(MIB) + 5)), new BlobId(BlobId.INVALID));
        for (BlobId m : missing) {
            assertErrno(ENOENT, () -> bs().open(m), "open of " + m + " with only " + id + " stored");
            assertErrno(ENOENT, () -> bs().delete(m), "delete of " + m + " with only " + id + " stored");
        }
        assertEquals(List.of(id), bs().blobIds());
        open(id).close();
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_create_loop
    @Test
    @DisplayName("blob_create_loop: creating and deleting a 1-cluster blob 4x the capacity reuses the id and leaks no cluster or page")
    void createLoop() throws Exception {
        init();
        long free = bs().freeClusters();
        long loops = 4 * totalClusters(MIB);
        BlobId first = create(1);
        bs().delete(first);
        for (long i = 0; i < loops; i++) {
            BlobId id = create(1);
            assertEquals(first, id, "create " + i + " reuses the lowest free page");
            bs().delete(id);
        }
        assertEquals(free, bs().freeClusters());
        assertEquals(List.of(), bs().blobIds());
        reload();
        assertEquals(free, bs().freeClusters());
        assertEquals(first, create(1));
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_create_fail (an empty value stands in for SPDK's NULL callback)
    @Test
    @DisplayName("blob_create_fail: an empty xattr value gives EINVAL, an oversized one ENOMEM; no id, page or cluster leaks, also after reload")
    void createFail() throws Exception {
        init();
        long free = bs().freeClusters();
        assertErrno(EINVAL, () -> bs().create(BlobOptions.builder().numClusters(2).xattr("first", new byte[0]).build()),
                "create with an empty xattr value");
        assertErrno(ENOMEM, () -> bs().create(BlobOptions.builder().numClusters(2).xattr("big", new byte[MAX_DESC - XATTR_HEADER - 3 + 1]).build()),
                "create with a 4061-byte value for a 3-character name");
        assertErrno(ENOSPC, () -> create(free + 1), "create of " + (free + 1) + " clusters with " + free + " free");
        assertEquals(free, bs().freeClusters());
        assertEquals(List.of(), bs().blobIds());
        assertErrno(ENOENT, () -> bs().open(BlobId.ofPage(0)), "open of the id the failed creates used");
        reload();
        assertEquals(free, bs().freeClusters());
        assertEquals(List.of(), bs().blobIds());
        assertErrno(ENOENT, () -> bs().open(BlobId.ofPage(0)), "open of the id the failed creates used, after reload");
        assertEquals(BlobId.ofPage(0), create(2), "the failed creates left page 0 free");
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_create_zero_extent
    @Test
    @DisplayName("blob_create_zero_extent: a 0-cluster blob opens, reloads and can grow afterwards")
    void createZeroExtent() throws Exception {
        init();
        BlobId id = bs().create(BlobOptions.defaults());
        Blob blob = open(id);
        assertEquals(0, blob.numClusters());
        blob.close();
        reload();
        Blob loaded = open(id);
        assertEquals(0, loaded.numClusters());
        assertEquals(0, loaded.numAllocatedClusters());
        assertEquals(List.of(), loaded.xattrNames());
        loaded.resize(1);
        byte[] data = units(1);
        write(loaded, ioUnitsPerCluster() - 1, data);
        loaded.close();
        reload();
        Blob grown = open(id);
        assertEquals(1, grown.numClusters());
        assertReads(data, grown, ioUnitsPerCluster() - 1, "the grown 0-cluster blob");
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_iter
    @Test
    @DisplayName("blob_iter: no ids when empty; ids ascend, include open blobs, drop deleted ones, and survive reload")
    void iterate() throws Exception {
        init();
        assertEquals(List.of(), bs().blobIds());
        BlobId only = bs().create(BlobOptions.defaults());
        assertEquals(List.of(only), bs().blobIds());
        List<BlobId> ids = new ArrayList<>(List.of(only));
        for (int i = 0; i < 6; i++) {
            ids.add(bs().create(BlobOptions.builder().numClusters(i % 3).build()));
        }
        assertEquals(ids, bs().blobIds());
        assertEquals(ids.stream().sorted().toList(), ids, "ids ascend in creation order on a fresh blobstore");
        Blob held = open(ids.get(3));
        assertEquals(ids, bs().blobIds(), "an open blob is listed");
        BlobId deleted = ids.get(1);
        bs().delete(deleted);
        bs().delete(ids.get(5));
        ids.remove(5);
        ids.remove(1);
        assertEquals(ids, bs().blobIds());
        held.close();
        reload();
        assertEquals(ids, bs().blobIds());
        assertEquals(deleted, bs().create(BlobOptions.defaults()), "the next create takes the lowest free page, the first deleted blob's");
        assertEquals(ids.size() + 1, bs().blobIds().size());
    }

    // SPDK blob_clear_method (reference §1.3): every per-blob clear method frees the same clusters
    @Test
    @DisplayName("Every blob clear method (default, none, unmap, write zeroes) frees clusters at shrink+sync and delete")
    void clearMethods() throws Exception {
        init();
        long free = bs().freeClusters();
        for (ClearMethod m : ClearMethod.values()) {
            Blob blob = createAndOpen(BlobOptions.builder().numClusters(3).clearMethod(m).build());
            write(blob, 0, units(ioUnitsPerCluster() * 3));
            blob.resize(1);
            blob.syncMetadata();
            assertEquals(free - 1, bs().freeClusters(), m + ": shrink then sync");
            closeAndDelete(blob);
            assertEquals(free, bs().freeClusters(), m + ": delete");
        }
    }
}
