package io.github.blobds.levelds;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import org.iq80.leveldb.impl.WriteBatchImpl;

/**
 * A LevelDB write batch (go-ds-leveldb's {@code leveldbBatch}): operations recorded in order and
 * applied atomically by one log write on {@link #commit()}, so the last operation on a key wins. Values
 * are copied when recorded. Not reusable after commit; not safe for concurrent use.
 */
final class LeveldbBatch implements Batch {

    private final LeveldbDatastore owner;
    private final WriteBatchImpl batch = new WriteBatchImpl();
    private boolean committed;

    LeveldbBatch(LeveldbDatastore owner) {
        this.owner = owner;
    }

    @Override
    public void put(Key key, byte[] value) {
        InvalidArgumentException.requireKey(key);
        InvalidArgumentException.requireValue(key, value);
        check("batch put", key);
        batch.put(key.bytes(), value.clone());
    }

    @Override
    public void delete(Key key) {
        InvalidArgumentException.requireKey(key);
        check("batch delete", key);
        batch.delete(key.bytes());
    }

    @Override
    public void commit() {
        check("batch commit", "of " + batch.size() + " operations");
        committed = true;
        owner.commit(batch, batch.size());
    }

    private void check(String operation, Object subject) {
        if (committed) {
            throw new ClosedException(operation + " " + subject + " on a batch of " + owner + " that was already committed");
        }
        owner.checkOpen(operation, subject);
    }

    @Override
    public String toString() {
        return "LeveldbBatch[" + owner + ", " + batch.size() + " operations" + (committed ? ", committed" : "") + "]";
    }
}
