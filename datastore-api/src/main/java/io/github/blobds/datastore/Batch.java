package io.github.blobds.datastore;

/**
 * Writes collected and applied together by {@link #commit()}, go-datastore's {@code Batch}.
 *
 * <p>A batch is <em>not</em> transactional: a failing commit may leave some of its operations applied,
 * and readers may see them applied one by one. Nothing is applied before {@code commit()}. For the basic
 * batch the last operation on a key wins. A batch must not be used after {@code commit()}: a new one is
 * needed.
 */
public interface Batch {

    /** Records a put of {@code value} at {@code key}. */
    void put(Key key, byte[] value);

    /** Records a delete of {@code key}. */
    void delete(Key key);

    /** Applies the recorded operations. */
    void commit();
}
