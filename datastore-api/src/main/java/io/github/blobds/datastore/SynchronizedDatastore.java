package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.EnumSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Makes any datastore safe for concurrent use with one read-write lock (go-datastore's
 * {@code sync.MutexWrap}). Reads (get, has, getSize, query, diskUsage) share the lock; writes, sync,
 * maintenance, close and every batch operation take it exclusively. A query runs to completion under
 * the read lock and its results are then served from memory. Has the features of its child except
 * transactions.
 */
public final class SynchronizedDatastore extends ForwardingDatastore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private SynchronizedDatastore(Datastore child) {
        super(child);
    }

    /** {@code child} behind a read-write lock. */
    public static Datastore wrap(Datastore child) {
        SynchronizedDatastore ds = new SynchronizedDatastore(child);
        EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
        features.addAll(Feature.of(child));
        features.remove(Feature.TRANSACTION);
        return Feature.scoped(ds, features);
    }

    private static <T> T locked(Lock lock, Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static void locked(Lock lock, Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public byte[] get(Key key) {
        return locked(lock.readLock(), () -> super.get(key));
    }

    @Override
    public boolean has(Key key) {
        return locked(lock.readLock(), () -> super.has(key));
    }

    @Override
    public int getSize(Key key) {
        return locked(lock.readLock(), () -> super.getSize(key));
    }

    @Override
    public Results query(Query query) {
        return locked(lock.readLock(), () -> {
            try (Results r = super.query(query)) {
                return Results.of(query, r.rest());
            }
        });
    }

    @Override
    public long diskUsage() {
        return locked(lock.readLock(), super::diskUsage);
    }

    @Override
    public void put(Key key, byte[] value) {
        locked(lock.writeLock(), () -> super.put(key, value));
    }

    @Override
    public void delete(Key key) {
        locked(lock.writeLock(), () -> super.delete(key));
    }

    @Override
    public void sync(Key prefix) {
        locked(lock.writeLock(), () -> super.sync(prefix));
    }

    @Override
    public void check() {
        locked(lock.writeLock(), super::check);
    }

    @Override
    public void scrub() {
        locked(lock.writeLock(), super::scrub);
    }

    @Override
    public void collectGarbage() {
        locked(lock.writeLock(), super::collectGarbage);
    }

    @Override
    public void close() {
        locked(lock.writeLock(), super::close);
    }

    @Override
    public Txn newTransaction(boolean readOnly) {
        throw new UnsupportedFeatureException(Feature.TRANSACTION, this);
    }

    @Override
    public Batch batch() {
        Batch batch = locked(lock.readLock(), super::batch);
        return new Batch() {
            @Override
            public void put(Key key, byte[] value) {
                locked(lock.writeLock(), () -> batch.put(key, value));
            }

            @Override
            public void delete(Key key) {
                locked(lock.writeLock(), () -> batch.delete(key));
            }

            @Override
            public void commit() {
                locked(lock.writeLock(), batch::commit);
            }
        };
    }
}
