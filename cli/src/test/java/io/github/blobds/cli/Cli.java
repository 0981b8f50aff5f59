package io.github.blobds.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code blobds} in-process with captured output, its own environment, home and scratch directory. */
final class Cli {

    private final Path home;
    private final Path temp;
    private final Map<String, String> env = new HashMap<>();
    private byte[] stdin = new byte[0];

    Cli(Path dir) {
        this.home = dir.resolve("home");
        this.temp = dir.resolve("tmp");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli stdin(byte[] bytes) {
        this.stdin = bytes;
        return this;
    }

    Path home() {
        return home;
    }

    /** The outcome of one run. */
    record Result(int code, byte[] outBytes, String err) {
        String out() {
            return new String(outBytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out() + "--- err\n" + err;
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(env), home, temp);
        int code = BlobdsCommand.run(console, args);
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** A fixture of shared/fixtures (the build sets -Dblobds.fixtures). */
    static Path fixture(String name) {
        String dir = System.getProperty("blobds.fixtures", "../../shared/fixtures");
        Path p = Path.of(dir).resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException("fixture " + p + " not found (set -Dblobds.fixtures)");
        }
        return p;
    }

    /** A directory for scratch work: below /dev/shm when there is one (syncs cost nothing there), else below {@code fallback}. */
    static Path fastDirectory(Path fallback) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "blobds-cli-test-");
        }
        return Files.createTempDirectory(fallback, "fast-");
    }
}
