package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Filter;
import io.github.blobds.datastore.query.FilterKeyCompare;
import io.github.blobds.datastore.query.FilterKeyPrefix;
import io.github.blobds.datastore.query.FilterValueCompare;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.OrderByValue;
import io.github.blobds.datastore.query.OrderByValueDescending;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Result;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Converts keys on their way to the child and inverts them on the way back (go-datastore's
 * {@code keytransform.Datastore}). Queries are split as go-datastore v0.9 splits them: the child
 * answers the prefix, the filters it can and the orders it can (value orders, and key orders when the
 * transform is a {@link PrefixTransform}, which preserves order); the rest runs naively on the
 * inverted results. Unlike go, key filters reach the child only under a {@link PrefixTransform}, where
 * they can be rewritten exactly; under any other transform they run naively. A missing key is
 * reported with the user's key. Has the features of its child.
 */
public final class KeyTransformDatastore extends ForwardingDatastore {

    private final KeyTransform transform;

    private KeyTransformDatastore(Datastore child, KeyTransform transform) {
        super(child);
        this.transform = InvalidArgumentException.requireNonNull(transform, "key transform");
    }

    /** {@code child} seen through {@code transform}. */
    public static Datastore wrap(Datastore child, KeyTransform transform) {
        return new KeyTransformDatastore(child, transform).scoped();
    }

    /** The transform in use. */
    public KeyTransform transform() {
        return transform;
    }

    private Key convert(Key key) {
        return transform.convertKey(InvalidArgumentException.requireKey(key));
    }

    /** Runs a read, reporting a missing key as the user's key, not the child's. */
    private static <T> T read(Key key, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (NotFoundException e) {
            throw new NotFoundException(key);
        }
    }

    @Override
    public byte[] get(Key key) {
        Key childKey = convert(key);
        return read(key, () -> super.get(childKey));
    }

    @Override
    public boolean has(Key key) {
        return super.has(convert(key));
    }

    @Override
    public int getSize(Key key) {
        Key childKey = convert(key);
        return read(key, () -> super.getSize(childKey));
    }

    @Override
    public void put(Key key, byte[] value) {
        super.put(convert(key), value);
    }

    @Override
    public void delete(Key key) {
        super.delete(convert(key));
    }

    @Override
    public void sync(Key prefix) {
        super.sync(convert(prefix));
    }

    @Override
    public Results query(Query query) {
        InvalidArgumentException.requireNonNull(query, "query");
        Split split = split(transform, query);
        Results child = super.query(split.child());
        return NaiveQuery.apply(split.naive(), invert(query, child));
    }

    private Results invert(Query query, Results child) {
        return Results.from(query, () -> child.nextResult().map(r -> r.isError()
                ? r
                : Result.of(r.entry().withKey(transform.invertKey(Key.raw(r.entry().key())).toString()))),
                child::close);
    }

    /** The child's part and the naive remainder of a query. */
    record Split(Query child, Query naive) {
    }

    static Split split(KeyTransform transform, Query q) {
        Query.Builder child = q.toBuilder().prefix(transform.convertKey(Key.of(q.prefix())).toString());
        Query.Builder naive = Query.builder();
        boolean orderPreserving = transform instanceof PrefixTransform;
        List<Order> orders = q.orders();
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            if (o instanceof OrderByValue || o instanceof OrderByValueDescending) {
                continue;
            }
            if ((o instanceof OrderByKey || o instanceof OrderByKeyDescending) && orderPreserving) {
                child.orders(orders.subList(0, i + 1));
                break;
            }
            naive.orders(orders).offset(q.offset()).limit(q.limit());
            child.orders(List.of()).offset(0).limit(0);
            break;
        }
        List<Filter> childFilters = new ArrayList<>();
        for (Filter f : q.filters()) {
            Optional<Filter> converted = switch (f) {
                case FilterValueCompare v -> Optional.of(v);
                case FilterKeyCompare k when orderPreserving -> Optional.of(new FilterKeyCompare(k.op(), prefixed(transform, k.key())));
                case FilterKeyPrefix p when orderPreserving -> Optional.of(new FilterKeyPrefix(prefixed(transform, p.prefix())));
                default -> Optional.empty();
            };
            if (converted.isEmpty()) {
                naive.filters(q.filters()).offset(q.offset()).limit(q.limit());
                child.offset(0).limit(0);
                childFilters = List.of();
                break;
            }
            childFilters.add(converted.get());
        }
        child.filters(childFilters);
        return new Split(child.build(), naive.build());
    }

    /**
     * A raw key string of a filter as the child sees it under a {@link PrefixTransform}: the prefix
     * string prepended. String comparisons and raw prefixes of user keys then hold unchanged for the
     * child's keys. (go-datastore cleans the string with {@code NewKey} first, which turns
     * {@code PREFIX("/a/")} into {@code PREFIX("/ns/a")} and so also matches {@code /ab}; not ported.)
     */
    private static String prefixed(KeyTransform transform, String raw) {
        String prefix = ((PrefixTransform) transform).prefix().toString();
        return prefix.equals("/") ? raw : prefix + raw;
    }

    @Override
    public Batch batch() {
        Batch batch = super.batch();
        return new Batch() {
            @Override
            public void put(Key key, byte[] value) {
                batch.put(convert(key), value);
            }

            @Override
            public void delete(Key key) {
                batch.delete(convert(key));
            }

            @Override
            public void commit() {
                batch.commit();
            }
        };
    }

    @Override
    public Txn newTransaction(boolean readOnly) {
        Txn txn = super.newTransaction(readOnly);
        return new Txn() {
            @Override
            public byte[] get(Key key) {
                Key childKey = convert(key);
                return read(key, () -> txn.get(childKey));
            }

            @Override
            public boolean has(Key key) {
                return txn.has(convert(key));
            }

            @Override
            public int getSize(Key key) {
                Key childKey = convert(key);
                return read(key, () -> txn.getSize(childKey));
            }

            @Override
            public Results query(Query query) {
                Split split = split(transform, query);
                return NaiveQuery.apply(split.naive(), invert(query, txn.query(split.child())));
            }

            @Override
            public void put(Key key, byte[] value) {
                txn.put(convert(key), value);
            }

            @Override
            public void delete(Key key) {
                txn.delete(convert(key));
            }

            @Override
            public void commit() {
                txn.commit();
            }

            @Override
            public void discard() {
                txn.discard();
            }
        };
    }

    @Override
    public String toString() {
        return "KeyTransformDatastore(" + transform + ", " + delegate() + ")";
    }
}
