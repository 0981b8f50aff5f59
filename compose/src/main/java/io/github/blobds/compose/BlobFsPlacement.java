package io.github.blobds.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blobds.datastore.InvalidArgumentException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a file-backed datastore ({@code flatfs}, {@code levelds}) keeps its directory when it is not
 * the repo's file system: inside a BlobFS on a Blobstore image — blobds's one addition to kubo's spec,
 * the optional {@code "blobfs"} object of those types:
 *
 * <pre>{@code
 * {"type": "flatfs", "path": "blocks", "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2", "sync": false,
 *  "blobfs": {"image": "blobfs.img", "size": "8GiB", "clusterSize": 1048576, "mdPages": 8192, "backend": "sim"}}
 * }</pre>
 *
 * The datastore's {@code path} is then a directory inside that BlobFS. Datastores naming the same image
 * share one BlobFS on one Blobstore, which closes after the last of them.
 *
 * <p>The image's identity — {@code image} as written and {@code clusterSize} — is part of the
 * datastore's {@link DiskSpec} (as {@code "blobfs": {"clusterSize": …, "image": …}}); {@code size} and
 * {@code mdPages} only apply when the image is formatted, and {@code backend} only says what drives the
 * image, so moving between {@code "sim"} and {@code "spdk"} keeps the disk spec (SPDK's aio bdev opens
 * the simulator's image with its data).
 *
 * @param image       the image: a file relative to the repo (or absolute) for {@code sim}; a name that
 *                    datastores share for {@code memory}; required, not empty
 * @param size        the image's size in bytes when it is created (the spec takes an integer or a string
 *                    such as {@code "8GiB"} or {@code "500MB"}); a positive multiple of 4096; required. An
 *                    existing image keeps its own size.
 * @param clusterSize the Blobstore's cluster size in bytes, a positive multiple of 4096; default 1 MiB
 *                    (SPDK's). Every BlobFS file takes at least one cluster. An existing image must have it.
 * @param mdPages     metadata pages when the image is formatted, or -1 (the default) for one per
 *                    cluster, as SPDK; every file takes one
 * @param backend     what drives the image; default {@link Backend#SIM}
 */
public record BlobFsPlacement(String image, long size, long clusterSize, long mdPages, Backend backend) {

    /** The spec field holding a placement. */
    static final String FIELD = "blobfs";

    /** SPDK's default cluster size, 1 MiB. */
    public static final long DEFAULT_CLUSTER_SIZE = 1L << 20;

    /** SPDK's default number of metadata pages: one per cluster. */
    public static final long DEFAULT_MD_PAGES = -1;

    /** The I/O unit of the devices blobds makes for images, and the granularity of sizes. */
    public static final int BLOCK_SIZE = 4096;

    /** What drives a BlobFS image. */
    public enum Backend {
        /** blobds's Blobstore simulator on the image file (blobstore-sim's {@code FileDevice}, like SPDK's aio bdev). */
        SIM,
        /** The simulator on a device in memory (like SPDK's malloc bdev): gone when the datastore closes. */
        MEMORY,
        /**
         * SPDK's own Blobstore (module blobfs-spdk) on an aio bdev over the image file: the same image and
         * data as {@link #SIM}. Where SPDK is not installed, opening fails, saying why.
         */
        SPDK;

        /** The name used in specs: {@code "sim"}, {@code "memory"}, {@code "spdk"}. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The backend named {@code name} in a spec. */
        public static Optional<Backend> fromSpec(String name) {
            return Arrays.stream(values()).filter(b -> b.specName().equals(name)).findFirst();
        }
    }

    public BlobFsPlacement {
        InvalidArgumentException.requireNonNull(image, "blobfs image");
        InvalidArgumentException.requireNonNull(backend, "blobfs backend");
        if (image.isEmpty()) {
            throw new InvalidArgumentException("blobfs image must not be empty");
        }
        check(size > 0 && size % BLOCK_SIZE == 0, "blobfs size " + size + " is not a positive multiple of " + BLOCK_SIZE);
        check(clusterSize > 0 && clusterSize % BLOCK_SIZE == 0, "blobfs clusterSize " + clusterSize + " is not a positive multiple of " + BLOCK_SIZE);
        check(mdPages == -1 || mdPages > 0, "blobfs mdPages " + mdPages + " is neither -1 (one per cluster) nor positive");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidArgumentException(message);
        }
    }

    /** A placement on the simulated image file {@code image} of {@code size} bytes, with SPDK's defaults. */
    public static BlobFsPlacement of(String image, long size) {
        return new BlobFsPlacement(image, size, DEFAULT_CLUSTER_SIZE, DEFAULT_MD_PAGES, Backend.SIM);
    }

    /** This placement driven by {@code backend}. */
    public BlobFsPlacement withBackend(Backend backend) {
        return new BlobFsPlacement(image, size, clusterSize, mdPages, backend);
    }

    /** The part of a datastore's disk spec that identifies the image: {@code {"clusterSize": …, "image": …}}. */
    public Map<String, Object> diskSpec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clusterSize", clusterSize);
        m.put("image", image);
        return m;
    }

    /** What makes two placements the same image within one spec: the image path, normalised. */
    String imageKey() {
        return Path.of(image).normalize().toString();
    }

    boolean describesSameImage(BlobFsPlacement other) {
        return size == other.size && clusterSize == other.clusterSize && mdPages == other.mdPages && backend == other.backend;
    }

    String imageDescription() {
        return "size " + ByteSize.format(size) + ", clusterSize " + clusterSize + ", mdPages " + mdPages + ", backend \"" + backend.specName() + "\"";
    }

    /** Reads a placement object; empty (with the problems recorded) when it is not valid. */
    static Optional<BlobFsPlacement> read(SpecObject o) {
        boolean ok = true;
        String image = o.requiredString("image");
        if (o.has("image") && image.isEmpty()) {
            o.problem("image", "must not be empty");
        }
        ok &= !image.isEmpty();
        long size = readSize(o);
        ok &= size > 0;
        long clusterSize = o.optionalLong("clusterSize").orElse(DEFAULT_CLUSTER_SIZE);
        if (clusterSize <= 0 || clusterSize % BLOCK_SIZE != 0) {
            o.problem("clusterSize", "must be a positive multiple of " + BLOCK_SIZE + ", was " + clusterSize);
            ok = false;
        }
        long mdPages = o.optionalLong("mdPages").orElse(DEFAULT_MD_PAGES);
        if (mdPages != -1 && mdPages <= 0) {
            o.problem("mdPages", "must be -1 (one per cluster) or positive, was " + mdPages);
            ok = false;
        }
        Backend backend = Backend.SIM;
        Optional<String> backendName = o.optionalString("backend");
        if (backendName.isPresent()) {
            Optional<Backend> b = Backend.fromSpec(backendName.get());
            if (b.isEmpty()) {
                List<String> names = Arrays.stream(Backend.values()).map(Backend::specName).toList();
                o.problem("backend", "unknown backend \"" + backendName.get() + "\"" + Suggestions.didYouMean(backendName.get(), names)
                        + " (backends: " + Suggestions.list(names) + ")");
                ok = false;
            } else {
                backend = b.get();
            }
        }
        return ok ? Optional.of(new BlobFsPlacement(image, size, clusterSize, mdPages, backend)) : Optional.empty();
    }

    private static long readSize(SpecObject o) {
        JsonNode v = o.value("size");
        String expected = "a size: bytes as an integer, or a string such as \"8GiB\"";
        if (v == null) {
            o.missing("size", expected);
            return 0;
        }
        long size;
        if (v.isTextual()) {
            try {
                size = ByteSize.parse(v.textValue());
            } catch (IllegalArgumentException e) {
                o.problem("size", e.getMessage());
                return 0;
            }
        } else if (v.isNumber() && v.canConvertToExactIntegral() && v.canConvertToLong()) {
            size = v.longValue();
        } else {
            o.wrongType("size", expected, v);
            return 0;
        }
        if (size <= 0 || size % BLOCK_SIZE != 0) {
            o.problem("size", "must be a positive multiple of " + BLOCK_SIZE + " bytes, was " + size);
            return 0;
        }
        return size;
    }
}
