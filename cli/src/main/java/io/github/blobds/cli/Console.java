package io.github.blobds.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a run of the command sees of its process: standard streams, environment, home and temporary
 * directories. Injected so that tests run the command in-process, with captured output and their own
 * environment, and nothing reads the real process state behind their back.
 *
 * @param in   standard input (values of {@code put}, …)
 * @param out  standard output: raw bytes ({@code get}, {@code blobfs cat}) and text
 * @param err  standard error: errors, warnings and progress
 * @param env  environment variables ({@code BLOBDS_REPO})
 * @param home the user's home directory (the default repo is {@code ~/.blobds})
 * @param temp where scratch directories go ({@code conformance}): {@code /dev/shm} when it is a writable
 *             directory (memory-backed, so the many syncs BlobFS and flatfs make there cost nothing), else
 *             {@code java.io.tmpdir}
 */
record Console(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path home, Path temp) {

    /** The process's own streams, environment and directories. */
    static Console system() {
        Path shm = Path.of("/dev/shm");
        Path temp = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return new Console(System.in, System.out, System.err, System.getenv(), Path.of(System.getProperty("user.home")), temp);
    }

    Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }
}
