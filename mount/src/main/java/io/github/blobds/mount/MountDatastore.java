package io.github.blobds.mount;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.CheckedDatastore;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.GcDatastore;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.PersistentDatastore;
import io.github.blobds.datastore.ScrubbedDatastore;
import io.github.blobds.datastore.Shim;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Datastores mounted at key prefixes, seen as one (go-datastore v0.9.2's {@code mount.Datastore}).
 *
 * <p><b>Routing.</b> A key lives in the mount with the longest prefix that is a <em>strict</em> ancestor of
 * it, stored there with that prefix cut off. With mounts at {@code /}, {@code /foo} and {@code /foo/bar}:
 * {@code /foo}, {@code /foobar} and {@code /baz} live in {@code /}; {@code /foo/baz} and {@code /foo/bar}
 * in {@code /foo}; {@code /foo/bar/baz} in {@code /foo/bar}. The key {@code /} lives nowhere. For a key no
 * mount covers, {@link #get} and {@link #getSize} throw {@link NotFoundException}, {@link #has} is
 * {@code false}, {@link #delete} does nothing and {@link #put} throws {@link NoMountException}. Mounts
 * are kept sorted by prefix string, descending byte-wise; of two mounts with the same prefix the one
 * listed first wins.
 *
 * <p><b>Queries.</b> Only the mounts that may hold keys below the query prefix are queried (the mounts
 * below it, and the one at or above it). Each is asked for the prefix, orders, keys-only, expirations and
 * sizes of the query — never its filters, offset or limit; their results are merged on the query's orders
 * with the key string breaking ties (go's {@code query.Less}, each order's result taken by its sign), so
 * results come in the query's order when every child honours the orders, and in no particular order
 * when the query has none. Filters, then a positive offset, then a positive limit are applied to the
 * merged results. {@link Results#query()} is the query passed in. If a mount's query fails, the result
 * sets already opened are closed and the failure is thrown; closing the merged results closes every
 * mount's result set.
 *
 * <p><b>Masking caveat.</b> A mount at {@code /foo} hides the keys under {@code /foo/} that the datastore
 * mounted at {@code /} may physically hold (written to it directly, not through this datastore) from get,
 * has and delete — but <em>not</em> from queries: the root datastore is queried with its own prefix and
 * all its keys come back, as in go. Keys written through this datastore never collide.
 *
 * <p><b>Maintenance and batches.</b> {@link #sync} syncs the mounts a query at the prefix would read,
 * each with its part of the prefix. {@link #check}, {@link #scrub} and {@link #collectGarbage} run on the
 * mounts that have the feature and skip the others; {@link #diskUsage} sums the persistent mounts;
 * {@link #close} closes every mount. These run on every mount even when some fail, then throw one
 * {@link io.github.blobds.datastore.DatastoreException} whose message joins go's, one line per failure
 * ({@code checking datastore at /: test error}), caused by the first failure with the others suppressed.
 * {@link #batch} never fails: its batch opens one child batch per mount on first use, and a put or delete
 * for a mount that is not {@link Batching}, or for a key no mount covers, throws
 * {@link io.github.blobds.datastore.UnsupportedFeatureException}.
 *
 * <p>Deliberately not done: no atomicity across mounts (a batch commit or a sync may succeed on some
 * mounts and fail on others); no filtering of masked keys; no moving of data when mounts change. Safe for
 * concurrent use when every mounted datastore is. After {@link #close()} (idempotent) every call throws
 * {@link ClosedException} naming the operation.
 */
public final class MountDatastore implements Shim, Batching, PersistentDatastore, CheckedDatastore,
        ScrubbedDatastore, GcDatastore {

    private final List<Mount> mounts;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MountDatastore(List<Mount> mounts) {
        this.mounts = mounts;
    }

    /** The datastore of {@code mounts}, in any order (go-datastore's {@code mount.New}). */
    public static MountDatastore of(List<Mount> mounts) {
        InvalidArgumentException.requireNonNull(mounts, "mounts");
        List<Mount> sorted = new ArrayList<>(mounts.size());
        for (int i = 0; i < mounts.size(); i++) {
            sorted.add(InvalidArgumentException.requireNonNull(mounts.get(i), "mount " + i));
        }
        sorted.sort((a, b) -> Key.compareUtf8(b.prefix().toString(), a.prefix().toString()));
        return new MountDatastore(List.copyOf(sorted));
    }

    /** The datastore of {@code mounts}, in any order. */
    public static MountDatastore of(Mount... mounts) {
        return of(Arrays.asList(InvalidArgumentException.requireNonNull(mounts, "mounts")));
    }

    /** The mounts, most specific first: sorted by prefix string, descending byte-wise. */
    public List<Mount> mounts() {
        return mounts;
    }

    /** The mounted datastores, in the order of {@link #mounts()}. */
    @Override
    public List<Datastore> children() {
        return mounts.stream().map(Mount::datastore).toList();
    }

    /** The mount {@code key} lives in and its key there: the first mount whose prefix is a strict ancestor. */
    Optional<Route> lookup(Key key) {
        for (Mount m : mounts) {
            if (m.prefix().isAncestorOf(key)) {
                return Optional.of(Route.trimmed(m, key));
            }
        }
        return Optional.empty();
    }

    /**
     * The mounts that may hold keys strictly below {@code key}, with the prefix to use in each: every
     * mount below {@code key} (at {@code /}), then the first mount at or above it (at the rest of
     * {@code key}), where the walk stops.
     */
    List<Route> lookupAll(Key key) {
        List<Route> routes = new ArrayList<>();
        for (Mount m : mounts) {
            if (m.prefix().isDescendantOf(key)) {
                routes.add(new Route(m, Key.ROOT));
            } else if (m.prefix().equals(key) || m.prefix().isAncestorOf(key)) {
                routes.add(Route.trimmed(m, key));
                break;
            }
        }
        return routes;
    }

    private Optional<Route> route(Key key, String operation) {
        InvalidArgumentException.requireKey(key);
        checkOpen(operation);
        return lookup(key);
    }

    void checkOpen(String operation) {
        if (closed.get()) {
            throw ClosedException.of(this, operation);
        }
    }

    @Override
    public byte[] get(Key key) {
        Route r = route(key, "get").orElseThrow(() -> new NotFoundException(key));
        try {
            return r.datastore().get(r.rest());
        } catch (NotFoundException e) {
            throw new NotFoundException(key);
        }
    }

    @Override
    public boolean has(Key key) {
        Optional<Route> r = route(key, "has");
        return r.isPresent() && r.get().datastore().has(r.get().rest());
    }

    @Override
    public int getSize(Key key) {
        Route r = route(key, "getSize").orElseThrow(() -> new NotFoundException(key));
        try {
            return r.datastore().getSize(r.rest());
        } catch (NotFoundException e) {
            throw new NotFoundException(key);
        }
    }

    /**
     * Stores {@code value} in the mount {@code key} lives in.
     *
     * @throws NoMountException when no mount covers {@code key}
     */
    @Override
    public void put(Key key, byte[] value) {
        InvalidArgumentException.requireValue(InvalidArgumentException.requireKey(key), value);
        Route r = route(key, "put").orElseThrow(() -> new NoMountException(key));
        r.datastore().put(r.rest(), value);
    }

    @Override
    public void delete(Key key) {
        route(key, "delete").ifPresent(r -> r.datastore().delete(r.rest()));
    }

    @Override
    public Results query(Query query) {
        InvalidArgumentException.requireNonNull(query, "query");
        checkOpen("query");
        return MountQuery.run(lookupAll(Key.of(query.prefix())), query);
    }

    @Override
    public void sync(Key prefix) {
        InvalidArgumentException.requireKey(prefix);
        checkOpen("sync");
        JoinedErrors errors = new JoinedErrors();
        for (Route r : lookupAll(prefix)) {
            errors.run("syncing datastore at " + r.prefix(), () -> r.datastore().sync(r.rest()));
        }
        errors.throwIfAny();
    }

    @Override
    public Batch batch() {
        checkOpen("batch");
        return new MountBatch(this);
    }

    /** The sum of the disk usage of the persistent mounts; non-persistent ones count 0. */
    @Override
    public long diskUsage() {
        checkOpen("diskUsage");
        long[] total = {0};
        forEachMount("getting disk usage at ", m -> total[0] += PersistentDatastore.diskUsageOf(m.datastore()));
        return total[0];
    }

    @Override
    public void check() {
        checkOpen("check");
        forEachMount("checking datastore at ", m -> {
            if (m.datastore() instanceof CheckedDatastore c) {
                c.check();
            }
        });
    }

    @Override
    public void scrub() {
        checkOpen("scrub");
        forEachMount("scrubbing datastore at ", m -> {
            if (m.datastore() instanceof ScrubbedDatastore s) {
                s.scrub();
            }
        });
    }

    @Override
    public void collectGarbage() {
        checkOpen("collectGarbage");
        forEachMount("gc on datastore at ", m -> {
            if (m.datastore() instanceof GcDatastore g) {
                g.collectGarbage();
            }
        });
    }

    /** Closes every mounted datastore, even when some fail; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            forEachMount("closing datastore at ", m -> m.datastore().close());
        }
    }

    private void forEachMount(String context, Consumer<Mount> action) {
        JoinedErrors errors = new JoinedErrors();
        for (Mount m : mounts) {
            errors.run(context + m.prefix(), () -> action.accept(m));
        }
        errors.throwIfAny();
    }

    @Override
    public String toString() {
        return mounts.stream().map(m -> m.prefix() + "=" + m.datastore())
                .collect(Collectors.joining(", ", "MountDatastore[", "]"));
    }
}
