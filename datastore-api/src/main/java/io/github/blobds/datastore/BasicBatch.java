package io.github.blobds.datastore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * go-datastore's basic batch: records puts and deletes in memory, the last operation on a key winning,
 * and applies them to the target one by one on {@link #commit()}, stopping at the first error. Not
 * atomic. The batch cannot be used after {@code commit()}. Not safe for concurrent use.
 */
public final class BasicBatch implements Batch {

    private final Datastore target;
    private final Map<Key, byte[]> ops = new LinkedHashMap<>();
    private boolean committed;

    /** A batch applying its operations to {@code target}. */
    public BasicBatch(Datastore target) {
        this.target = InvalidArgumentException.requireNonNull(target, "batch target");
    }

    @Override
    public void put(Key key, byte[] value) {
        check(key, "put");
        ops.put(key, InvalidArgumentException.requireValue(key, value).clone());
    }

    @Override
    public void delete(Key key) {
        check(key, "delete");
        ops.put(key, null);
    }

    @Override
    public void commit() {
        check(Key.ROOT, "commit");
        committed = true;
        for (Map.Entry<Key, byte[]> op : ops.entrySet()) {
            if (op.getValue() == null) {
                target.delete(op.getKey());
            } else {
                target.put(op.getKey(), op.getValue());
            }
        }
        ops.clear();
    }

    private void check(Key key, String operation) {
        InvalidArgumentException.requireKey(key);
        if (committed) {
            throw new ClosedException(operation + " on a batch of " + target + " that was already committed");
        }
    }
}
