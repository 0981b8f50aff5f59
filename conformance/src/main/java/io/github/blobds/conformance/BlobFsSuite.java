package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The BlobFS conformance suite: SPDK's own BlobFS unit tests ({@code test/unit/lib/blobfs}, v25.05.1;
 * reference §6.2) ported to {@code java.nio.file}, plus the guarantees blobds' BlobFS makes beyond
 * them. It needs NIO and JUnit only. Subclass it with a factory for a fresh, empty file system and a
 * way to open the same storage again:
 *
 * <pre>{@code
 * class MyBlobFsTest extends BlobFsSuite {
 *     private final MemoryDevice device = MemoryDevice.ofBytes(64 << 20, 4096);
 *     private FileSystem fs;
 *
 *     @Override
 *     protected FileSystem createFileSystem() throws IOException {
 *         return fs = BlobFileSystem.open(SimBlobstore.init(device, OPTIONS), true);
 *     }
 *
 *     @Override
 *     protected FileSystem reopen() throws IOException {
 *         fs.close();
 *         return fs = BlobFileSystem.open(SimBlobstore.load(device, OPTIONS), true);
 *     }
 * }
 * }</pre>
 *
 * <p>The semantics it holds a file system to, where SPDK BlobFS differs (each test says so):
 * <ul>
 *   <li>Writes append only: a write anywhere but the file's end fails with an {@link IOException}.
 *       Reads work anywhere, unforced appends included. {@code truncate} shrinks and never extends.</li>
 *   <li>{@code force} makes a file's data and length durable; closing a channel or the file system
 *       forces. Create, move and delete are durable when they return.</li>
 *   <li>Move is atomic. With {@code REPLACE_EXISTING} it replaces the target; without, an existing
 *       target is an error. A missing source leaves the target alone; moving a file to its own name
 *       does nothing. (SPDK's rename always replaces, deletes the target before looking up the source,
 *       and deletes a file renamed to itself.)</li>
 *   <li>Deleting an open file removes its name at once (SPDK keeps listing it until the last close);
 *       its channels keep working, and its storage goes at the last close.</li>
 *   <li>Directories are implied by names: a directory exists while a file lies below it, or after
 *       {@code createDirectory} until the file system closes (empty directories are not stored).</li>
 *   <li>Names are at most 255 UTF-8 bytes, counting the whole path without its leading {@code /}.</li>
 * </ul>
 *
 * <p>Each test starts with {@link #createFileSystem()} and ends by closing the current file system.
 * Random data and offsets come from one seed, printed on failure and set with {@code -Dblobds.seed=…}.
 */
public abstract class BlobFsSuite {

    private static final long SEED = Long.getLong("blobds.seed", System.nanoTime());

    @RegisterExtension
    static final TestExecutionExceptionHandler SEED_ON_FAILURE = (context, thrown) -> {
        if (thrown instanceof AssertionError a) {
            AssertionError withSeed = new AssertionError(a.getMessage() + " [seed " + SEED + ", replay with -Dblobds.seed=" + SEED + "]", a.getCause());
            withSeed.setStackTrace(a.getStackTrace());
            throw withSeed;
        }
        throw thrown;
    };

    private final Random random = new Random(SEED);
    private FileSystem fs;

    /** A new, empty file system, called once at the start of every test. */
    protected abstract FileSystem createFileSystem() throws Exception;

    /**
     * Closes the file system last returned (by {@link #createFileSystem()} or this method) and opens
     * the same storage again, as a process would after a clean restart.
     */
    protected abstract FileSystem reopen() throws Exception;

    /**
     * The storage's allocation unit in bytes, for the tests that append across it (SPDK's
     * {@code append_write_to_extend_blob}); BlobFS's default cluster is 1 MiB.
     */
    protected long clusterSize() {
        return 1 << 20;
    }

    /** Bytes written by the large sequential-append test (a few MiB). */
    protected int largeFileBytes() {
        return 4 << 20;
    }

    @BeforeEach
    final void openFileSystem() throws Exception {
        fs = createFileSystem();
        assertNotNull(fs, "createFileSystem() returned null");
        try (Stream<Path> files = Files.list(fs.getPath("/"))) {
            assertTrue(files.findAny().isEmpty(), "createFileSystem() must return an empty file system");
        }
    }

    @AfterEach
    final void closeFileSystem() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    final FileSystem fileSystem() {
        return fs;
    }

    final void reopenFileSystem() throws Exception {
        fs = reopen();
        assertNotNull(fs, "reopen() returned null");
    }

    final Random random() {
        return random;
    }

    @Nested
    @DisplayName("Opening and creating files (fs_open, fs_create)")
    class Opening extends BlobFsOpenSubtests {
        @Override
        BlobFsSuite suite() {
            return BlobFsSuite.this;
        }
    }

    @Nested
    @DisplayName("Reading and appending (fs_rw, the cache tests, truncate)")
    class ReadingAndAppending extends BlobFsDataSubtests {
        @Override
        BlobFsSuite suite() {
            return BlobFsSuite.this;
        }
    }

    @Nested
    @DisplayName("Channels: position, size, access modes, locks and concurrency")
    class Channels extends BlobFsChannelSubtests {
        @Override
        BlobFsSuite suite() {
            return BlobFsSuite.this;
        }
    }

    @Nested
    @DisplayName("Moving, copying and deleting (fs_rename, fs_rename_sync, fs_delete_file_without_close)")
    class MovingAndDeleting extends BlobFsMoveSubtests {
        @Override
        BlobFsSuite suite() {
            return BlobFsSuite.this;
        }
    }

    @Nested
    @DisplayName("Persistence across reopen (file_length, reload)")
    class Persistence extends BlobFsPersistenceSubtests {
        @Override
        BlobFsSuite suite() {
            return BlobFsSuite.this;
        }
    }

    @Nested
    @DisplayName("Directories implied by names, and attributes")
    class Directories extends BlobFsDirectorySubtests {
        @Override
        BlobFsSuite suite() {
            return BlobFsSuite.this;
        }
    }
}
