package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;

/**
 * Injects failures for tests (go-datastore's {@code failstore}): before each operation it calls the
 * injector with the operation's name, and the injector fails the operation by throwing. Names, as in
 * go: {@code put, sync, get, has, getsize, delete, query, disk-usage, batch, batch-put, batch-delete,
 * batch-commit}, and, beyond go, {@code check, scrub, gc}. {@code close} is not intercepted. Has the
 * features of its child.
 */
public final class FailingDatastore extends ForwardingDatastore {

    /** Decides whether an operation fails: throw to fail it, return to let it run. */
    @FunctionalInterface
    public interface Injector {
        void before(String operation);
    }

    private final Injector injector;

    private FailingDatastore(Datastore child, Injector injector) {
        super(child);
        this.injector = InvalidArgumentException.requireNonNull(injector, "failure injector");
    }

    /** {@code child} with failures decided by {@code injector}. */
    public static Datastore wrap(Datastore child, Injector injector) {
        return new FailingDatastore(child, injector).scoped();
    }

    @Override
    public void put(Key key, byte[] value) {
        injector.before("put");
        super.put(key, value);
    }

    @Override
    public void sync(Key prefix) {
        injector.before("sync");
        super.sync(prefix);
    }

    @Override
    public byte[] get(Key key) {
        injector.before("get");
        return super.get(key);
    }

    @Override
    public boolean has(Key key) {
        injector.before("has");
        return super.has(key);
    }

    @Override
    public int getSize(Key key) {
        injector.before("getsize");
        return super.getSize(key);
    }

    @Override
    public void delete(Key key) {
        injector.before("delete");
        super.delete(key);
    }

    @Override
    public Results query(Query query) {
        injector.before("query");
        return super.query(query);
    }

    @Override
    public long diskUsage() {
        injector.before("disk-usage");
        return super.diskUsage();
    }

    @Override
    public void check() {
        injector.before("check");
        super.check();
    }

    @Override
    public void scrub() {
        injector.before("scrub");
        super.scrub();
    }

    @Override
    public void collectGarbage() {
        injector.before("gc");
        super.collectGarbage();
    }

    @Override
    public Batch batch() {
        injector.before("batch");
        Batch batch = super.batch();
        return new Batch() {
            @Override
            public void put(Key key, byte[] value) {
                injector.before("batch-put");
                batch.put(key, value);
            }

            @Override
            public void delete(Key key) {
                injector.before("batch-delete");
                batch.delete(key);
            }

            @Override
            public void commit() {
                injector.before("batch-commit");
                batch.commit();
            }
        };
    }
}
