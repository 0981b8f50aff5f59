package io.github.blobds.flatfs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPInputStream;

/** The shared fixtures (read, never written) and a small reader for their {@code .tar.gz} archives. */
final class Fixtures {

    private Fixtures() {
    }

    /** The fixture file {@code name}; the calling test is skipped, saying where it looked, when it is absent. */
    static Path require(String name) {
        String dir = System.getProperty("blobds.fixtures", "../../shared/fixtures");
        Path p = Paths.get(dir).resolve(name);
        assumeTrue(Files.isRegularFile(p), () -> "fixture " + name + " not found at " + p.toAbsolutePath().normalize()
                + " (set -Dblobds.fixtures to the fixtures directory)");
        return p;
    }

    /**
     * Unpacks the gzip-compressed ustar archive {@code archive} into {@code target}: regular files and
     * directories only, every name staying inside {@code target}.
     */
    static void untarGz(Path archive, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                Path out = target.resolve(name).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry " + name + " escapes " + target);
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length != size) {
                    throw new IOException("archive " + archive + " ends inside " + name);
                }
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (type == '5') {
                    Files.createDirectories(out);
                } else if (type == '0' || type == 0) {
                    Files.createDirectories(out.getParent());
                    Files.write(out, data);
                }
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = offset; i < offset + length && header[i] != 0; i++) {
            b.write(header[i]);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
