package io.github.blobds.blobfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The BlobFS image real SPDK v25.05.1 wrote loads here, and every file reads back as its manifest says. */
class BlobFsFixtureTest {

    static Path fixtures() {
        Path dir = Path.of(System.getProperty("blobds.fixtures", "../../shared/fixtures"));
        assumeTrue(Files.isDirectory(dir), () -> "SPDK fixture images not found at " + dir.toAbsolutePath()
                + " (they live in the project's shared/fixtures beside the repository; set -Dblobds.fixtures=DIR)");
        return dir;
    }

    static MemoryDevice image(JsonNode m) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fixtures().resolve(m.at("/image/file").asText())))) {
            return MemoryDevice.fromImage(in, m.at("/device/bytes").asLong(), m.at("/device/block_size").asInt());
        }
    }

    @Test
    void spdkBlobFsImageReadsBack() throws Exception {
        JsonNode m = new ObjectMapper().readTree(fixtures().resolve("spdk-blobfs-basic.json").toFile());
        MemoryDevice dev = image(m);
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(dev, BlobstoreOptions.defaults().withBstype("BLOBFS")), true)) {
            assertEquals(0, fs.engine().repairsAtLoad(), "an image SPDK wrote needs no repair");
            List<String> names = new ArrayList<>();
            for (JsonNode f : m.get("files")) {
                String name = f.get("name").asText();
                names.add(name);
                Path p = fs.getPath("/" + name);
                byte[] data = Files.readAllBytes(p);
                assertEquals(f.get("length").asLong(), data.length, name);
                assertEquals(f.get("sha256").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), name);
                assertEquals(f.get("length").asLong(), Files.size(p));
                assertEquals(BlobId.parse(f.get("blob_id").asText()), fs.engine().blobId(name));
            }
            assertEquals(names.stream().sorted().toList(), fs.engine().list().stream().sorted().toList());
            for (JsonNode gone : m.get("deleted_or_replaced")) {
                if (gone.has("length")) {
                    assertFalse(Files.exists(fs.getPath("/" + gone.get("name").asText())));
                }
            }
            assertEquals(List.of("blocks"), listing(fs.getPath("/")).stream().filter(n -> n.equals("blocks")).toList());
            assertEquals(List.of("AB"), listing(fs.getPath("/blocks")));
        }
    }

    static List<String> listing(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }
}
