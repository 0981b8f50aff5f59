package io.github.blobds.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blobds.datastore.InvalidArgumentException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a file-backed datastore ({@code flatfs}, {@code levelds}) keeps its directory when it is not
 * the repo's file system: inside a BlobFS on a Blobstore — blobds's one addition to kubo's spec, the
 * optional {@code "blobfs"} object of those types. The Blobstore is either on an image file (or in
 * memory), {@link Image}, or on an SPDK bdev such as an NVMe namespace, {@link Bdev}:
 *
 * <pre>{@code
 * {"type": "flatfs", "path": "blocks", "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2", "sync": false,
 *  "blobfs": {"image": "blobfs.img", "size": "8GiB", "clusterSize": 1048576, "mdPages": 8192, "backend": "sim"}}
 *
 * {"type": "flatfs", "path": "blocks", "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2", "sync": false,
 *  "blobfs": {"bdev": "Nvme0n1", "bdevConfig": "spdk-bdevs.json", "clusterSize": 1048576}}
 * }</pre>
 *
 * The datastore's {@code path} is then a directory inside that BlobFS. Datastores naming the same image
 * (or bdev) share one BlobFS on one Blobstore, which closes after the last of them.
 *
 * <p>The placement's identity — the image as written, or the bdev's name, and {@code clusterSize} — is
 * part of the datastore's {@link DiskSpec} ({@code "blobfs": {"clusterSize": …, "image": …}} or
 * {@code {"bdev": …, "clusterSize": …}}). The other fields are not: {@code size} and {@code mdPages} only
 * apply when the Blobstore is formatted; {@code backend} only says what drives an image, so moving
 * between {@code "sim"} and {@code "spdk"} keeps the disk spec (SPDK's aio bdev opens the simulator's
 * image with its data); {@code bdevConfig} only says how SPDK reaches the bdev.
 */
public sealed interface BlobFsPlacement permits BlobFsPlacement.Image, BlobFsPlacement.Bdev {

    /** The spec field holding a placement. */
    String FIELD = "blobfs";

    /** SPDK's default cluster size, 1 MiB. */
    long DEFAULT_CLUSTER_SIZE = 1L << 20;

    /** SPDK's default number of metadata pages: one per cluster. */
    long DEFAULT_MD_PAGES = -1;

    /** The I/O unit of the devices blobds makes for images, and the granularity of sizes. */
    int BLOCK_SIZE = 4096;

    /** The Blobstore's cluster size in bytes. */
    long clusterSize();

    /** Metadata pages when the Blobstore is formatted, or -1 for one per cluster. */
    long mdPages();

    /** What drives the Blobstore. */
    Backend backend();

    /** The part of a datastore's disk spec that identifies the Blobstore. */
    Map<String, Object> diskSpec();

    /** A short description for messages: {@code image "blobfs.img"} or {@code bdev "Nvme0n1"}. */
    String describe();

    /** A placement on the simulated image file {@code image} of {@code size} bytes, with SPDK's defaults. */
    static Image of(String image, long size) {
        return new Image(image, size, DEFAULT_CLUSTER_SIZE, DEFAULT_MD_PAGES, Backend.SIM);
    }

    /** What drives a BlobFS's Blobstore. */
    enum Backend {
        /** blobds's Blobstore simulator on the image file (blobstore-sim's {@code FileDevice}, like SPDK's aio bdev). */
        SIM,
        /** The simulator on a device in memory (like SPDK's malloc bdev): gone when the datastore closes. */
        MEMORY,
        /**
         * SPDK's own Blobstore (module blobfs-spdk): on an aio bdev over the image file — the same image
         * and data as {@link #SIM} — or on a {@link Bdev}. Where SPDK is not installed, opening fails,
         * saying why.
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

    /**
     * A BlobFS on an image file, or in memory.
     *
     * @param image       the image: a file relative to the repo (or absolute) for {@code sim} and
     *                    {@code spdk}; a name that datastores share for {@code memory}; required, not empty
     * @param size        the image's size in bytes when it is created (the spec takes an integer or a string
     *                    such as {@code "8GiB"} or {@code "500MB"}); a positive multiple of 4096; required. An
     *                    existing image keeps its own size.
     * @param clusterSize the Blobstore's cluster size in bytes, a positive multiple of 4096; default 1 MiB
     *                    (SPDK's). Every BlobFS file takes at least one cluster. An existing image must have it.
     * @param mdPages     metadata pages when the image is formatted, or -1 (the default) for one per
     *                    cluster, as SPDK; every file takes one
     * @param backend     what drives the image; default {@link Backend#SIM}
     */
    record Image(String image, long size, long clusterSize, long mdPages, Backend backend) implements BlobFsPlacement {

        public Image {
            InvalidArgumentException.requireNonNull(image, "blobfs image");
            InvalidArgumentException.requireNonNull(backend, "blobfs backend");
            if (image.isEmpty()) {
                throw new InvalidArgumentException("blobfs image must not be empty");
            }
            check(size > 0 && size % BLOCK_SIZE == 0, "blobfs size " + size + " is not a positive multiple of " + BLOCK_SIZE);
            checkLayout(clusterSize, mdPages);
        }

