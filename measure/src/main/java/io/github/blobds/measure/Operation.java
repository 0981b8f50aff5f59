package io.github.blobds.measure;

/**
 * The measured operations of go-ds-measure, each with the name segment of its metrics and the words of
 * go's help texts. Three carry a size histogram: put, get and batch put.
 */
enum Operation {
    PUT("put", "Datastore.Put", "stored byte slices"),
    SYNC("sync", "Datastore.Sync", null),
    GET("get", "Datastore.Get", "retrieved byte slices"),
    HAS("has", "Datastore.Has", null),
    GETSIZE("getsize", "Datastore.GetSize", null),
    DELETE("delete", "Datastore.Delete", null),
    QUERY("query", "Datastore.Query", null),
    CHECK("check", "Datastore.Check", null),
    SCRUB("scrub", "Datastore.Scrub", null),
    GC("gc", "Datastore.CollectGarbage", null),
    DU("du", "Datastore.DiskUsage", null),
    BATCHPUT("batchput", "Batch.Put", "byte slices put into batches"),
    BATCHDELETE("batchdelete", "Batch.Delete", null),
    BATCHCOMMIT("batchcommit", "Batch.Commit", null);

    private final String segment;
    private final String method;
    private final String sized;

    Operation(String segment, String method, String sized) {
        this.segment = segment;
        this.method = method;
        this.sized = sized;
    }

    /** The name segment after the prefix, such as {@code put}. */
    String segment() {
        return segment;
    }

    /** go's name of the measured method, such as {@code Datastore.Put}. */
    String method() {
        return method;
    }

    /** Whether the operation has a size histogram. */
    boolean hasSize() {
        return sized != null;
    }

    /** What the size histogram measures, in go's words, such as {@code stored byte slices}. */
    String sized() {
        return sized;
    }
}
