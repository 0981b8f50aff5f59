package io.github.blobds.datastore.query;

import io.github.blobds.datastore.Key;

/** Ascending by key string, byte-wise (not component-wise like {@link Key#compareTo}). */
public record OrderByKey() implements Order {

    @Override
    public int compare(Entry a, Entry b) {
        return Key.compareUtf8(a.key(), b.key());
    }

    @Override
    public String toString() {
        return "KEY";
    }
}
