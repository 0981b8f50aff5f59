package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;

/**
 * go-datastore's {@code Datastore}: a map from {@link Key} to bytes with prefix queries.
 *
 * <p>Guarantees every implementation gives (checked by the conformance kit):
 * <ul>
 *   <li>{@link #get} and {@link #getSize} throw {@link NotFoundException} for a missing key;
 *       {@link #has} returns {@code false}; {@link #delete} of a missing key does nothing.</li>
 *   <li>{@link #put} replaces an existing value. Values are copied: later changes to the array passed in
 *       or returned do not reach the store.</li>
 *   <li>{@link #sync} makes every put and delete under the prefix that returned before it durable.</li>
 *   <li>{@link #close} is idempotent; any other call after it throws {@link ClosedException}.</li>
 *   <li>A {@code null} argument throws an {@link InvalidArgumentException} naming it.</li>
 * </ul>
 * Optional capabilities are the feature interfaces ({@link Batching}, {@link CheckedDatastore},
 * {@link ScrubbedDatastore}, {@link GcDatastore}, {@link PersistentDatastore}, {@link TxnDatastore}).
 * There is no context parameter: a query is cancelled by closing its {@link Results}.
 */
public interface Datastore extends AutoCloseable {

    /** The value stored at {@code key}. @throws NotFoundException when there is none */
    byte[] get(Key key);

    /** Whether a value is stored at {@code key}. */
    boolean has(Key key);

    /** The size in bytes of the value at {@code key}. @throws NotFoundException when there is none */
    int getSize(Key key);

    /**
     * Runs {@code query}. The results may be produced lazily; close them to stop early.
     * {@link Results#query()} returns this very {@code query} instance.
     */
    Results query(Query query);

    /** Stores {@code value} at {@code key}, replacing any value there. */
    void put(Key key, byte[] value);

    /** Removes the value at {@code key}; a missing key is not an error. */
    void delete(Key key);

    /** Makes the puts and deletes under {@code prefix} that returned before this call durable. */
    void sync(Key prefix);

    /** Releases the datastore's resources; idempotent. */
    @Override
    void close();
}
