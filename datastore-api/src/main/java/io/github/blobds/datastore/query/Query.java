package io.github.blobds.datastore.query;

import io.github.blobds.datastore.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * A datastore query (go-datastore's {@code query.Query}). Its parts apply in this order:
 * prefix → filters → orders → offset → limit.
 *
 * @param prefix            scope to keys strictly below this (cleaned) key: {@code /foo} selects {@code /foo/bar},
 *                          not {@code /foobar} nor {@code /foo}; {@code ""} or anything cleaning to {@code /} selects all
 * @param filters           applied in order, as an AND
 * @param orders            applied hierarchically; ties broken by key string
 * @param limit             at most this many results; 0 means no limit
 * @param offset            skip this many results first; 0 means none
 * @param keysOnly          return keys without values
 * @param returnExpirations return expirations (for datastores that have them)
 * @param returnsSizes      always return sizes, even when keys-only
 */
public record Query(
        String prefix,
        List<Filter> filters,
        List<Order> orders,
        int limit,
        int offset,
        boolean keysOnly,
        boolean returnExpirations,
        boolean returnsSizes) {

    public Query {
        InvalidArgumentException.requireNonNull(prefix, "query prefix");
        filters = List.copyOf(InvalidArgumentException.requireNonNull(filters, "query filters"));
        orders = List.copyOf(InvalidArgumentException.requireNonNull(orders, "query orders"));
    }

    /** The query that returns everything. */
    public static Query all() {
        return builder().build();
    }

    /** A builder with every part unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this query's parts. */
    public Builder toBuilder() {
        return new Builder().prefix(prefix).filters(filters).orders(orders).limit(limit).offset(offset)
                .keysOnly(keysOnly).returnExpirations(returnExpirations).returnsSizes(returnsSizes);
    }

    /** go-datastore's {@code Query.String()}: {@code SELECT keys,vals FROM "/foo" FILTER [...] ORDER [...] OFFSET n LIMIT n}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SELECT keys");
        if (!keysOnly) {
            sb.append(",vals");
        }
        if (returnExpirations) {
            sb.append(",exps");
        }
        sb.append(' ');
        if (!prefix.isEmpty()) {
            sb.append("FROM ").append(GoQuote.quote(prefix)).append(' ');
        }
        if (!filters.isEmpty()) {
            sb.append("FILTER ").append(list(filters)).append(' ');
        }
        if (!orders.isEmpty()) {
            sb.append("ORDER ").append(list(orders)).append(' ');
        }
        if (offset > 0) {
            sb.append("OFFSET ").append(offset).append(' ');
        }
        if (limit > 0) {
            sb.append("LIMIT ").append(limit).append(' ');
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    private static String list(List<?> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(items.get(i));
        }
        return sb.append(']').toString();
    }

    /** Builds a {@link Query}; every part defaults to unset. */
    public static final class Builder {
        private String prefix = "";
        private final List<Filter> filters = new ArrayList<>();
        private final List<Order> orders = new ArrayList<>();
        private int limit;
        private int offset;
        private boolean keysOnly;
        private boolean returnExpirations;
        private boolean returnsSizes;

        private Builder() {
        }

        public Builder prefix(String prefix) {
            this.prefix = InvalidArgumentException.requireNonNull(prefix, "query prefix");
            return this;
        }

        /** Replaces the filters. */
        public Builder filters(List<? extends Filter> filters) {
            this.filters.clear();
            this.filters.addAll(filters);
            return this;
        }

        /** Appends filters. */
        public Builder filter(Filter... filters) {
            this.filters.addAll(List.of(filters));
            return this;
        }

        /** Replaces the orders. */
        public Builder orders(List<? extends Order> orders) {
            this.orders.clear();
            this.orders.addAll(orders);
            return this;
        }

        /** Appends orders. */
        public Builder order(Order... orders) {
            this.orders.addAll(List.of(orders));
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder offset(int offset) {
            this.offset = offset;
            return this;
        }

        public Builder keysOnly(boolean keysOnly) {
            this.keysOnly = keysOnly;
            return this;
        }

        public Builder returnExpirations(boolean returnExpirations) {
            this.returnExpirations = returnExpirations;
            return this;
        }

        public Builder returnsSizes(boolean returnsSizes) {
            this.returnsSizes = returnsSizes;
            return this;
        }

        public Query build() {
            return new Query(prefix, filters, orders, limit, offset, keysOnly, returnExpirations, returnsSizes);
        }
    }
}
