package io.github.blobds.blobstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlobstoreSpiTest {

    // reference §1.2: id = (1 << 32) | md page index
    @Test
    void blobIds() {
        BlobId first = BlobId.ofPage(0);
        assertEquals(0x100000000L, first.value());
        assertEquals("0x100000000", first.toString());
        assertEquals(0, first.pageIndex());
        assertEquals(7, BlobId.ofPage(7).pageIndex());
        assertEquals(first, BlobId.parse("0x100000000"));
        assertEquals(first, BlobId.parse(" 4294967296 "));
        assertEquals(new BlobId(BlobId.INVALID), BlobId.parse("0xffffffffffffffff"));
        assertTrue(BlobId.ofPage(1).compareTo(new BlobId(BlobId.INVALID)) < 0, "unsigned order");
        BlobstoreException e = assertThrows(BlobstoreException.class, () -> BlobId.parse("blob"));
        assertEquals(BlobstoreException.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("\"blob\""), e::getMessage);
    }

    @Test
    void errnosAreNamedInOnePlace() {
        int[] codes = {BlobstoreException.EPERM, BlobstoreException.ENOENT, BlobstoreException.EIO, BlobstoreException.ENXIO,
            BlobstoreException.EBADF, BlobstoreException.ENOMEM, BlobstoreException.EBUSY, BlobstoreException.EINVAL,
            BlobstoreException.ENOSPC, BlobstoreException.EILSEQ, BlobstoreException.ENOTSUP};
        List<String> names = List.of("EPERM", "ENOENT", "EIO", "ENXIO", "EBADF", "ENOMEM", "EBUSY", "EINVAL", "ENOSPC", "EILSEQ", "ENOTSUP");
        for (int i = 0; i < codes.length; i++) {
            assertEquals(names.get(i), BlobstoreException.name(codes[i]));
            BlobstoreException e = new BlobstoreException(codes[i], "blob 0x100000000");
            assertEquals(codes[i], e.errno());
            assertEquals(names.get(i) + ": blob 0x100000000", e.getMessage());
        }
        assertEquals("errno -99", BlobstoreException.name(-99));
        IllegalStateException cause = new IllegalStateException("io");
        assertEquals(cause, new BlobstoreException(BlobstoreException.EIO, "x", cause).getCause());
    }

    @Test
    void blobOptions() {
        BlobOptions d = BlobOptions.defaults();
        assertEquals(0, d.numClusters());
        assertFalse(d.thinProvision());
        assertEquals(ClearMethod.DEFAULT, d.clearMethod());
        assertTrue(d.useExtentTable(), "SPDK's default since v20.01");
        assertEquals(List.of(), d.xattrs());
        BlobOptions o = BlobOptions.builder().numClusters(3).thinProvision(true).clearMethod(ClearMethod.WRITE_ZEROES)
                .xattr("a", new byte[] {1}).xattr("b", new byte[] {2}).xattr("a", new byte[] {3}).useExtentTable(false).build();
        assertEquals(3, o.numClusters());
        assertTrue(o.thinProvision());
        assertFalse(o.useExtentTable());
        assertEquals(List.of("a", "b"), o.xattrs().stream().map(java.util.Map.Entry::getKey).toList(), "a later value keeps the first position");
        assertArrayEquals(new byte[] {3}, o.xattrs().get(0).getValue());
        for (ClearMethod m : ClearMethod.values()) {
            assertEquals(m, ClearMethod.ofCode(m.code()));
        }
        assertEquals(ClearMethod.WRITE_ZEROES, ClearMethod.ofCode(7), "only bits 0-1 count");
    }

    @Test
    void blobstoreOptions() {
        BlobstoreOptions d = BlobstoreOptions.defaults();
        assertEquals(1 << 20, d.clusterSize());
        assertEquals(-1, d.numMdPages());
        assertEquals("", d.bstype());
        assertEquals(BlobstoreOptions.BsClearMethod.UNMAP, d.clearMethod());
        assertFalse(d.forceRecover());
        BlobstoreOptions o = d.withClusterSize(65536).withNumMdPages(16).withBstype("BLOBFS")
                .withClearMethod(BlobstoreOptions.BsClearMethod.NONE).withForceRecover(true);
        assertEquals(new BlobstoreOptions(65536, 16, "BLOBFS", BlobstoreOptions.BsClearMethod.NONE, true), o);
        assertEquals("", new BlobstoreOptions(4096, -1, null, BlobstoreOptions.BsClearMethod.UNMAP, false).bstype());
        BlobstoreException tooLong = assertThrows(BlobstoreException.class, () -> d.withBstype("SEVENTEEN_LETTERS"));
        assertEquals(BlobstoreException.EINVAL, tooLong.errno());
        assertThrows(BlobstoreException.class, () -> d.withBstype("caf\u00e9"));
    }
}