        /** This placement driven by {@code backend}. */
        public Image withBackend(Backend backend) {
            return new Image(image, size, clusterSize, mdPages, backend);
        }

        /** {@code {"clusterSize": …, "image": …}}. */
        @Override
        public Map<String, Object> diskSpec() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clusterSize", clusterSize);
            m.put("image", image);
            return m;
        }

        @Override
        public String describe() {
            return "image \"" + image + "\"";
        }
    }

    /**
     * A BlobFS on an SPDK bdev (an NVMe namespace, a malloc or aio bdev, …), driven by SPDK's own
     * Blobstore (module blobfs-spdk; {@link #backend()} is always {@link Backend#SPDK}).
     *
     * <p>Opening uses the bdev if the process's SPDK environment has it, else applies {@code config}
     * first (a bdev made so stays for the life of the environment, so that reopening finds it and its
     * data). A bdev whose first 4 KiB hold a Blobstore super block is loaded and must have the spec's
     * cluster size. A bdev whose first 4 KiB are zeroes is formatted, but only for a repo being created
     * ({@link Composition#open} writing its {@code datastore_spec}, or {@link Composition#create});
     * in a repo that exists it means the data is not there, and opening fails. Anything else is data
     * that is not a Blobstore, and is never formatted over.
     *
     * @param bdev        the bdev's name, as SPDK knows it ({@code "Nvme0n1"}); required, not empty
     * @param config      how SPDK makes the bdev when it has none of that name: SPDK's JSON config, in a
     *                    file or inline; optional
     * @param clusterSize the Blobstore's cluster size in bytes, as for {@link Image}
     * @param mdPages     metadata pages when the bdev is formatted, as for {@link Image}
     */
    record Bdev(String bdev, Optional<BdevConfig> config, long clusterSize, long mdPages) implements BlobFsPlacement {

        public Bdev {
            InvalidArgumentException.requireNonNull(bdev, "blobfs bdev");
            InvalidArgumentException.requireNonNull(config, "blobfs bdevConfig");
            if (bdev.isEmpty()) {
                throw new InvalidArgumentException("blobfs bdev must not be empty");
            }
            checkLayout(clusterSize, mdPages);
        }

        /** A placement on bdev {@code bdev}, made by {@code config} when SPDK has no such bdev, with SPDK's defaults. */
        public static Bdev of(String bdev, Optional<BdevConfig> config) {
            return new Bdev(bdev, config, DEFAULT_CLUSTER_SIZE, DEFAULT_MD_PAGES);
        }

        @Override
        public Backend backend() {
            return Backend.SPDK;
        }

        /** {@code {"bdev": …, "clusterSize": …}}. */
        @Override
        public Map<String, Object> diskSpec() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bdev", bdev);
            m.put("clusterSize", clusterSize);
            return m;
        }

