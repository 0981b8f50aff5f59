package io.github.blobds.blobstore;

import java.util.List;
import java.util.Optional;

/**
 * SPDK's Blobstore as a blocking Java API: the one storage SPI of blobds, implemented by the
 * pure-Java simulator ({@code blobstore-sim}) and by SPDK itself ({@code blobfs-spdk}), with the same
 * semantics and the same errors ({@link BlobstoreException} carrying SPDK's negative errno).
 *
 * <p>Every method may be called from any thread; implementations serialise what SPDK runs on its
 * metadata thread. Sizes: a blob is a whole number of clusters ({@link #clusterSize()} bytes); blob I/O
 * is addressed in io_units ({@link #ioUnitSize()} bytes, the device block size at init); metadata
 * pages are {@link #pageSize()} = 4096 bytes.
 *
 * <p>Durability (SPDK's contract, reference §3.8): create, delete, {@link #setSuperBlob}, a blob's
 * {@link Blob#syncMetadata()} and {@link Blob#close()} of a dirty blob, and data writes (with the
 * thin allocation they cause) are <em>complete</em> when they return; resizes, xattr changes and
 * read-only marking are not, until the next sync or close. SPDK treats a completed write as durable,
 * which holds on NVMe with power-loss protection but not on a file or a volatile cache: after
 * {@link #flush()} returns, every write completed before it is durable. After a crash, the next load
 * recovers the allocation masks from the metadata pages; nothing that was completed and flushed is lost.
 */
public interface Blobstore extends AutoCloseable {

    /** Cluster size in bytes. */
    long clusterSize();

    /** io_unit size in bytes: the unit of blob I/O offsets and lengths. */
    int ioUnitSize();

    /** Metadata page size in bytes (4096). */
    int pageSize();

    /** Clusters available to blobs (the device's clusters less those holding metadata). */
    long totalDataClusters();

    /** Clusters not allocated to any blob. */
    long freeClusters();

    /** The blobstore type from the super block, such as {@code "BLOBFS"}; {@code ""} when unset. */
    String bstype();

    /**
     * Creates a blob and persists it (durable on return); the blob is not left open.
     *
     * @throws BlobstoreException {@code ENOSPC} when a thick blob's clusters do not fit, {@code ENOMEM}
     *     when no metadata page is free or an xattr is too large, {@code EINVAL} for an empty xattr value
     */
    BlobId create(BlobOptions options);

    /**
     * Opens a blob. Each call returns a new handle on the same blob; the blob stays open until every
     * handle is closed.
     *
     * @throws BlobstoreException {@code ENOENT} when there is no such blob, {@code EINVAL} when its
     *     metadata is corrupt or uses an unknown invalid flag
     */
    Blob open(BlobId id);

    /**
     * Deletes a closed blob and frees its clusters and pages (durable on return).
     *
     * @throws BlobstoreException {@code ENOENT} when there is no such blob, {@code EBUSY} when it is open
     */
    void delete(BlobId id);

    /** The ids of every blob, ascending (SPDK's iteration order). Blobs that cannot be opened are left out. */
    List<BlobId> blobIds();

    /** Records {@code id} as the super blob in the super block (durable on return). */
    void setSuperBlob(BlobId id);

    /** The super blob, if one was set. */
    Optional<BlobId> superBlob();

    /** Makes every write and metadata update completed before this call durable. */
    void flush();

    /**
     * Unloads cleanly: writes the allocation masks and marks the super block clean. Idempotent.
     *
     * @throws BlobstoreException {@code EBUSY} when a blob is still open (the blobstore stays loaded)
     */
    @Override
    void close();
}
