package io.github.blobds.measure;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.CheckedDatastore;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Feature;
import io.github.blobds.datastore.ForwardingDatastore;
import io.github.blobds.datastore.GcDatastore;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.PersistentDatastore;
import io.github.blobds.datastore.ScrubbedDatastore;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumSet;
import java.util.Set;

/**
 * Counts, times and sizes every call to a datastore on a Micrometer {@link MeterRegistry}: a port of
 * go-ds-measure ({@code measure.New(prefix, ds)}, v0.2.2), with the same metrics and semantics.
 *
 * <h2>Metrics</h2>
 * For each operation {@code put, sync, get, has, getsize, delete, query, check, scrub, gc, du, batchput,
 * batchdelete, batchcommit}: a call counter {@code <prefix>.<op>}, an error counter
 * {@code <prefix>.<op>.errors} and a latency timer {@code <prefix>.<op>.latency} whose histogram has
 * exactly go's buckets 1e-4, 1e-3, 1e-2, 0.1 and 1 s; for {@code put}, {@code get} and
 * {@code batchput} also a size summary {@code <prefix>.<op>.size} in bytes with go's buckets 64, 4096,
 * 262144 and 16777216 — 45 meters, registered when the wrapper is made, without tags. On a Prometheus
 * registry they scrape as go-ds-measure's families under go-metrics-prometheus (dots become
 * underscores): for prefix {@code flatfs.datastore}, {@code flatfs_datastore_put_total},
 * {@code flatfs_datastore_put_errors_total}, {@code flatfs_datastore_put_latency_seconds_bucket},
 * {@code flatfs_datastore_put_size_bytes_bucket}, …; Micrometer adds its own {@code _max} gauges. The
 * bucket bounds equal go's as numbers, but the Prometheus Java client spells them its own way
 * ({@code le="1.0"}, {@code le="1.0E-4"} where Go writes {@code le="1"}, {@code le="0.0001"}). Two
 * wrappers with the same prefix on one registry share their meters. Time comes from the registry's
 * {@link io.micrometer.core.instrument.Clock}.
 *
 * <h2>What counts</h2>
 * Every measured call increments its counter, runs, increments the error counter when it throws, and
 * records its elapsed time whether it threw or not; the exception is rethrown unchanged. A
 * {@link NotFoundException} from {@code get} or {@code getSize} is not an error; {@code has} counts every
 * exception. The put and batch-put sizes are observed before the call, always; the get size only when a
 * value comes back. The query latency covers creating the {@link Results}, not iterating them, and errors
 * met while iterating are not counted. Creating a batch and {@link #close()} are not measured.
 *
 * <h2>Features</h2>
 * The view returned by {@link #wrap} is {@link io.github.blobds.datastore.Batching} only when the child
 * is (go's {@code ErrBatchUnsupported} otherwise), and is always {@link CheckedDatastore},
 * {@link ScrubbedDatastore}, {@link GcDatastore} and {@link PersistentDatastore}: {@code check},
 * {@code scrub} and {@code collectGarbage} on a child without the feature are counted and timed and
 * return normally, and {@code diskUsage} then returns 0. It is never a
 * {@link io.github.blobds.datastore.TxnDatastore}. Thread safety is the child's: the meters are safe for
 * concurrent use.
 */
public final class MeasureDatastore extends ForwardingDatastore {

    private final String metricPrefix;
    private final OperationMeters put;
    private final OperationMeters sync;
    private final OperationMeters get;
    private final OperationMeters has;
    private final OperationMeters getSize;
    private final OperationMeters delete;
    private final OperationMeters query;
    private final OperationMeters check;
    private final OperationMeters scrub;
    private final OperationMeters gc;
    private final OperationMeters du;
    private final OperationMeters batchPut;
    private final OperationMeters batchDelete;
    private final OperationMeters batchCommit;

