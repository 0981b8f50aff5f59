package io.github.blobds.datastore.query;

import java.util.Arrays;

/** Keeps entries whose value compares to {@code value} as {@code op} says (unsigned lexicographic; a missing value is empty). */
public record FilterValueCompare(Op op, byte[] value) implements Filter {

    public FilterValueCompare {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean filter(Entry entry) {
        return op.test(OrderByValue.compareBytes(entry.value(), value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilterValueCompare f && op == f.op && Arrays.equals(value, f.value);
    }

    @Override
    public int hashCode() {
        return op.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "VALUE " + op.symbol() + " " + GoQuote.quote(value);
    }
}
