package io.github.blobds.sim;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** SPDK's {@code struct spdk_bs_super_block} (reference §2.2): page 0 of the device, little-endian, CRC-32C at 4092. */
final class SuperBlock {

    static final byte[] SIGNATURE = "SPDKBLOB".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 3;

    int version = VERSION;
    boolean clean;
    long superBlob = -1L;
    long clusterSize;
    int usedPageMaskStart;
    int usedPageMaskLen;
    int usedClusterMaskStart;
    int usedClusterMaskLen;
    int mdStart;
    int mdLen;
    byte[] bstype = new byte[16];
    int usedBlobidMaskStart;
    int usedBlobidMaskLen;
    long size;
    int ioUnitSize;
    int mdPageSize = Page.SIZE;

    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(Page.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE);
        b.putInt(8, version);
        b.putInt(12, Page.SIZE);
        b.putInt(16, clean ? 1 : 0);
        b.putLong(20, superBlob);
        b.putInt(28, (int) clusterSize);
        b.putInt(32, usedPageMaskStart);
        b.putInt(36, usedPageMaskLen);
        b.putInt(40, usedClusterMaskStart);
        b.putInt(44, usedClusterMaskLen);
        b.putInt(48, mdStart);
        b.putInt(52, mdLen);
        b.put(56, bstype);
        b.putInt(72, usedBlobidMaskStart);
        b.putInt(76, usedBlobidMaskLen);
        b.putLong(80, size);
        b.putInt(88, ioUnitSize);
        b.putInt(92, mdPageSize);
        Page.sealCrc(b);
        return b.clear();
    }

    /**
     * Decodes and validates page 0 as SPDK's load does (§3.2): signature, version 1..3 and CRC give
     * {@code EILSEQ}; a bstype other than {@code expectedBstype} (unless that is all zeroes) gives
     * {@code ENXIO}; a size beyond the device gives {@code EILSEQ}.
     */
    static SuperBlock decode(ByteBuffer page, byte[] expectedBstype, long deviceBytes) {
        ByteBuffer b = page.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] sig = new byte[8];
        b.get(0, sig);
        int version = b.getInt(8);
        if (version < 1 || version > VERSION) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, "super block (page 0): version " + version + " is not 1..3");
        }
        if (!Arrays.equals(sig, SIGNATURE)) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, "super block (page 0): signature is not SPDKBLOB");
        }
        Page.checkCrc(b, "super block (page 0)", BlobstoreException.EILSEQ);
        SuperBlock s = new SuperBlock();
        s.version = version;
        s.clean = b.getInt(16) == 1;
        s.superBlob = b.getLong(20);
        s.clusterSize = Integer.toUnsignedLong(b.getInt(28));
        s.usedPageMaskStart = b.getInt(32);
        s.usedPageMaskLen = b.getInt(36);
        s.usedClusterMaskStart = b.getInt(40);
        s.usedClusterMaskLen = b.getInt(44);
        s.mdStart = b.getInt(48);
        s.mdLen = b.getInt(52);
        b.get(56, s.bstype);
        s.usedBlobidMaskStart = b.getInt(72);
        s.usedBlobidMaskLen = b.getInt(76);
        s.size = b.getLong(80);
        s.ioUnitSize = b.getInt(88);
        s.mdPageSize = b.getInt(92);
        if (version < 2) {
            s.bstype = new byte[16];
        }
        if (version < 3 || s.usedBlobidMaskLen == 0) {
            s.usedBlobidMaskStart = 0;
            s.usedBlobidMaskLen = 0;
        }
        if (!isZero(expectedBstype) && !Arrays.equals(expectedBstype, s.bstype)) {
            throw new BlobstoreException(BlobstoreException.ENXIO, "super block (page 0): bstype \"" + bstypeString(s.bstype)
                    + "\" does not match the expected \"" + bstypeString(expectedBstype) + "\"");
        }
        if (s.size == 0) {
            s.size = deviceBytes;
        }
        if (s.size > deviceBytes) {
            throw new BlobstoreException(BlobstoreException.EILSEQ,
                    "super block (page 0): blobstore size " + s.size + " exceeds the device's " + deviceBytes + " bytes");
        }
        if (s.ioUnitSize == 0) {
            s.ioUnitSize = Page.SIZE;
        }
        if (s.mdPageSize == 0) {
            s.mdPageSize = Page.SIZE;
        }
        s.validateLayout(deviceBytes);
        return s;
    }

    /** Rejects a layout that would read outside the device or allocate absurd amounts (a corrupt super block). */
    private void validateLayout(long deviceBytes) {
        String where = "super block (page 0): ";
        if (mdPageSize != Page.SIZE) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + "metadata page size " + mdPageSize + " is not 4096");
        }
        if (clusterSize == 0 || clusterSize % Page.SIZE != 0) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, where + "cluster size " + clusterSize + " is not a non-zero multiple of 4096");
        }
        long pages = size / Page.SIZE;
        long totalClusters = size / clusterSize;
        checkRegion(where, "used-pages mask", usedPageMaskStart, usedPageMaskLen, pages);
        checkRegion(where, "used-clusters mask", usedClusterMaskStart, usedClusterMaskLen, pages);
        checkRegion(where, "used-blobids mask", usedBlobidMaskStart, usedBlobidMaskLen, pages);
        checkRegion(where, "metadata region", mdStart, mdLen, pages);
        if (usedPageMaskLen < Masks.pages(mdLen) || usedClusterMaskLen < Masks.pages(totalClusters)
                || (usedBlobidMaskLen != 0 && usedBlobidMaskLen < Masks.pages(mdLen))) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, where + "a mask region is shorter than its "
                    + mdLen + " metadata pages or " + totalClusters + " clusters need");
        }
        if (ioUnitSize <= 0 || Page.SIZE % ioUnitSize != 0 && ioUnitSize % Page.SIZE != 0) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, where + "io_unit size " + ioUnitSize + " is not valid");
        }
        if (totalClusters == 0 || (long) mdStart + mdLen > totalClusters * (clusterSize / Page.SIZE)) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, where + "metadata does not fit the " + totalClusters + " clusters");
        }
    }

    private static void checkRegion(String where, String what, long start, long len, long pages) {
        if (start < 0 || len < 0 || start + len > pages || (len > 0 && start == 0)) {
            throw new BlobstoreException(BlobstoreException.EILSEQ,
                    where + what + " pages [" + start + ", " + (start + len) + ") lie outside the " + pages + " pages of the blobstore");
        }
    }

    static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static String bstypeString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.US_ASCII);
    }

    static byte[] bstypeBytes(String s) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), 16);
    }
}
