package io.github.blobds.spdk;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.file.Path;
import java.util.List;

/** SPDK JSON config for bdevs: the {@code bdev_malloc_create} and {@code bdev_aio_create} RPC calls. */
final class Bdevs {

    private Bdevs() {
    }

    /** {@code {"subsystems":[{"subsystem":"bdev","config":[calls…]}]}}. */
    static String config(String... calls) {
        return "{\"subsystems\":[{\"subsystem\":\"bdev\",\"config\":[" + String.join(",", List.of(calls)) + "]}]}";
    }

    static String malloc(String name, long bytes, int blockSize) {
        checkName(name);
        if (blockSize <= 0 || bytes <= 0 || bytes % blockSize != 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "malloc bdev " + name + ": " + bytes + " bytes is not a positive multiple of the block size " + blockSize);
        }
        return "{\"method\":\"bdev_malloc_create\",\"params\":{\"name\":" + quote(name) + ",\"num_blocks\":" + bytes / blockSize
                + ",\"block_size\":" + blockSize + "}}";
    }

    /**
     * An aio bdev with {@code fallocate} on: SPDK then implements unmap as {@code fallocate(PUNCH_HOLE)}
     * and write-zeroes as {@code fallocate(ZERO_RANGE)}. Without it the aio bdev reports no unmap support,
     * SPDK's blob bdev completes every unmap without touching the file, and a cluster released by a
     * thin-blob unmap keeps its old bytes, which show through when another thin write claims it (see
     * docs/spdk.md, "Known differences"). {@code fallocate = false} is SPDK's default, for file systems
     * without {@code FALLOC_FL_ZERO_RANGE} (tmpfs), where write-zeroes would fail with {@code EIO}.
     */
    static String aio(String name, Path file, int blockSize, boolean fallocate) {
        checkName(name);
        if (blockSize <= 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "aio bdev " + name + ": block size " + blockSize);
        }
        return "{\"method\":\"bdev_aio_create\",\"params\":{\"name\":" + quote(name) + ",\"filename\":"
                + quote(file.toAbsolutePath().toString()) + ",\"block_size\":" + blockSize + ",\"fallocate\":" + fallocate + "}}";
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "a bdev needs a name");
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A config shortened for a message. */
    static String abbreviate(String json) {
        return json.length() <= 200 ? json : json.substring(0, 197) + "...";
    }
}
