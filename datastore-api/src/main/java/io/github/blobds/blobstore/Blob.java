package io.github.blobds.blobstore;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * An open handle on a blob: an ordered list of clusters plus xattrs and flags (SPDK's
 * {@code spdk_blob}). I/O offsets and lengths are in io_units; the length of a transfer is the
 * buffer's remaining bytes, which must be a whole number of io_units. Handles are safe to use from
 * any thread; closing a handle twice does nothing, using a closed handle throws {@code EBADF}.
 *
 * <p>Not durable until {@link #syncMetadata()} or {@link #close()}: {@link #resize}, xattr changes,
 * {@link #setReadOnly()}. Durable when they return: data writes, including the allocation of a thin
 * blob's cluster on its first write (see {@link Blobstore} for flushing).
 */
public interface Blob extends AutoCloseable {

    BlobId id();

    /** Size in clusters. */
    long numClusters();

    /** Clusters actually allocated (less than {@link #numClusters()} for thin blobs). */
    long numAllocatedClusters();

    /** Size in io_units. */
    long numIoUnits();

    boolean isThinProvisioned();

    /** Whether the blob's data and metadata are read-only (after {@link #setReadOnly()} and a sync). */
    boolean isReadOnly();

    /**
     * Changes the size. Growing a thick blob claims clusters at once (lowest free first); shrinking
     * frees clusters at the next sync.
     *
     * @throws BlobstoreException {@code ENOSPC} when clusters run out, {@code EPERM} when read-only
     */
    void resize(long numClusters);

    /** Persists xattrs, size, flags and the cluster map (durable on return). */
    void syncMetadata();

    /** Reads {@code dst.remaining()} bytes from io_unit {@code offset}; unallocated thin clusters read as zeroes. */
    void read(long offset, ByteBuffer dst);

    /**
     * Writes {@code src.remaining()} bytes at io_unit {@code offset}. An empty transfer succeeds wherever
     * it is (as in SPDK); a read-only blob is checked first.
     *
     * @throws BlobstoreException {@code EPERM} when read-only, {@code EINVAL} past the end or for a partial io_unit
     */
    void write(long offset, ByteBuffer src);

    /** Writes zeroes over {@code length} io_units. */
    void writeZeroes(long offset, long length);

    /** Unmaps {@code length} io_units; on a thin blob, whole allocated clusters covered are freed. */
    void unmap(long offset, long length);

    /** Sets a public xattr; replacing keeps its position. @throws BlobstoreException {@code ENOMEM} when 9 + name + value bytes exceed 4072 */
    void setXattr(String name, byte[] value);

    /** The value of a public xattr. @throws BlobstoreException {@code ENOENT} when absent */
    byte[] getXattr(String name);

    /** Removes a public xattr. @throws BlobstoreException {@code ENOENT} when absent */
    void removeXattr(String name);

    /** Public xattr names, in order. */
    List<String> xattrNames();

    /** Marks the blob read-only; effective after the next sync. */
    void setReadOnly();

    /** Closes this handle, persisting the blob's metadata first if it is dirty. Idempotent. */
    @Override
    void close();
}
