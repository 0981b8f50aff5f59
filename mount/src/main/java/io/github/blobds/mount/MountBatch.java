package io.github.blobds.mount;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Feature;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.UnsupportedFeatureException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A batch over a {@link MountDatastore} (go-datastore's {@code mountBatch}): one child batch per mount,
 * created on the first put or delete routed to that mount. Safe for concurrent use: one lock guards the
 * child batches. Not reusable after {@link #commit()}.
 */
final class MountBatch implements Batch {

    private final MountDatastore owner;
    private final Map<Key, Batch> batches = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean committed;

    MountBatch(MountDatastore owner) {
        this.owner = owner;
    }

    @Override
    public void put(Key key, byte[] value) {
        InvalidArgumentException.requireKey(key);
        InvalidArgumentException.requireValue(key, value);
        lock.lock();
        try {
            Route route = route(key, "batch put");
            childBatch(route).put(route.rest(), value);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(Key key) {
        InvalidArgumentException.requireKey(key);
        lock.lock();
        try {
            Route route = route(key, "batch delete");
            childBatch(route).delete(route.rest());
        } finally {
            lock.unlock();
        }
    }

    /** Commits every child batch, in the order the mounts were first used; their errors are joined. */
    @Override
    public void commit() {
        lock.lock();
        try {
            checkUsable("batch commit");
            committed = true;
            JoinedErrors errors = new JoinedErrors();
            batches.forEach((prefix, batch) -> errors.run("committing batch to datastore at " + prefix, batch::commit));
            batches.clear();
            errors.throwIfAny();
        } finally {
            lock.unlock();
        }
    }

    private Route route(Key key, String operation) {
        checkUsable(operation);
        return owner.lookup(key).orElseThrow(() -> {
            UnsupportedFeatureException e = new UnsupportedFeatureException(Feature.BATCHING, "no datastore mounted for key " + key);
            e.initCause(new NoMountException(key));
            return e;
        });
    }

    private Batch childBatch(Route route) {
        Batch batch = batches.get(route.prefix());
        if (batch == null) {
            if (!(route.datastore() instanceof Batching child)) {
                throw new UnsupportedFeatureException(Feature.BATCHING, "datastore at " + route.prefix() + " (" + route.datastore() + ")");
            }
            batch = child.batch();
            batches.put(route.prefix(), batch);
        }
        return batch;
    }

    private void checkUsable(String operation) {
        owner.checkOpen(operation);
        if (committed) {
            throw new ClosedException(operation + " on a batch of " + owner + " that was already committed");
        }
    }
}
