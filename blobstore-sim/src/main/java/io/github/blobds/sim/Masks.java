package io.github.blobds.sim;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/** SPDK's allocation masks ({@code struct spdk_bs_md_mask}, reference §2.4): type, length in bits, LSB-first bitmap; no CRC. */
final class Masks {

    static final int USED_PAGES = 0;
    static final int USED_CLUSTERS = 1;
    static final int USED_BLOBIDS = 2;

    private Masks() {
    }

    /** Pages needed for a mask of {@code bits} bits. */
    static int pages(long bits) {
        return (int) ((5 + (bits + 7) / 8 + Page.SIZE - 1) / Page.SIZE);
    }

    static ByteBuffer encode(int type, BitSet bits, long length, int regionPages) {
        ByteBuffer b = ByteBuffer.allocate(regionPages * Page.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) type);
        b.putInt(1, (int) length);
        byte[] bytes = bits.toByteArray();
        b.put(5, bytes, 0, (int) Math.min(bytes.length, (length + 7) / 8));
        return b;
    }

    /** Decodes a mask region, keeping at most {@code maxBits} bits (a longer mask after a failed grow is truncated). */
    static BitSet decode(ByteBuffer region, int expectedType, long maxBits, String what) {
        ByteBuffer b = region.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int type = b.get(0);
        long length = Integer.toUnsignedLong(b.getInt(1));
        if (type != expectedType) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, what + ": mask type " + type + ", expected " + expectedType);
        }
        long bits = Math.min(length, maxBits);
        if (5 + (bits + 7) / 8 > b.capacity()) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, what + ": mask of " + length + " bits overruns its region");
        }
        byte[] bytes = new byte[(int) ((bits + 7) / 8)];
        b.get(5, bytes);
        BitSet set = BitSet.valueOf(bytes);
        if (set.length() > bits) {
            set.clear((int) bits, set.length());
        }
        return set;
    }
}
