package io.github.blobds.blobstore;

/**
 * Options of blobstore init and load (SPDK's {@code spdk_bs_opts}).
 *
 * @param clusterSize   cluster size in bytes: a non-zero multiple of 4096 (default 1 MiB)
 * @param numMdPages    metadata pages, or -1 for one per cluster (SPDK's default)
 * @param bstype        blobstore type, up to 16 ASCII bytes; at load, {@code ""} accepts any
 * @param clearMethod   how init clears the data area
 * @param forceRecover  at load, rebuild the allocation masks even after a clean shutdown
 */
public record BlobstoreOptions(long clusterSize, long numMdPages, String bstype, BsClearMethod clearMethod, boolean forceRecover) {

    /** SPDK's default cluster size, 1 MiB. */
    public static final long DEFAULT_CLUSTER_SIZE = 1 << 20;

    /** How init clears the data area (SPDK's {@code bs_clear_method}). */
    public enum BsClearMethod {
        UNMAP,
        WRITE_ZEROES,
        NONE
    }

    public BlobstoreOptions {
        if (bstype == null) {
            bstype = "";
        }
        if (bstype.length() > 16 || !bstype.chars().allMatch(c -> c > 0 && c < 128)) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "bstype must be at most 16 ASCII characters: \"" + bstype + "\"");
        }
    }

    /** SPDK's defaults: 1 MiB clusters, one metadata page per cluster, any bstype, unmap. */
    public static BlobstoreOptions defaults() {
        return new BlobstoreOptions(DEFAULT_CLUSTER_SIZE, -1, "", BsClearMethod.UNMAP, false);
    }

    public BlobstoreOptions withClusterSize(long clusterSize) {
        return new BlobstoreOptions(clusterSize, numMdPages, bstype, clearMethod, forceRecover);
    }

    public BlobstoreOptions withNumMdPages(long numMdPages) {
        return new BlobstoreOptions(clusterSize, numMdPages, bstype, clearMethod, forceRecover);
    }

    public BlobstoreOptions withBstype(String bstype) {
        return new BlobstoreOptions(clusterSize, numMdPages, bstype, clearMethod, forceRecover);
    }

    public BlobstoreOptions withClearMethod(BsClearMethod clearMethod) {
        return new BlobstoreOptions(clusterSize, numMdPages, bstype, clearMethod, forceRecover);
    }

    public BlobstoreOptions withForceRecover(boolean forceRecover) {
        return new BlobstoreOptions(clusterSize, numMdPages, bstype, clearMethod, forceRecover);
    }
}
