package io.github.blobds.compose;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.ForwardingDatastore;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The root of a composed tree: forwards every call to the spec's root datastore, and on {@link #close()}
 * closes what the tree owns in reverse order of creation — the root (which closes its children, each
 * once), then shared BlobFS file systems, Blobstores and devices. Seen through the root's features;
 * {@link #children()} is the root.
 */
final class ComposedDatastore extends ForwardingDatastore {

    private final List<Assembly.Owned> owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ComposedDatastore(Datastore root, List<Assembly.Owned> owned) {
        super(root);
        this.owned = owned;
    }

    static Batching of(Datastore root, List<Assembly.Owned> owned) {
        return (Batching) new ComposedDatastore(root, owned).scoped();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            RuntimeException failure = closeAll(owned, null);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Closes {@code owned} in reverse order, every one even when some fail. Failures are added to
     * {@code pending} when given (and it is returned), else the first is returned with the others suppressed.
     */
    static RuntimeException closeAll(List<Assembly.Owned> owned, RuntimeException pending) {
        RuntimeException first = pending;
        for (Assembly.Owned o : owned.reversed()) {
            try {
                o.resource().close();
            } catch (Exception e) {
                DatastoreException failure = new DatastoreException("closing " + o.what() + ": " + e.getMessage(), e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "ComposedDatastore(" + delegate() + ")";
    }
}
