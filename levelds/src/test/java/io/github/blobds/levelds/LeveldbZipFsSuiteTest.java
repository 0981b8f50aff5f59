package io.github.blobds.levelds;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite on a file system that is not the default one, the JDK's zip file system: {@link PathEnv}
 * resolves every name in the database directory's own file system and needs nothing else of it (no
 * directory channels, no OS locks, no {@code java.io.File}).
 */
class LeveldbZipFsSuiteTest extends DatastoreSuite {

    @TempDir
    static Path root;

    private static FileSystem zip;

    /** Closes the zip file system after the suite's own {@code @AfterAll} closed the shared datastore. */
    @RegisterExtension
    static final AfterAllCallback UNMOUNT = context -> {
        if (zip != null) {
            zip.close();
            zip = null;
        }
    };

    private final AtomicInteger opened = new AtomicInteger();

    @Override
    protected synchronized Datastore createDatastore() throws IOException {
        if (zip == null) {
            zip = FileSystems.newFileSystem(root.resolve("leveldb.zip"), Map.of("create", "true"));
        }
        return LeveldbDatastore.open(zip.getPath("/db" + opened.incrementAndGet()),
                LeveldbOptions.builder().syncWrites(false).build());
    }

    /** The default file system runs the combinations at 100 ({@link LeveldbSuiteTest}); here 20 keep the class short. */
    @Override
    protected int elemCount() {
        return 20;
    }
}
