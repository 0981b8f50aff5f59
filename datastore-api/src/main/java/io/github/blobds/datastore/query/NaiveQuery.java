package io.github.blobds.datastore.query;

import io.github.blobds.datastore.Key;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * go-datastore's naive query operators: the reference semantics of a {@link Query} applied to any
 * stream of results. Every operator keeps {@link Results#query()} and closes its input when closed.
 * Error results pass every filter, come first after ordering and count towards a limit.
 */
public final class NaiveQuery {

    private NaiveQuery() {
    }

    /**
     * Applies {@code query} to {@code results} (go-datastore's {@code NaiveQueryApply}): prefix, filters,
     * orders, offset, limit.
     */
    public static Results apply(Query query, Results results) {
        Results r = results;
        Optional<String> prefix = prefixFilter(query.prefix());
        if (prefix.isPresent()) {
            r = filter(r, new FilterKeyPrefix(prefix.get()));
        }
        for (Filter f : query.filters()) {
            r = filter(r, f);
        }
        if (!query.orders().isEmpty()) {
            r = order(r, query.orders());
        }
        if (query.offset() != 0) {
            r = offset(r, query.offset());
        }
        if (query.limit() != 0) {
            r = limit(r, query.limit());
        }
        return r;
    }

    /**
     * The raw key prefix that a query prefix selects: {@code "/foo"} and {@code "foo/"} give
     * {@code "/foo/"}; {@code ""}, {@code "/"} and anything cleaning to {@code /} give none.
     */
    public static Optional<String> prefixFilter(String queryPrefix) {
        if (queryPrefix.isEmpty()) {
            return Optional.empty();
        }
        String p = Key.of(queryPrefix).toString();
        return p.equals("/") ? Optional.empty() : Optional.of(p + "/");
    }

    /** Whether the key string {@code key} lies strictly below the query prefix {@code queryPrefix}. */
    public static boolean matchesPrefix(String queryPrefix, String key) {
        return prefixFilter(queryPrefix).map(key::startsWith).orElse(true);
    }

    /** The results that {@code filter} accepts, and every error result. */
    public static Results filter(Results results, Filter filter) {
        return Results.from(results.query(), () -> {
            while (true) {
                Optional<Result> r = results.nextResult();
                if (r.isEmpty() || r.get().isError() || filter.filter(r.get().entry())) {
                    return r;
                }
            }
        }, results::close);
    }

    /** At most {@code limit} results, errors included; {@code 0} returns {@code results} itself, a negative limit means none. */
    public static Results limit(Results results, int limit) {
        if (limit == 0) {
            return results;
        }
        int[] budget = {limit};
        return Results.from(results.query(), () -> {
            if (budget[0] == 0) {
                return Optional.empty();
            }
            budget[0]--;
            return results.nextResult();
        }, results::close);
    }

    /**
     * Skips the first {@code offset} entries. An error met while skipping is returned at once and does
     * not use up the offset.
     */
    public static Results offset(Results results, int offset) {
        int[] left = {offset};
        return Results.from(results.query(), () -> {
            for (; left[0] > 0; left[0]--) {
                Optional<Result> r = results.nextResult();
                if (r.isEmpty() || r.get().isError()) {
                    return r;
                }
            }
            return results.nextResult();
        }, results::close);
    }

    /** Every result, sorted by {@code orders}, error results first. Drains its input on the first pull. */
    public static Results order(Results results, List<? extends Order> orders) {
        if (orders.isEmpty()) {
            return results;
        }
        var state = new Object() {
            Iterator<Result> sorted;
        };
        return Results.from(results.query(), () -> {
            if (state.sorted == null) {
                List<Result> errors = new ArrayList<>();
                List<Entry> entries = new ArrayList<>();
                for (Optional<Result> r = results.nextResult(); r.isPresent(); r = results.nextResult()) {
                    if (r.get().isError()) {
                        errors.add(r.get());
                    } else {
                        entries.add(r.get().entry());
                    }
                }
                Order.sort(entries, orders);
                entries.forEach(e -> errors.add(Result.of(e)));
                state.sorted = errors.iterator();
            }
            return state.sorted.hasNext() ? Optional.of(state.sorted.next()) : Optional.empty();
        }, results::close);
    }
}
