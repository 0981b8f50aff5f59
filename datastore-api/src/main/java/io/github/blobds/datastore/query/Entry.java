package io.github.blobds.datastore.query;

import java.time.Instant;
import java.util.Arrays;

/**
 * One query result (go-datastore's {@code query.Entry}).
 *
 * @param key        the key string (not a {@code Key}, as in go-datastore)
 * @param value      the value, or {@code null} for a keys-only query
 * @param expiration the expiration time, or {@code null} when there is none or it was not asked for
 * @param size       the value's size in bytes, or -1 when unknown (keys-only without {@code returnsSizes})
 */
public record Entry(String key, byte[] value, Instant expiration, int size) {

    /** An entry with its value; the size is the value's length. */
    public static Entry of(String key, byte[] value) {
        return new Entry(key, value, null, value.length);
    }

    /** A keys-only entry with a known size ({@code -1} when unknown). */
    public static Entry keyOnly(String key, int size) {
        return new Entry(key, null, null, size);
    }

    /** This entry with another key. */
    public Entry withKey(String newKey) {
        return new Entry(newKey, value, expiration, size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e
                && key.equals(e.key)
                && Arrays.equals(value, e.value)
                && java.util.Objects.equals(expiration, e.expiration)
                && size == e.size;
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Entry[key=" + key + ", size=" + size + (value == null ? "" : ", value=" + Arrays.toString(value)) + "]";
    }
}
