package io.github.blobds.datastore.query;

import java.util.Arrays;

/** Ascending by value, unsigned lexicographic; a missing value sorts as empty. */
public record OrderByValue() implements Order {

    private static final byte[] EMPTY = new byte[0];

    @Override
    public int compare(Entry a, Entry b) {
        return compareBytes(a.value(), b.value());
    }

    /** Go's {@code bytes.Compare}: unsigned lexicographic, {@code null} equal to empty; result -1, 0 or 1. */
    static int compareBytes(byte[] a, byte[] b) {
        return Integer.signum(Arrays.compareUnsigned(a == null ? EMPTY : a, b == null ? EMPTY : b));
    }

    @Override
    public String toString() {
        return "VALUE";
    }
}
