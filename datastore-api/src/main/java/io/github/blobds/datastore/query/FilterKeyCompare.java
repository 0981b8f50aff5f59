package io.github.blobds.datastore.query;

import io.github.blobds.datastore.Key;

/** Keeps entries whose key string compares to {@code key} as {@code op} says, byte-wise as Go compares strings. */
public record FilterKeyCompare(Op op, String key) implements Filter {

    @Override
    public boolean filter(Entry entry) {
        return op.test(Key.compareUtf8(entry.key(), key));
    }

    @Override
    public String toString() {
        return "KEY " + op.symbol() + " " + GoQuote.quote(key);
    }
}
