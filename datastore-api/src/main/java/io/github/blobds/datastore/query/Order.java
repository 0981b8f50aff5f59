package io.github.blobds.datastore.query;

import io.github.blobds.datastore.Key;
import java.util.Comparator;
import java.util.List;

/**
 * A query order (go-datastore's {@code query.Order}). Orders of a {@link Query} apply hierarchically;
 * ties left by all of them are broken by the key string, so the result order is total.
 */
@FunctionalInterface
public interface Order {

    /** Negative, zero or positive as {@code a} sorts before, with, or after {@code b}. */
    int compare(Entry a, Entry b);

    /** {@code orders} applied in turn, then the key string byte-wise (go-datastore's {@code query.Compare}). */
    static int compare(List<? extends Order> orders, Entry a, Entry b) {
        for (Order order : orders) {
            int c = order.compare(a, b);
            if (c != 0) {
                return c;
            }
        }
        return Key.compareUtf8(a.key(), b.key());
    }

    /** {@link #compare(List, Entry, Entry)} as a {@code Comparator}. */
    static Comparator<Entry> comparator(List<? extends Order> orders) {
        List<? extends Order> copy = List.copyOf(orders);
        return (a, b) -> compare(copy, a, b);
    }

    /** Sorts {@code entries} in place by {@code orders}. */
    static void sort(List<Entry> entries, List<? extends Order> orders) {
        entries.sort(comparator(orders));
    }
}
