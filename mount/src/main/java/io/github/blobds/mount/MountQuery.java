package io.github.blobds.mount;

import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Filter;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Result;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A query over several mounts, as go-datastore's {@code mount.Datastore.Query} runs it: each mount that
 * may hold matching keys answers the prefix, orders, keys-only, expirations and sizes of the query; their
 * results are merged by a heap on the query's orders (ties broken by the key string), then the query's
 * filters, offset (if positive) and limit (if positive) are applied naively.
 */
final class MountQuery {

    private MountQuery() {
    }

    /** Runs {@code master} on the mounts of {@code routes}, each with the prefix of its route. */
    static Results run(List<Route> routes, Query master) {
        Comparator<Head> heads = Comparator.comparing(h -> h.sortEntry, mergeOrder(master.orders()));
        PriorityQueue<Head> heap = new PriorityQueue<>(Math.max(1, routes.size()), heads);
        List<Results> opened = new ArrayList<>(routes.size());
        try {
            for (Route route : routes) {
                Results results = route.datastore().query(childQuery(master, route.rest()));
                opened.add(results);
                Head head = new Head(route.prefix(), results);
                if (head.advance()) {
                    heap.add(head);
                }
            }
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
        Results merged = Results.from(master, () -> next(heap), () -> closeAll(opened, null));
        for (Filter f : master.filters()) {
            merged = NaiveQuery.filter(merged, f);
        }
        if (master.offset() > 0) {
            merged = NaiveQuery.offset(merged, master.offset());
        }
        if (master.limit() > 0) {
            merged = NaiveQuery.limit(merged, master.limit());
        }
        return merged;
    }

    /** The part of {@code master} a child answers, at {@code prefix}: no filters, offset or limit. */
    static Query childQuery(Query master, Key prefix) {
        return Query.builder()
                .prefix(prefix.toString())
                .orders(master.orders())
                .keysOnly(master.keysOnly())
                .returnExpirations(master.returnExpirations())
                .returnsSizes(master.returnsSizes())
                .build();
    }

    /**
     * go-datastore's {@code query.Less} as a comparator: each order's result normalised to its sign, the
     * first non-zero one deciding, then the key strings byte-wise.
     */
    static Comparator<Entry> mergeOrder(List<Order> orders) {
        return (a, b) -> {
            for (Order order : orders) {
                int c = Integer.signum(order.compare(a, b));
                if (c != 0) {
                    return c;
                }
            }
            return Key.compareUtf8(a.key(), b.key());
        };
    }

    private static Optional<Result> next(PriorityQueue<Head> heap) {
        Head head = heap.poll();
        if (head == null) {
            return Optional.empty();
        }
        Result out = head.current;
        if (head.advance()) {
            heap.add(head);
        }
        return Optional.of(out);
    }

    /** Closes every result set, adding what their close throws to {@code primary} or, without one, throwing it. */
    private static void closeAll(List<Results> opened, RuntimeException primary) {
        RuntimeException failure = primary;
        for (Results r : opened) {
            try {
                r.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (primary == null && failure != null) {
            throw failure;
        }
    }

    /** The current result of one mount's result set, its key already under the mount prefix. */
    private static final class Head {
        private final Key mount;
        private final Results results;
        private Result current;
        private Entry sortEntry;

        Head(Key mount, Results results) {
            this.mount = mount;
            this.results = results;
        }

        /** Moves to the next result; closes the result set and returns false when there is none. */
        boolean advance() {
            Optional<Result> next = results.nextResult();
            if (next.isEmpty()) {
                results.close();
                current = null;
                sortEntry = null;
                return false;
            }
            Result r = next.get();
            if (r.isError()) {
                // go rewrites an error result's empty key to the mount prefix, so it sorts there
                current = r;
                sortEntry = new Entry(mount.toString(), null, null, 0);
            } else {
                sortEntry = r.entry().withKey(mount.child(Key.raw(r.entry().key())).toString());
                current = Result.of(sortEntry);
            }
            return true;
        }
    }
}
