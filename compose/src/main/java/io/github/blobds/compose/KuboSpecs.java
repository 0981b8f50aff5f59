package io.github.blobds.compose;

/**
 * kubo's own datastore specs, verbatim as its {@code config/init.go} builds them (kubo ≥ v0.35), in
 * JSON, and the {@code datastore_spec} they give.
 */
public final class KuboSpecs {

    /**
     * kubo's default spec (profiles {@code default-datastore} and {@code flatfs}, {@code flatfsSpec()}):
     * flatfs at {@code /blocks}, levelds at {@code /}, no measure wrappers, each with kubo's leftover
     * {@code "prefix"}.
     */
    public static final String DEFAULT = """
            {
              "type": "mount",
              "mounts": [
                {
                  "mountpoint": "/blocks",
                  "type": "flatfs",
                  "prefix": "flatfs.datastore",
                  "path": "blocks",
                  "sync": false,
                  "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2"
                },
                {
                  "mountpoint": "/",
                  "type": "levelds",
                  "prefix": "leveldb.datastore",
                  "path": "datastore",
                  "compression": "none"
                }
              ]
            }
            """;

    /**
     * kubo's {@code flatfs-measure} profile ({@code flatfsSpecMeasure()}), the default before v0.35: the
     * same two datastores, each wrapped in {@code measure}.
     */
    public static final String MEASURE = """
            {
              "type": "mount",
              "mounts": [
                {
                  "mountpoint": "/blocks",
                  "type": "measure",
                  "prefix": "flatfs.datastore",
                  "child": {
                    "type": "flatfs",
                    "path": "blocks",
                    "sync": false,
                    "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2"
                  }
                },
                {
                  "mountpoint": "/",
                  "type": "measure",
                  "prefix": "leveldb.datastore",
                  "child": {
                    "type": "levelds",
                    "path": "datastore",
                    "compression": "none"
                  }
                }
              ]
            }
            """;

    /** The {@code datastore_spec} of both: kubo's default repo's file, byte for byte. */
    public static final String DEFAULT_DISK_SPEC = "{\"mounts\":[{\"mountpoint\":\"/blocks\",\"path\":\"blocks\","
            + "\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\",\"type\":\"flatfs\"},"
            + "{\"mountpoint\":\"/\",\"path\":\"datastore\",\"type\":\"levelds\"}],\"type\":\"mount\"}";

    private KuboSpecs() {
    }
}
