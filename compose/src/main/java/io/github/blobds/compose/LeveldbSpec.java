package io.github.blobds.compose;

import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.levelds.LeveldbOptions.Compression;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * kubo's {@code levelds} spec: go-ds-leveldb in a directory.
 *
 * <pre>{@code {"type": "levelds", "path": "datastore", "compression": "none"}}</pre>
 *
 * The disk spec is {@code {"path": …, "type": "levelds"}} (plus the image's identity with a
 * {@code blobfs} placement); compression is a runtime option (each table block records its own).
 *
 * @param path        the directory, relative to the repo or absolute (inside the BlobFS with a placement); required
 * @param compression {@code "none"} or {@code "snappy"}; {@code ""} or absent mean goleveldb's default,
 *                    Snappy, as in kubo
 * @param blobfs      where the directory lives when not on the repo's file system (blobds's addition)
 */
public record LeveldbSpec(String path, Compression compression, Optional<BlobFsPlacement> blobfs) implements DatastoreSpec {

    /** The spec type name. */
    public static final String TYPE = "levelds";

    public LeveldbSpec {
        InvalidArgumentException.requireNonNull(path, "levelds path");
        InvalidArgumentException.requireNonNull(compression, "levelds compression");
        InvalidArgumentException.requireNonNull(blobfs, "levelds blobfs placement");
    }

    /** A levelds spec on the repo's file system. */
    public LeveldbSpec(String path, Compression compression) {
        this(path, compression, Optional.empty());
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
        blobfs.ifPresent(p -> m.put(BlobFsPlacement.FIELD, p.diskSpec()));
        return DiskSpec.of(m);
    }
}
