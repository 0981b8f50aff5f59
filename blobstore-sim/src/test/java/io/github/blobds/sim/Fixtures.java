package io.github.blobds.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The images real SPDK wrote, in {@code ../shared/fixtures} (read only). */
final class Fixtures {

    private Fixtures() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("blobds.fixtures", "../../shared/fixtures"));
        assumeTrue(Files.isDirectory(dir), () -> "SPDK fixture images not found at " + dir.toAbsolutePath()
                + " (they live in the project's shared/fixtures beside the repository; set -Dblobds.fixtures=DIR)");
        return dir;
    }

    static JsonNode manifest(String name) {
        try {
            return new ObjectMapper().readTree(dir().resolve(name + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's image, unpacked into a memory device. */
    static MemoryDevice image(String name) {
        JsonNode m = manifest(name);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir().resolve(m.at("/image/file").asText())))) {
            return MemoryDevice.fromImage(in, m.at("/device/bytes").asLong(), m.at("/device/block_size").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's image, unpacked into a file. */
    static Path imageFile(String name, Path into) {
        JsonNode m = manifest(name);
        Path out = into.resolve(name + ".img");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir().resolve(m.at("/image/file").asText())))) {
            Files.copy(in, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
