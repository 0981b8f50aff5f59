package io.github.blobds.bench;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A blobds datastore (flatfs or levelds) through the go-datastore API, optionally on a BlobFS whose
 * device counts flushes.
 */
final class DatastoreStore implements Store {

    private final Batching ds;
    private final BlobFileSystem blobfs;
    private final CountingDevice device;
    private final Runnable afterClose;
    private final boolean flatfs;

    /**
     * @param blobfs     the BlobFS the datastore lives on, closed after it; null on the local disk
     * @param device     the counting device under that BlobFS, closed last; null where flushes are not counted
     * @param afterClose what to release after the BlobFS (an SPDK bdev), or null
     */
    DatastoreStore(Batching ds, BlobFileSystem blobfs, CountingDevice device, Runnable afterClose, boolean flatfs) {
        this.ds = ds;
        this.blobfs = blobfs;
        this.device = device;
        this.afterClose = afterClose;
        this.flatfs = flatfs;
    }

    @Override
    public void put(String key, byte[] value) {
        ds.put(Key.raw(key), value);
    }

    @Override
    public void putBatch(List<String> keys, byte[] value) {
        Batch batch = ds.batch();
        for (String key : keys) {
            batch.put(Key.raw(key), value);
        }
        batch.commit();
    }

    @Override
    public int get(String key) {
        return ds.get(Key.raw(key)).length;
    }

    @Override
    public Scan prefixQuery(String prefix) {
        return scan(ds, Query.builder().prefix(prefix).build());
    }

    @Override
    public Scan keysOnlyAll() {
        return scan(ds, Query.builder().keysOnly(true).build());
    }

    private static Scan scan(Datastore ds, Query query) {
        long entries = 0;
        long bytes = 0;
        try (Results results = ds.query(query)) {
            for (Entry e : results) {
                entries++;
                if (e.value() != null) {
                    bytes += e.value().length;
                }
            }
        }
        return new Scan(entries, bytes);
    }

    @Override
    public long flushes() {
        return device == null ? -1 : device.flushes();
    }

    /**
     * flatfs with sync: a put forces its temp file and the shard directory (and the root when it makes a
     * shard directory); a batch forces each file, then each touched directory and the root once. levelds
     * with syncWrites: one forced log write per put or batch.
     */
    @Override
    public double designFsyncs(Phase phase, int batch) {
        if (blobfs != null) {
            return Double.NaN; // BlobFS on SPDK: its flushes are not counted, and no design figure stands for them
        }
        if (flatfs) {
            return phase == Phase.PUT_ONE ? 2 : 1 + 2.0 / batch;
        }
        return phase == Phase.PUT_ONE ? 1 : 1.0 / batch;
    }

    @Override
    public void close() {
        ds.close();
        if (blobfs != null) {
            try {
                blobfs.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (device != null) {
                    device.close();
                }
                if (afterClose != null) {
                    afterClose.run();
                }
            }
        }
    }
}
