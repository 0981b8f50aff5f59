package io.github.blobds.conformance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What every group of {@link BlobFsSuite} shares: the current file system of the suite, reopening it,
 * the seeded random source, and small channel helpers. Paths belong to one file system, so a test
 * resolves them again with {@link #path} after {@link #reopen()}.
 */
abstract class BlobFsSubtests {

    static final OpenOption READ = StandardOpenOption.READ;
    static final OpenOption WRITE = StandardOpenOption.WRITE;
    static final OpenOption APPEND = StandardOpenOption.APPEND;
    static final OpenOption CREATE = StandardOpenOption.CREATE;
    static final OpenOption CREATE_NEW = StandardOpenOption.CREATE_NEW;

    abstract BlobFsSuite suite();

    /** A path on the current file system. */
    final Path path(String first, String... more) {
        return suite().fileSystem().getPath(first, more);
    }

    final Path root() {
        return path("/");
    }

    /** Closes the current file system and opens its storage again. */
    final void reopen() throws Exception {
        suite().reopenFileSystem();
    }

    final Random random() {
        return suite().random();
    }

    final long clusterSize() {
        return suite().clusterSize();
    }

    /** {@code n} random bytes. */
    final byte[] bytes(int n) {
        byte[] b = new byte[n];
        random().nextBytes(b);
        return b;
    }

    static FileChannel open(Path p, OpenOption... options) throws IOException {
        return FileChannel.open(p, options);
    }

    /** A new file holding {@code content}, forced and closed. */
    static void create(Path p, byte[] content) throws IOException {
        try (FileChannel ch = open(p, CREATE_NEW, WRITE)) {
            writeFully(ch, content);
            ch.force(true);
        }
    }

    static void writeFully(WritableByteChannel ch, byte[] b) throws IOException {
        writeFully(ch, ByteBuffer.wrap(b));
    }

    static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Up to {@code len} bytes read at {@code pos} without moving the channel's position; fewer at the end. */
    static byte[] readAt(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static byte[] range(byte[] b, long from, long to) {
        return Arrays.copyOfRange(b, (int) from, (int) to);
    }

    /** The sorted file names in {@code dir}, through {@link Files#newDirectoryStream(Path)}. */
    static List<String> children(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p.getFileName().toString());
            }
        }
        out.sort(null);
        return out;
    }

    /** The sorted paths in {@code dir} as strings, through {@link Files#list(Path)}. */
    static List<String> listed(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }
}
