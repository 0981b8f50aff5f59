package io.github.blobds.blobstore;

/**
 * How freed clusters are cleared (SPDK's {@code blob_clear_method}, stored in md_ro_flags bits 0–1):
 * {@code DEFAULT} means unmap.
 */
public enum ClearMethod {
    DEFAULT,
    NONE,
    UNMAP,
    WRITE_ZEROES;

    /** The value SPDK stores (0–3). */
    public int code() {
        return ordinal();
    }

    /** The method stored as {@code code} (0–3). */
    public static ClearMethod ofCode(int code) {
        return values()[code & 3];
    }
}
