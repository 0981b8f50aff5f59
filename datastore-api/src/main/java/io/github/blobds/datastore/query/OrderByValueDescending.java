package io.github.blobds.datastore.query;

/** Descending by value. */
public record OrderByValueDescending() implements Order {

    @Override
    public int compare(Entry a, Entry b) {
        return -OrderByValue.compareBytes(a.value(), b.value());
    }

    @Override
    public String toString() {
        return "desc(VALUE)";
    }
}
