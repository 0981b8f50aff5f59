package io.github.blobds.compose;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A valid datastore spec, ready to become a datastore tree in a repo (kubo's {@code DatastoreConfig}).
 * Made by a {@link Composer}; immutable and reusable.
 *
 * <p>{@link #open} is what kubo's repo does: the repo's {@code datastore_spec} file (kubo's
 * {@code DiskSpec}, byte for byte) is written on first open and compared on every later one, and a
 * mismatch refuses to open. {@link #create} skips that check, as kubo's {@code DatastoreConfig.Create}.
 */
public final class Composition {

    /** The file in a repo that records its disk spec (kubo's {@code specFn}). */
    public static final String SPEC_FILE = "datastore_spec";

    private final Map<String, SpecType<?>> types;
    private final DatastoreSpec spec;

    Composition(Map<String, SpecType<?>> types, DatastoreSpec spec) {
        this.types = types;
        this.spec = spec;
    }

    /** The parsed spec tree. */
    public DatastoreSpec spec() {
        return spec;
    }

    /** kubo's {@code DiskSpec()} of the spec: what {@code datastore_spec} holds. */
    public DiskSpec diskSpec() {
        return spec.diskSpec();
    }

    /**
     * Creates the datastore tree in {@code repo} (relative paths of the spec are resolved against it),
     * without looking at {@code datastore_spec}. The datastore returned is {@link Batching}, safe for
     * concurrent use when every spec type's datastore is (the built-in ones are), and a
     * {@link io.github.blobds.datastore.Shim} whose one child is the spec's root datastore (a
     * {@code MountDatastore} for kubo's default spec). Closing it closes the whole tree in reverse order
     * of creation, each datastore once, and shared BlobFS images after the datastores on them.
     *
     * @throws DatastoreException when a part cannot be created (everything created before is closed)
     */
    public Batching create(Path repo) {
        InvalidArgumentException.requireNonNull(repo, "repo");
        return Assembly.compose(types, spec, repo, false);
    }

    /**
     * Opens the repo at {@code repo} as kubo does: creates the directory if needed; writes
     * {@code datastore_spec} (mode 0600 where POSIX) if it is absent, or else checks that its content,
     * trimmed, equals {@link #diskSpec()}; then {@link #create creates} the tree. The file is written
     * before the tree is created, as kubo's init writes it before the first open, and removed again when
     * that first creation fails, so that a repo whose tree never opened is still new at the next attempt
     * (this matters for a bdev placement, which formats a blank bdev only in a new repo).
     *
     * @throws SpecMismatchException when the repo's {@code datastore_spec} differs, saying what differs
     * @throws DatastoreException    when the file cannot be read or written, or the tree cannot be created
     */
    public Batching open(Path repo) {
        InvalidArgumentException.requireNonNull(repo, "repo");
        Path file = repo.resolve(SPEC_FILE);
        String expected = diskSpec().toString();
        boolean existing;
        try {
            Files.createDirectories(repo);
            existing = !writeIfAbsent(file, expected);
            if (existing) {
                String onDisk = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                if (!onDisk.equals(expected)) {
                    throw new SpecMismatchException(file, onDisk, expected, SpecDiff.differences(onDisk, expected));
                }
            }
        } catch (IOException e) {
            throw new DatastoreException("cannot check " + file + ": " + e.getMessage(), e);
        }
        try {
            return Assembly.compose(types, spec, repo, existing);
        } catch (RuntimeException e) {
            if (!existing) {
                forget(file, e);
            }
            throw e;
        }
    }

    /** Removes a datastore_spec written by this open when its tree could not be created: the repo is not made yet. */
    private static void forget(Path file, RuntimeException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static boolean writeIfAbsent(Path file, String content) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
        return true;
    }

    @Override
    public String toString() {
        return "Composition(" + diskSpec() + ")";
    }
}
