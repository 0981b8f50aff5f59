package io.github.blobds.bench;

import java.util.List;

/**
 * What a contender must do for the workloads, and no more: keys are go-datastore key strings (the peers
 * store their UTF-8 bytes), values are byte arrays. Every write is durable when it returns (the store's
 * synced mode). One thread.
 */
interface Store extends AutoCloseable {

    /** Stores one value, durably. */
    void put(String key, byte[] value);

    /** Stores {@code value} under every key with one durable commit. */
    void putBatch(List<String> keys, byte[] value);

    /** Reads the value of a stored key; returns its length. */
    int get(String key);

    /** Every entry whose key is below {@code prefix} (a key such as {@code /r/3f}), values included. */
    Scan prefixQuery(String prefix);

    /** Every key, without values. */
    Scan keysOnlyAll();

    /** Device flushes so far, or -1 when this store cannot count them (then {@link #designFsyncs} tells). */
    long flushes();

    /** fsyncs per put that the store's design issues in {@code phase} on a local disk, with {@code batch} puts per batch. */
    double designFsyncs(Phase phase, int batch);

    @Override
    void close();

    /** What a query returned: entries and value bytes. */
    record Scan(long entries, long bytes) {
    }
}