    /** The unscoped wrapper; {@link #wrap} hands out its view. */
    MeasureDatastore(String prefix, Datastore child, MeterRegistry registry) {
        super(child);
        this.metricPrefix = InvalidArgumentException.requireNonNull(prefix, "metric prefix");
        if (prefix.isEmpty()) {
            throw new InvalidArgumentException("metric prefix is empty");
        }
        InvalidArgumentException.requireNonNull(registry, "meter registry");
        this.put = new OperationMeters(registry, prefix, Operation.PUT);
        this.sync = new OperationMeters(registry, prefix, Operation.SYNC);
        this.get = new OperationMeters(registry, prefix, Operation.GET);
        this.has = new OperationMeters(registry, prefix, Operation.HAS);
        this.getSize = new OperationMeters(registry, prefix, Operation.GETSIZE);
        this.delete = new OperationMeters(registry, prefix, Operation.DELETE);
        this.query = new OperationMeters(registry, prefix, Operation.QUERY);
        this.check = new OperationMeters(registry, prefix, Operation.CHECK);
        this.scrub = new OperationMeters(registry, prefix, Operation.SCRUB);
        this.gc = new OperationMeters(registry, prefix, Operation.GC);
        this.du = new OperationMeters(registry, prefix, Operation.DU);
        this.batchPut = new OperationMeters(registry, prefix, Operation.BATCHPUT);
        this.batchDelete = new OperationMeters(registry, prefix, Operation.BATCHDELETE);
        this.batchCommit = new OperationMeters(registry, prefix, Operation.BATCHCOMMIT);
    }

    /**
     * {@code child} measured on {@code registry} under metric names starting with {@code prefix} and a
     * dot (go's {@code measure.New}); kubo's prefixes are such as {@code flatfs.datastore}. The meters are
     * registered before this returns.
     *
     * @param prefix the start of every metric name, such as {@code flatfs.datastore}
     * @param child the datastore to measure; the view has its batching
     * @param registry where the meters are registered; its clock times the calls
     * @return the measured view of {@code child}
     * @throws InvalidArgumentException when an argument is null or the prefix is empty
     */
    public static Datastore wrap(String prefix, Datastore child, MeterRegistry registry) {
        MeasureDatastore measured = new MeasureDatastore(prefix, child, registry);
        Set<Feature> features = EnumSet.of(Feature.CHECKED, Feature.GC, Feature.PERSISTENT, Feature.SCRUBBED);
        if (Feature.BATCHING.isPresentIn(child)) {
            features.add(Feature.BATCHING);
        }
        return Feature.scoped(measured, features);
    }

    @Override
    public void put(Key key, byte[] value) {
        put.observeSize(value);
        put.run(() -> super.put(key, value));
    }

    @Override
    public void sync(Key prefix) {
        sync.run(() -> super.sync(prefix));
    }

    @Override
    public byte[] get(Key key) {
        byte[] value = get.call(() -> super.get(key), NotFoundException.class);
        get.observeSize(value);
        return value;
    }

    @Override
    public boolean has(Key key) {
        return has.call(() -> super.has(key));
    }

    @Override
    public int getSize(Key key) {
        return getSize.call(() -> super.getSize(key), NotFoundException.class);
    }

    @Override
    public void delete(Key key) {
        delete.run(() -> super.delete(key));
    }

    @Override
    public Results query(Query q) {
        return query.call(() -> super.query(q));
    }

    @Override
    public void check() {
        check.run(() -> {
            if (delegate() instanceof CheckedDatastore checked) {
                checked.check();
            }
        });
    }

    @Override
    public void scrub() {
        scrub.run(() -> {
            if (delegate() instanceof ScrubbedDatastore scrubbed) {
                scrubbed.scrub();
            }
        });
    }

    @Override
    public void collectGarbage() {
        gc.run(() -> {
            if (delegate() instanceof GcDatastore collected) {
                collected.collectGarbage();
            }
        });
    }

    @Override
    public long diskUsage() {
        return du.call(() -> PersistentDatastore.diskUsageOf(delegate()));
    }

    /** A measured batch of the child's; creating it is not measured. @throws io.github.blobds.datastore.UnsupportedFeatureException when the child is not Batching */
    @Override
    public Batch batch() {
        return new MeasuredBatch(super.batch(), batchPut, batchDelete, batchCommit);
    }

    @Override
    public String toString() {
        return "MeasureDatastore[" + metricPrefix + "](" + delegate() + ")";
    }
}