        @Override
        public String describe() {
            return "bdev \"" + bdev + "\"";
        }
    }

    /**
     * SPDK's JSON config for a {@link Bdev} ({@code {"subsystems": [{"subsystem": "bdev", "config":
     * [{"method": "bdev_nvme_attach_controller", …}]}]}}): the file {@code file} (relative to the repo, or
     * absolute), or the config {@code json} itself. Exactly one of them is set.
     */
    record BdevConfig(String file, String json) {

        public BdevConfig {
            if ((file == null) == (json == null)) {
                throw new InvalidArgumentException("a bdev config is either a file or inline JSON, exactly one of them");
            }
            if (file != null && file.isEmpty()) {
                throw new InvalidArgumentException("a bdev config file name must not be empty");
            }
        }

        /** The config in {@code file}. */
        public static BdevConfig file(String file) {
            return new BdevConfig(InvalidArgumentException.requireNonNull(file, "bdev config file"), null);
        }

        /** The config {@code json}. */
        public static BdevConfig inline(String json) {
            return new BdevConfig(null, InvalidArgumentException.requireNonNull(json, "bdev config"));
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvalidArgumentException(message);
        }
    }

    private static void checkLayout(long clusterSize, long mdPages) {
        check(clusterSize > 0 && clusterSize % BLOCK_SIZE == 0, "blobfs clusterSize " + clusterSize + " is not a positive multiple of " + BLOCK_SIZE);
        check(mdPages == -1 || mdPages > 0, "blobfs mdPages " + mdPages + " is neither -1 (one per cluster) nor positive");
    }

    /** What makes two placements of one spec the same Blobstore: the image path, normalised, or the bdev. */
    static String key(BlobFsPlacement p) {
        return switch (p) {
            case Image i -> "image " + Path.of(i.image()).normalize();
            case Bdev b -> "bdev " + b.bdev();
        };
    }

    /** Whether two placements with the same {@link #key} describe the Blobstore alike. */
    static boolean describeAlike(BlobFsPlacement a, BlobFsPlacement b) {
        return switch (a) {
            case Image i -> b instanceof Image j && i.size() == j.size() && i.clusterSize() == j.clusterSize()
                    && i.mdPages() == j.mdPages() && i.backend() == j.backend();
            case Bdev i -> b instanceof Bdev j && i.clusterSize() == j.clusterSize() && i.mdPages() == j.mdPages()
                    && Objects.equals(i.config(), j.config());
        };
    }

    /** The fields of a placement that {@link #describeAlike} compares, for messages. */
    static String details(BlobFsPlacement p) {
        return switch (p) {
            case Image i -> "size " + ByteSize.format(i.size()) + ", clusterSize " + i.clusterSize() + ", mdPages " + i.mdPages()
                    + ", backend \"" + i.backend().specName() + "\"";
            case Bdev b -> "clusterSize " + b.clusterSize() + ", mdPages " + b.mdPages() + ", bdevConfig "
                    + b.config().map(c -> c.file() != null ? "file \"" + c.file() + "\"" : "inline " + abbreviate(c.json())).orElse("none");
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Reads a placement object; empty (with the problems recorded) when it is not valid. */
    static Optional<BlobFsPlacement> read(SpecObject o) {
        boolean ok = true;
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
        Optional<Backend> backend = readBackend(o);
        ok &= backend.isPresent();
        if (o.has("bdev")) {
            return readBdev(o, clusterSize, mdPages, backend) && ok
                    ? Optional.of(new Bdev(o.requiredString("bdev"), readBdevConfig(o), clusterSize, mdPages)) : Optional.empty();
        }
        if (o.has("bdevConfig")) {
            o.problem("bdevConfig", "only goes with \"bdev\" (an SPDK bdev), not with an image");
            ok = false;
        }
        String image = "";
        if (!o.has("image")) {
            o.missing("image", "a string: the image file; or give \"bdev\", an SPDK bdev's name");
        } else {
            image = o.requiredString("image");
        }
        if (o.has("image") && o.value("image").isTextual() && image.isEmpty()) {
            o.problem("image", "must not be empty");
        }
        ok &= !image.isEmpty();
        long size = readSize(o);
        ok &= size > 0;
        return ok ? Optional.of(new Image(image, size, clusterSize, mdPages, backend.orElseThrow())) : Optional.empty();
    }

    private static Optional<Backend> readBackend(SpecObject o) {
        if (!o.has("backend")) {
            return Optional.of(o.has("bdev") ? Backend.SPDK : Backend.SIM);
        }
        Optional<String> backendName = o.optionalString("backend");
        if (backendName.isEmpty()) {
            return Optional.empty();
        }
        Optional<Backend> b = Backend.fromSpec(backendName.get());
        if (b.isEmpty()) {
            List<String> names = Arrays.stream(Backend.values()).map(Backend::specName).toList();
            o.problem("backend", "unknown backend \"" + backendName.get() + "\"" + Suggestions.didYouMean(backendName.get(), names)
                    + " (backends: " + Suggestions.list(names) + ")");
        }
        return b;
    }

    /** Checks the fields of a bdev placement; false when one is wrong (recorded). */
    private static boolean readBdev(SpecObject o, long clusterSize, long mdPages, Optional<Backend> backend) {
        boolean ok = true;
        String bdev = o.requiredString("bdev");
        if (o.value("bdev").isTextual() && bdev.isEmpty()) {
            o.problem("bdev", "must not be empty");
        }
        ok &= !bdev.isEmpty();
        if (o.has("image")) {
            o.problem("image", "give either \"image\" (a BlobFS image file) or \"bdev\" (an SPDK bdev), not both");
            ok = false;
        }
        if (o.has("size")) {
            o.problem("size", "does not go with \"bdev\": the Blobstore takes the whole bdev");
            ok = false;
        }
        if (backend.isPresent() && backend.get() != Backend.SPDK) {
            o.problem("backend", "a \"bdev\" is driven by SPDK: leave \"backend\" out or make it \"spdk\", not \""
                    + backend.get().specName() + "\"");
            ok = false;
        }
        JsonNode config = o.value("bdevConfig");
        if (config != null) {
            if (config.isTextual() && config.textValue().isEmpty()) {
                o.problem("bdevConfig", "must not be empty");
                ok = false;
            } else if (config.isObject()) {
                if (!config.path("subsystems").isArray()) {
                    o.problem("bdevConfig", "an inline SPDK config needs a \"subsystems\" array: {\"subsystems\": [{\"subsystem\": \"bdev\","
                            + " \"config\": [...]}]}");
                    ok = false;
                }
            } else if (!config.isTextual()) {
                o.wrongType("bdevConfig", "a file name, or SPDK's JSON config as an object", config);
                ok = false;
            }
        }
        return ok;
    }

    private static Optional<BdevConfig> readBdevConfig(SpecObject o) {
        JsonNode config = o.value("bdevConfig");
        if (config == null) {
            return Optional.empty();
        }
        return Optional.of(config.isTextual() ? BdevConfig.file(config.textValue()) : BdevConfig.inline(config.toString()));
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
