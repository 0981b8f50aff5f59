package io.github.blobds.blobstore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link Blobstore#create} (SPDK's {@code spdk_blob_opts}).
 *
 * @param numClusters    initial size in clusters (thick blobs claim them at once)
 * @param thinProvision  allocate clusters on first write instead
 * @param clearMethod    how the blob's clusters are cleared when freed
 * @param xattrs         public xattrs set at creation, in order (no empty values, as in SPDK)
 * @param useExtentTable SPDK's default since v20.01; {@code false} gives the legacy run-length layout
 */
public record BlobOptions(long numClusters, boolean thinProvision, ClearMethod clearMethod,
        List<Map.Entry<String, byte[]>> xattrs, boolean useExtentTable) {

    public BlobOptions {
        xattrs = List.copyOf(xattrs);
    }

    /** SPDK's defaults: 0 clusters, thick, default clear method, no xattrs, extent table. */
    public static BlobOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link BlobOptions}. */
    public static final class Builder {
        private long numClusters;
        private boolean thinProvision;
        private ClearMethod clearMethod = ClearMethod.DEFAULT;
        private final Map<String, byte[]> xattrs = new LinkedHashMap<>();
        private boolean useExtentTable = true;

        private Builder() {
        }

        public Builder numClusters(long numClusters) {
            this.numClusters = numClusters;
            return this;
        }

        public Builder thinProvision(boolean thinProvision) {
            this.thinProvision = thinProvision;
            return this;
        }

        public Builder clearMethod(ClearMethod clearMethod) {
            this.clearMethod = clearMethod;
            return this;
        }

        /** Adds a public xattr (a later value for the same name replaces the earlier one). */
        public Builder xattr(String name, byte[] value) {
            xattrs.put(name, value);
            return this;
        }

        public Builder useExtentTable(boolean useExtentTable) {
            this.useExtentTable = useExtentTable;
            return this;
        }

        public BlobOptions build() {
            return new BlobOptions(numClusters, thinProvision, clearMethod, new ArrayList<>(xattrs.entrySet()), useExtentTable);
        }
    }
}
