package io.github.blobds.datastore.query;

import io.github.blobds.datastore.Key;

/** Descending by key string, byte-wise. */
public record OrderByKeyDescending() implements Order {

    @Override
    public int compare(Entry a, Entry b) {
        return -Key.compareUtf8(a.key(), b.key());
    }

    @Override
    public String toString() {
        return "desc(KEY)";
    }
}
