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
 * answers the prefix, the filters it can (key filters converted) and the orders it can (value orders,
 * and key orders when the transform preserves order); the rest runs naively on the inverted results.
 * Has the features of its child.
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

    @Override
    public byte[] get(Key key) {
        return super.get(convert(key));
    }

    @Override
    public boolean has(Key key) {
        return super.has(convert(key));
    }

    @Override
    public int getSize(Key key) {
        return super.getSize(convert(key));
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
        Split split = split(query);
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

    Split split(Query q) {
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
                case FilterKeyCompare k -> Optional.of(new FilterKeyCompare(k.op(), transform.convertKey(Key.of(k.key())).toString()));
                case FilterKeyPrefix p -> Optional.of(new FilterKeyPrefix(transform.convertKey(Key.of(p.prefix())).toString()));
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
                return txn.get(convert(key));
            }

            @Override
            public boolean has(Key key) {
                return txn.has(convert(key));
            }

            @Override
            public int getSize(Key key) {
                return txn.getSize(convert(key));
            }

            @Override
            public Results query(Query query) {
                Split split = split(query);
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
