package io.github.blobds.cli;

import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.compose.KuboSpecs;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The datastore layouts {@code blobds init} writes: kubo's two (on the repo's file system) and kubo's
 * layout inside one BlobFS image in the repo, driven by the Blobstore simulator or by SPDK.
 */
enum Profile {

    /** kubo's current default spec: flatfs in {@code blocks/} at {@code /blocks}, LevelDB in {@code datastore/} at {@code /}. */
    KUBO("kubo", "kubo's default spec: flatfs at /blocks and levelds at /, on the repo's file system"),
    /** kubo's older {@code flatfs-measure} spec: the same, each datastore wrapped in {@code measure}. */
    KUBO_MEASURE("kubo-measure", "kubo's measure-wrapped spec (flatfs-measure): meters for blobds metrics"),
    /** kubo's layout in one BlobFS image, {@code blobfs.img}, on the Blobstore simulator: the default. */
    BLOBFS_SIM("blobfs-sim", "kubo's layout inside one BlobFS image (blobfs.img), on the Blobstore simulator (default)"),
    /** As {@link #BLOBFS_SIM}, driven by SPDK: needs the blobfs-spdk module and SPDK installed. */
    BLOBFS_SPDK("blobfs-spdk", "as blobfs-sim, driven by SPDK's Blobstore (needs SPDK and the blobfs-spdk module)");

    /** The image size of the BlobFS profiles unless {@code init --size} says otherwise. */
    static final String DEFAULT_IMAGE_SIZE = "8GiB";

    /** The BlobFS image file of the BlobFS profiles, relative to the repo. */
    static final String IMAGE = "blobfs.img";

    private final String cliName;
    private final String description;

    Profile(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    String cliName() {
        return cliName;
    }

    String description() {
        return description;
    }

    boolean onBlobFs() {
        return this == BLOBFS_SIM || this == BLOBFS_SPDK;
    }

    /** The spec as JSON; {@code imageSize} applies to the BlobFS profiles. */
    String spec(String imageSize) {
        return switch (this) {
            case KUBO -> KuboSpecs.DEFAULT;
            case KUBO_MEASURE -> KuboSpecs.MEASURE;
            case BLOBFS_SIM, BLOBFS_SPDK -> blobFsSpec(imageSize, this == BLOBFS_SIM ? "sim" : "spdk");
        };
    }

    /** The file {@code init --bdev-config} copies the bdev config to, relative to the repo. */
    static final String BDEV_CONFIG = "spdk-bdevs.json";

    /**
     * The spec of {@link #BLOBFS_SPDK} with the BlobFS on the SPDK bdev {@code bdev} instead of an image,
     * made by {@link #BDEV_CONFIG} when {@code withConfig}.
     */
    String bdevSpec(String bdev, boolean withConfig) {
        if (this != BLOBFS_SPDK) {
            throw new CliException("--bdev puts the BlobFS of profile blobfs-spdk on an SPDK bdev; profile " + cliName + " has none");
        }
        String quoted = new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(bdev));
        return mounts("{\"bdev\": \"" + quoted + "\"" + (withConfig ? ", \"bdevConfig\": \"" + BDEV_CONFIG + "\"" : "")
                + ", \"clusterSize\": " + BlobFs.DEFAULT_CLUSTER_SIZE + "}");
    }

    private static String blobFsSpec(String size, String backend) {
        return mounts("{\"image\": \"" + IMAGE + "\", \"size\": \"" + size + "\", \"clusterSize\": " + BlobFs.DEFAULT_CLUSTER_SIZE
                + ", \"backend\": \"" + backend + "\"}");
    }

    private static String mounts(String blobfs) {
        return """
                {
                  "type": "mount",
                  "mounts": [
                    {
                      "mountpoint": "/blocks",
                      "type": "flatfs",
                      "path": "blocks",
                      "sync": false,
                      "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2",
                      "blobfs": %s
                    },
                    {
                      "mountpoint": "/",
                      "type": "levelds",
                      "path": "datastore",
                      "compression": "none",
                      "blobfs": %s
                    }
                  ]
                }
                """.formatted(blobfs, blobfs);
    }

    /** The profile called {@code name} on the command line. */
    static Profile of(String name) {
        return Arrays.stream(values()).filter(p -> p.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new CliException("unknown profile \"" + name + "\" (profiles: " + names() + ")"));
    }

    static List<String> cliNames() {
        return Arrays.stream(values()).map(Profile::cliName).toList();
    }

    private static String names() {
        return String.join(", ", cliNames());
    }

    /** For picocli's completion and help: the profile names. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return cliNames().iterator();
        }
    }
}
