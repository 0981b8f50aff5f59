package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Buffers puts and deletes in memory and writes them to a {@link Batching} child in batches
 * (go-datastore's {@code autobatch}). The buffer is flushed when it holds more than {@code size}
 * distinct keys, before every query, on {@link #sync} (only the keys under the prefix) and on
 * {@link #close()}. Reads consult the buffer first.
 *
 * <p>Not durable until flushed: a crash loses buffered writes. If a flush's commit fails, the flushed
 * operations are lost (as in go). Not itself {@link Batching}; has the child's other features. Not
 * safe for concurrent use; wrap it in {@link SynchronizedDatastore}.
 */
public final class AutoBatchingDatastore extends ForwardingDatastore {

    private static final byte[] DELETED = new byte[0];

    private final Batching child;
    private final int size;
    private final Map<Key, byte[]> buffer = new LinkedHashMap<>();
    private boolean closed;

    private AutoBatchingDatastore(Batching child, int size) {
        super(child);
        this.child = child;
        if (size < 0) {
            throw new InvalidArgumentException("autobatch size must be >= 0, got " + size);
        }
        this.size = size;
    }

    /** {@code child} behind a buffer of up to {@code size} keys. */
    public static Datastore wrap(Batching child, int size) {
        EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
        features.addAll(Feature.of(child));
        features.remove(Feature.BATCHING);
        return Feature.scoped(new AutoBatchingDatastore(child, size), features);
    }

    @Override
    public byte[] get(Key key) {
        byte[] v = buffer.get(InvalidArgumentException.requireKey(key));
        if (v == DELETED) {
            throw new NotFoundException(key);
        }
        return v != null ? v.clone() : super.get(key);
    }

    @Override
    public boolean has(Key key) {
        byte[] v = buffer.get(InvalidArgumentException.requireKey(key));
        if (v != null) {
            return v != DELETED;
        }
        return super.has(key);
    }

    @Override
    public int getSize(Key key) {
        byte[] v = buffer.get(InvalidArgumentException.requireKey(key));
        if (v == DELETED) {
            throw new NotFoundException(key);
        }
        return v != null ? v.length : super.getSize(key);
    }

    @Override
    public void put(Key key, byte[] value) {
        checkOpen(key, "put");
        buffer.put(key, InvalidArgumentException.requireValue(key, value).clone());
        flushIfFull();
    }

    @Override
    public void delete(Key key) {
        checkOpen(key, "delete");
        buffer.put(key, DELETED);
        flushIfFull();
    }

    private void checkOpen(Key key, String operation) {
        InvalidArgumentException.requireKey(key);
        if (closed) {
            throw ClosedException.of(this, operation);
        }
    }

    private void flushIfFull() {
        if (buffer.size() > size) {
            flush();
        }
    }

    /** Writes every buffered operation to the child in one batch. */
    public void flush() {
        Batch b = child.batch();
        buffer.forEach((k, v) -> apply(b, k, v));
        buffer.clear();
        b.commit();
    }

    private static void apply(Batch b, Key k, byte[] v) {
        if (v == DELETED) {
            b.delete(k);
        } else {
            b.put(k, v);
        }
    }

    /** Writes the buffered operations on {@code prefix} and below to the child (it does not sync the child). */
    @Override
    public void sync(Key prefix) {
        InvalidArgumentException.requireKey(prefix);
        Batch b = child.batch();
        for (Iterator<Map.Entry<Key, byte[]>> it = buffer.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, byte[]> e = it.next();
            if (e.getKey().equals(prefix) || prefix.isAncestorOf(e.getKey())) {
                apply(b, e.getKey(), e.getValue());
                it.remove();
            }
        }
        b.commit();
    }

    @Override
    public Results query(Query query) {
        flush();
        return super.query(query);
    }

    @Override
    public Batch batch() {
        throw new UnsupportedFeatureException(Feature.BATCHING, this);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
        } finally {
            super.close();
        }
    }
}
