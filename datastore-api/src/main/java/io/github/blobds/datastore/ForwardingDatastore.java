package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.List;

/**
 * A datastore that forwards every call to a delegate: the base of every wrapper (log, namespace,
 * synchronisation, failure injection, mount, measure). Subclasses override what they change.
 *
 * <p>This class implements every feature interface; a feature the delegate lacks throws
 * {@link UnsupportedFeatureException}. Wrappers hand out {@link #scoped()} views, which implement only
 * the features the delegate has, so that {@code instanceof} checks tell the truth.
 */
public abstract class ForwardingDatastore implements Shim, Batching, CheckedDatastore, GcDatastore,
        PersistentDatastore, ScrubbedDatastore, TxnDatastore {

    private final Datastore delegate;

    protected ForwardingDatastore(Datastore delegate) {
        this.delegate = InvalidArgumentException.requireNonNull(delegate, "wrapped datastore");
    }

    /** The wrapped datastore. */
    protected final Datastore delegate() {
        return delegate;
    }

    /** This wrapper seen through the features its delegate has (see {@link Feature#scoped}). */
    public Datastore scoped() {
        return Feature.scoped(this, delegate);
    }

    /** The delegate as the interface of {@code feature}. @throws UnsupportedFeatureException when it lacks it */
    protected final <T extends Datastore> T delegateFeature(Feature feature) {
        if (!feature.isPresentIn(delegate)) {
            throw new UnsupportedFeatureException(feature, delegate);
        }
        @SuppressWarnings("unchecked")
        T t = (T) feature.datastoreInterface().cast(delegate);
        return t;
    }

    @Override
    public List<Datastore> children() {
        return List.of(delegate);
    }

    @Override
    public byte[] get(Key key) {
        return delegate.get(key);
    }

    @Override
    public boolean has(Key key) {
        return delegate.has(key);
    }

    @Override
    public int getSize(Key key) {
        return delegate.getSize(key);
    }

    @Override
    public Results query(Query query) {
        return delegate.query(query);
    }

    @Override
    public void put(Key key, byte[] value) {
        delegate.put(key, value);
    }

    @Override
    public void delete(Key key) {
        delegate.delete(key);
    }

    @Override
    public void sync(Key prefix) {
        delegate.sync(prefix);
    }

    @Override
    public Batch batch() {
        return this.<Batching>delegateFeature(Feature.BATCHING).batch();
    }

    @Override
    public void check() {
        this.<CheckedDatastore>delegateFeature(Feature.CHECKED).check();
    }

    @Override
    public void collectGarbage() {
        this.<GcDatastore>delegateFeature(Feature.GC).collectGarbage();
    }

    @Override
    public long diskUsage() {
        return this.<PersistentDatastore>delegateFeature(Feature.PERSISTENT).diskUsage();
    }

    @Override
    public void scrub() {
        this.<ScrubbedDatastore>delegateFeature(Feature.SCRUBBED).scrub();
    }

    @Override
    public Txn newTransaction(boolean readOnly) {
        return this.<TxnDatastore>delegateFeature(Feature.TRANSACTION).newTransaction(readOnly);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + delegate + ")";
    }
}
