package io.github.blobds.measure;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Key;

/** A child's batch with its put, delete and commit measured (go-ds-measure's {@code measuredBatch}). */
final class MeasuredBatch implements Batch {

    private final Batch batch;
    private final OperationMeters put;
    private final OperationMeters delete;
    private final OperationMeters commit;

    MeasuredBatch(Batch batch, OperationMeters put, OperationMeters delete, OperationMeters commit) {
        this.batch = batch;
        this.put = put;
        this.delete = delete;
        this.commit = commit;
    }

    @Override
    public void put(Key key, byte[] value) {
        put.observeSize(value);
        put.run(() -> batch.put(key, value));
    }

    @Override
    public void delete(Key key) {
        delete.run(() -> batch.delete(key));
    }

    @Override
    public void commit() {
        commit.run(batch::commit);
    }

    @Override
    public String toString() {
        return "MeasuredBatch(" + batch + ")";
    }
}
