package io.github.blobds.bench;

import java.util.Locale;

/** One timed step of a {@link Workload}; {@link #op()} says what one latency sample measures. */
public enum Phase {
    /** Synced puts, one at a time: one sample per put. */
    PUT_ONE("put, synced, one at a time", "put"),
    /** Puts in batches, one synced commit per batch: one sample per batch; ops/s counts puts. */
    PUT_BATCH("put, synced, in batches", "batch"),
    /** Gets of stored keys in random order: one sample per get. */
    GET("get, random", "get"),
    /** Queries of a random key prefix returning values: one sample per query. */
    PREFIX_QUERY("prefix query", "query"),
    /** One keys-only query of every key: ops/s counts keys, the one sample is the whole query. */
    KEYS_ALL("keys-only query of all", "whole query");

    private final String title;
    private final String op;

    Phase(String title, String op) {
        this.title = title;
        this.op = op;
    }

    /** A human title, for the table and the chart. */
    public String title() {
        return title;
    }

    /** What one latency sample times. */
    public String op() {
        return op;
    }

    /** The name used in the CSV: {@code put-one}, {@code put-batch}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
