package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Logs every call, then forwards it (go-datastore's {@code LogDatastore}). Logs go to
 * {@link System.Logger} {@code io.github.blobds.datastore.LogDatastore} at {@code DEBUG}, so the module
 * needs no logging library; route them with any {@code System.LoggerFinder}. Has the features of its
 * child.
 */
public final class LogDatastore extends ForwardingDatastore {

    private static final Logger LOG = System.getLogger(LogDatastore.class.getName());

    private final String name;

    private LogDatastore(Datastore child, String name) {
        super(child);
        this.name = name == null || name.isEmpty() ? "LogDatastore" : name;
    }

    /** {@code child} with every call logged under {@code name} ({@code "LogDatastore"} when empty). */
    public static Datastore wrap(Datastore child, String name) {
        return new LogDatastore(child, name).scoped();
    }

    private void log(String format, Object... args) {
        LOG.log(Level.DEBUG, () -> name + ": " + String.format(format, args));
    }

    @Override
    public void put(Key key, byte[] value) {
        log("Put %s", key);
        super.put(key, value);
    }

    @Override
    public void sync(Key prefix) {
        log("Sync %s", prefix);
        super.sync(prefix);
    }

    @Override
    public byte[] get(Key key) {
        log("Get %s", key);
        return super.get(key);
    }

    @Override
    public boolean has(Key key) {
        log("Has %s", key);
        return super.has(key);
    }

    @Override
    public int getSize(Key key) {
        log("GetSize %s", key);
        return super.getSize(key);
    }

    @Override
    public void delete(Key key) {
        log("Delete %s", key);
        super.delete(key);
    }

    @Override
    public long diskUsage() {
        log("DiskUsage");
        return super.diskUsage();
    }

    @Override
    public Results query(Query query) {
        log("Query %s", query);
        return super.query(query);
    }

    @Override
    public Batch batch() {
        log("Batch");
        Batch batch = super.batch();
        return new Batch() {
            @Override
            public void put(Key key, byte[] value) {
                log("BatchPut %s", key);
                batch.put(key, value);
            }

            @Override
            public void delete(Key key) {
                log("BatchDelete %s", key);
                batch.delete(key);
            }

            @Override
            public void commit() {
                log("BatchCommit");
                batch.commit();
            }
        };
    }

    @Override
    public void check() {
        log("Check");
        super.check();
    }

    @Override
    public void scrub() {
        log("Scrub");
        super.scrub();
    }

    @Override
    public void collectGarbage() {
        log("CollectGarbage");
        super.collectGarbage();
    }

    @Override
    public void close() {
        log("Close");
        super.close();
    }

    @Override
    public String toString() {
        return name + "(" + delegate() + ")";
    }
}
