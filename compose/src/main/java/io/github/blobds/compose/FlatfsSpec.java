package io.github.blobds.compose;

import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.flatfs.ShardFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * kubo's {@code flatfs} spec: go-ds-flatfs in a directory, one file per key.
 *
 * <pre>{@code {"type": "flatfs", "path": "blocks", "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2", "sync": false}}</pre>
 *
 * All three fields are required, as in kubo. The disk spec is {@code {"path": …, "shardFunc": <the shard
 * function's canonical id>, "type": "flatfs"}} (plus the image's identity with a {@code blobfs}
 * placement); {@code sync} is a runtime option.
 *
 * @param path      the directory, relative to the repo or absolute (inside the BlobFS with a placement)
 * @param shardFunc how keys are spread over subdirectories
 * @param sync      whether every write is forced to disk before it returns
 * @param blobfs    where the directory lives when not on the repo's file system (blobds's addition)
 */
public record FlatfsSpec(String path, ShardFunction shardFunc, boolean sync, Optional<BlobFsPlacement> blobfs) implements DatastoreSpec {

    /** The spec type name. */
    public static final String TYPE = "flatfs";

    public FlatfsSpec {
        InvalidArgumentException.requireNonNull(path, "flatfs path");
        InvalidArgumentException.requireNonNull(shardFunc, "flatfs shardFunc");
        InvalidArgumentException.requireNonNull(blobfs, "flatfs blobfs placement");
    }

    /** A flatfs spec on the repo's file system. */
    public FlatfsSpec(String path, ShardFunction shardFunc, boolean sync) {
        this(path, shardFunc, sync, Optional.empty());
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DiskSpec diskSpec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("path", path);
        m.put("shardFunc", shardFunc.toString());
        blobfs.ifPresent(p -> m.put(BlobFsPlacement.FIELD, p.diskSpec()));
        return DiskSpec.of(m);
    }
}
