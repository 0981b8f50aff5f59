package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;

/**
 * What every group of {@link BlobstoreSuite} shares: the current blobstore, init and reload, tracked
 * blob handles, the seeded random source, errno assertions, I/O helpers counted in io_units, and SPDK's
 * sizing formulas (reference §2.7).
 */
abstract class BlobstoreSubtests {

    /** SPDK's metadata page size. */
    static final int PAGE = 4096;
    /** {@code SPDK_BS_MAX_DESC_SIZE}: the largest descriptor, so 9 + name + value bytes of an xattr. */
    static final int MAX_DESC = 4072;
    /** The header of an xattr descriptor: type, length, name length, value length. */
    static final int XATTR_HEADER = 9;
    /** SPDK's default cluster size. */
    static final long MIB = 1 << 20;

    abstract BlobstoreSuite suite();

    final Random random() {
        return suite().random();
    }

    final Blobstore bs() {
        return suite().store();
    }

    /** A fresh device with SPDK's default options. */
    final Blobstore init() throws Exception {
        return init(BlobstoreOptions.defaults());
    }

    final Blobstore init(BlobstoreOptions options) throws Exception {
        return suite().initStore(options);
    }

    /** Closes the blobstore cleanly (every handle must be closed) and loads it with the default options. */
    final Blobstore reload() throws Exception {
        return reload(BlobstoreOptions.defaults());
    }

    final Blobstore reload(BlobstoreOptions options) throws Exception {
        return suite().reloadStore(options);
    }

    final Blob open(BlobId id) {
        return suite().track(bs().open(id));
    }

    final Blob createAndOpen(BlobOptions options) {
        return open(bs().create(options));
    }

    final BlobId create(long clusters) {
        return bs().create(BlobOptions.builder().numClusters(clusters).build());
    }

    /** SPDK's ut_blob_close_and_delete. */
    final void closeAndDelete(Blob blob) {
        BlobId id = blob.id();
        blob.close();
        bs().delete(id);
    }

    final long ioUnitsPerCluster() {
        return bs().clusterSize() / bs().ioUnitSize();
    }

    final int ioUnit() {
        return bs().ioUnitSize();
    }

    /** {@code n} random bytes. */
    final byte[] bytes(int n) {
        byte[] b = new byte[n];
        random().nextBytes(b);
        return b;
    }

    /** {@code ioUnits} io_units of random bytes. */
    final byte[] units(long ioUnits) {
        return bytes(Math.toIntExact(ioUnits * ioUnit()));
    }

    /** Reads {@code ioUnits} io_units at io_unit {@code offset} into a fresh array. */
    final byte[] read(Blob blob, long offset, long ioUnits) {
        byte[] b = new byte[Math.toIntExact(ioUnits * ioUnit())];
        Arrays.fill(b, (byte) 0x5A);
        blob.read(offset, ByteBuffer.wrap(b));
        return b;
    }

    /** Writes {@code data} (whole io_units) at io_unit {@code offset}. */
    static void write(Blob blob, long offset, byte[] data) {
        blob.write(offset, ByteBuffer.wrap(data));
    }

    final void assertReads(byte[] expected, Blob blob, long offset, String what) {
        assertArrayEquals(expected, read(blob, offset, expected.length / ioUnit()), what);
    }

    final void assertZeroes(Blob blob, long offset, long ioUnits, String what) {
        assertArrayEquals(new byte[Math.toIntExact(ioUnits * ioUnit())], read(blob, offset, ioUnits), what);
    }

    /** Asserts that {@code call} throws a {@link BlobstoreException} with SPDK's {@code errno}; returns it. */
    static BlobstoreException assertErrno(int errno, Executable call, String what) {
        BlobstoreException e = assertThrows(BlobstoreException.class, call, () -> what + ": expected " + BlobstoreException.name(errno));
        assertEquals(BlobstoreException.name(errno), BlobstoreException.name(e.errno()), () -> what + ": " + e.getMessage());
        return e;
    }

    /** An 8-byte little-endian value, as SPDK's tests store lengths in xattrs. */
    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    /** {@code s} plus a terminating NUL, as SPDK's tests store names. */
    static byte[] cString(String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(a, a.length + 1);
    }

    // ------------------------------------------------------------------ sizing (reference §2.7)

    /** Pages of an allocation mask of {@code bits} bits: a 5-byte header and the bitmap. */
    static long maskPages(long bits) {
        return (5 + (bits + 7) / 8 + PAGE - 1) / PAGE;
    }

    /** SPDK's {@code total_clusters} at init. */
    final long totalClusters(long clusterSize) {
        long blocks = suite().deviceBytes() / suite().blockSize();
        return blocks / (clusterSize / suite().blockSize());
    }

    /** SPDK's {@code total_data_cluster_count} after init with {@code clusterSize} and {@code numMdPages} (-1: one per cluster). */
    final long expectedDataClusters(long clusterSize, long numMdPages) {
        long total = totalClusters(clusterSize);
        long mdLen = numMdPages == -1 ? total : numMdPages;
        long mdStart = 1 + maskPages(mdLen) + Math.max(maskPages(mdLen), maskPages(total)) + maskPages(mdLen);
        long pagesPerCluster = clusterSize / PAGE;
        long mdClusters = (mdStart + mdLen + pagesPerCluster - 1) / pagesPerCluster;
        return total - mdClusters;
    }
}
