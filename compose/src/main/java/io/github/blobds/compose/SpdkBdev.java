package io.github.blobds.compose;

import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.spdk.SpdkBlobstore;
import io.github.blobds.spdk.SpdkEnvironment;
import io.github.blobds.spdk.SpdkUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.BiConsumer;

/**
 * The Blobstore of a {@link BlobFsPlacement.Bdev}: SPDK's own Blobstore on a bdev of the process's SPDK
 * environment, made from the placement's config when the environment has no bdev of that name. What is
 * on the bdev decides what happens, read from its first 4 KiB (where the Blobstore's super block lives):
 * SPDK's signature {@code SPDKBLOB} → loaded; zeroes → formatted, in a new repo only; anything else →
 * refused, never formatted over.
 */
final class SpdkBdev {

    /** The first 8 bytes of a Blobstore's super block (SPDK's {@code SPDK_BS_SUPER_BLOCK_SIG}). */
    static final byte[] SIGNATURE = "SPDKBLOB".getBytes(StandardCharsets.US_ASCII);

    /** How much of the bdev's start is read to tell a Blobstore, a blank bdev and other data apart: the super block's page. */
    static final int HEAD = 4096;

    private SpdkBdev() {
    }

    static Blobstore open(BlobFsPlacement.Bdev p, Path repo, boolean existingRepo, String name, BiConsumer<String, AutoCloseable> owner) {
        SpdkEnvironment env = environment(name);
        String bdev = p.bdev();
        if (env.hasBlobstoreOn(bdev)) {
            throw new DatastoreException(name + " is in use: a Blobstore of this process is loaded on it (is another datastore tree"
                    + " on it still open?)");
        }
        if (!env.hasBdev(bdev)) {
            if (p.config().isEmpty()) {
                throw new DatastoreException(name + ": SPDK has no bdev of that name (it has: " + names(env)
                        + "), and the placement has no \"bdevConfig\" to make it");
            }
            String where = describe(p.config().get());
            try {
                env.loadConfig(read(p.config().get(), repo, name));
            } catch (BlobstoreException e) {
                throw new DatastoreException(name + ": its bdevConfig (" + where + ") failed: " + e.getMessage(), e);
            }
            if (!env.hasBdev(bdev)) {
                throw new DatastoreException(name + ": its bdevConfig (" + where + ") ran but made no bdev of that name (SPDK has: "
                        + names(env) + ")");
            }
        }
        byte[] head = env.readBdev(bdev, 0, HEAD);
        if (startsWithSignature(head)) {
            SpdkBlobstore bs = SpdkBlobstore.load(env, bdev, BlobstoreOptions.defaults());
            if (bs.clusterSize() != p.clusterSize()) {
                bs.close();
                throw new DatastoreException(name + " has " + bs.clusterSize() + "-byte clusters, the spec says " + p.clusterSize());
            }
            return bs;
        }
        if (!isZero(head)) {
            throw new DatastoreException(name + " holds data that is not a Blobstore (its first bytes: " + HexFormat.ofDelimiter(" ")
                    .formatHex(head, 0, 16) + "); blobds formats only a blank bdev, whose first " + HEAD + " bytes are zeroes, and"
                    + " never formats over data: zero them if you mean to give the whole bdev to blobds");
        }
        if (existingRepo) {
            throw new DatastoreException(name + " holds no Blobstore (its first " + HEAD + " bytes are zeroes), yet the repo's "
                    + Composition.SPEC_FILE + " says a datastore lives there: its data is not on this bdev (a wrong bdevConfig,"
                    + " or a wiped device?). blobds formats a blank bdev only when it creates the repo");
        }
        return SpdkBlobstore.init(env, bdev, BlobstoreOptions.defaults().withBstype(BlobFs.BSTYPE).withClusterSize(p.clusterSize())
                .withNumMdPages(p.mdPages()));
    }

    static SpdkEnvironment environment(String name) {
        try {
            return SpdkEnvironment.currentOrStart();
        } catch (SpdkUnavailableException e) {
            throw new DatastoreException(name + ": SPDK cannot run here: " + e.getMessage() + " (docs/spdk.md says how to install SPDK)", e);
        }
    }

    private static String names(SpdkEnvironment env) {
        return env.bdevNames().isEmpty() ? "none" : Suggestions.list(env.bdevNames());
    }

    private static String describe(BlobFsPlacement.BdevConfig config) {
        return config.file() != null ? "file " + config.file() : "inline";
    }

    private static String read(BlobFsPlacement.BdevConfig config, Path repo, String name) {
        if (config.json() != null) {
            return config.json();
        }
        Path file = repo.resolve(config.file()).normalize();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatastoreException(name + ": cannot read its bdevConfig " + file + ": " + e, e);
        }
    }

    static boolean startsWithSignature(byte[] head) {
        if (head.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isZero(byte[] head) {
        for (byte b : head) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
