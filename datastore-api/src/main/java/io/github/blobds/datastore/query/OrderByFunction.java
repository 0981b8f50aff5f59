package io.github.blobds.datastore.query;

import java.util.Comparator;

/** Orders by a caller's comparator (go-datastore's {@code OrderByFunction}); prints as {@code FN}. */
public record OrderByFunction(Comparator<Entry> function) implements Order {

    @Override
    public int compare(Entry a, Entry b) {
        return function.compare(a, b);
    }

    @Override
    public String toString() {
        return "FN";
    }
}
