package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a composed tree closes: reverse order of creation, each part once, a shared BlobFS after its last user. */
class CloseOrderTest {

    private static final String IMAGE = "{\"image\": \"shared\", \"size\": \"16MiB\", \"clusterSize\": 65536, \"backend\": \"memory\"}";

    @TempDir
    Path repo;

    private final Recorder recorder = new Recorder();
    private final Composer composer = Composer.builder().discoverModules(false).modules(new RecordingModule(recorder)).build();

    private String spec(String bOptions) {
        return """
                {"type": "mount", "mounts": [
                  {"mountpoint": "/a", "type": "recording", "name": "a", "blobfs": %1$s},
                  {"mountpoint": "/b", "type": "measure", "prefix": "b", "child":
                    {"type": "log", "name": "b", "child": {"type": "recording", "name": "b", %2$s "blobfs": %1$s}}},
                  {"mountpoint": "/", "type": "recording", "name": "root"}
                ]}""".formatted(IMAGE, bOptions);
    }

    @Test
    @DisplayName("Children close in reverse order of creation, each once, and the shared BlobFS after the last datastore on it")
    void reverseOrder() {
        Batching ds = composer.parse(spec("")).create(repo);
        assertEquals(List.of("open root", "open a", "open b"), recorder.events(), "mounts are created from / up");
        assertTrue(recorder.directory("a").getFileSystem() == recorder.directory("b").getFileSystem(), "one BlobFS for both");
        ds.put(Key.of("/a/x"), new byte[] {1});
        ds.close();
        ds.close();
        assertEquals(List.of("open root", "open a", "open b", "close b", "close a", "close root"), recorder.events());
        assertFalse(recorder.directory("a").getFileSystem().isOpen(), "the BlobFS closes with the tree");
        assertThrows(ClosedException.class, () -> ds.get(Key.of("/a/x")));
    }

    @Test
    @DisplayName("When creating fails, what was created is closed in reverse order, the BlobFS included")
    void failedCreation() {
        DatastoreException e = assertThrows(DatastoreException.class, () -> composer.parse(spec("\"fail\": true,")).create(repo));
        assertEquals("recording b fails as asked", e.getMessage());
        assertEquals(List.of("open root", "open a", "close a", "close root"), recorder.events());
        assertFalse(recorder.directory("a").getFileSystem().isOpen());
    }

    @Test
    @DisplayName("A datastore failing to close does not stop the others; the failure is thrown after")
    void failedClose() {
        Batching ds = composer.parse(spec("\"failClose\": true,")).create(repo);
        DatastoreException e = assertThrows(DatastoreException.class, ds::close);
        assertTrue(e.getMessage().contains("recording b fails to close as asked"), e.getMessage());
        assertEquals(List.of("open root", "open a", "open b", "close b", "close a", "close root"), recorder.events());
        assertFalse(recorder.directory("a").getFileSystem().isOpen());
        ds.close();
    }

    @Test
    @DisplayName("A root that is not Batching is refused, and closed")
    void rootNotBatching() {
        Composer c = Composer.builder().discoverModules(false).modules(new RecordingModule(recorder), new PlainModule()).build();
        DatastoreException e = assertThrows(DatastoreException.class,
                () -> c.parse("{\"type\": \"plain\", \"child\": {\"type\": \"recording\", \"name\": \"x\"}}").create(repo));
        assertTrue(e.getMessage().contains("is not Batching"), e.getMessage());
        assertEquals(List.of("open x", "close x"), recorder.events());
    }
}
