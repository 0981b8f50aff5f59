package io.github.blobds.blobstore;

/**
 * A blob id: {@code (1 << 32) | md_page_index}, as SPDK makes them ({@code 0x100000000} is the first
 * blob of a fresh blobstore). Ids are reused after delete.
 */
public record BlobId(long value) implements Comparable<BlobId> {

    /** SPDK's {@code SPDK_BLOBID_INVALID}. */
    public static final long INVALID = 0xFFFFFFFFFFFFFFFFL;

    /** The id of the blob whose root is metadata page {@code pageIndex}. */
    public static BlobId ofPage(int pageIndex) {
        return new BlobId((1L << 32) | (pageIndex & 0xFFFFFFFFL));
    }

    /** Parses {@code 0x100000000} or a decimal number. */
    public static BlobId parse(String s) {
        String t = s.strip();
        try {
            return new BlobId(t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t));
        } catch (NumberFormatException e) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "not a blob id: \"" + s + "\"");
        }
    }

    /** The metadata page index: the low 32 bits. */
    public int pageIndex() {
        return (int) value;
    }

    @Override
    public int compareTo(BlobId o) {
        return Long.compareUnsigned(value, o.value);
    }

    /** Hexadecimal, as SPDK prints ids: {@code 0x100000000}. */
    @Override
    public String toString() {
        return "0x" + Long.toHexString(value);
    }
}
