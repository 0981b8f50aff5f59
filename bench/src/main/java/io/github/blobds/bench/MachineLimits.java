package io.github.blobds.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Measures every {@link Limit} with the harness's own clock, in a directory on the work disk. */
final class MachineLimits {

    private static final int CHUNK = 1 << 20;

    private MachineLimits() {
    }

    static List<Measurement> measure(Path dir, BenchOptions options, int run) {
        List<Measurement> out = new ArrayList<>();
        int blockWrites = Math.min(options.blocks(), 500);
        out.add(writeForce(dir.resolve("limit-block.dat"), Limit.WRITE_FORCE_BLOCK, options.blockSize(), blockWrites, run));
        out.add(writeForce(dir.resolve("limit-4k.dat"), Limit.WRITE_FORCE_4K, 4096, Math.min(options.syncedPuts(), 1000), run));
        long seqBytes = Math.min((long) options.blocks() * options.blockSize(), 512L << 20);
        out.add(sequentialWrite(dir.resolve("limit-seq.dat"), Math.max(seqBytes, CHUNK), run));
        long copyBytes = Math.clamp((long) options.blocks() * options.blockSize(), 16L << 20, 256L << 20);
        out.add(memoryCopy((int) copyBytes, options.blockSize(), run));
        return out;
    }

    private static ByteBuffer randomDirect(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return ByteBuffer.allocateDirect(size).put(b).flip();
    }

    static Measurement writeForce(Path file, Limit limit, int size, int count, int run) {
        ByteBuffer buf = randomDirect(size);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            LatencySamples samples = new LatencySamples(count);
            for (int i = 0; i < count; i++) {
                long t = System.nanoTime();
                buf.clear();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
                samples.add(System.nanoTime() - t);
            }
            return samples.finish(limit.id(), "limits", limit.id(), run, count, (long) size * count, Double.NaN, false);
        } catch (IOException e) {
            throw new UncheckedIOException("limit " + limit.id() + " on " + file, e);
        } finally {
            deleteQuietly(file);
        }
    }

    static Measurement sequentialWrite(Path file, long bytes, int run) {
        ByteBuffer buf = randomDirect(CHUNK);
        long chunks = bytes / CHUNK;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            LatencySamples samples = new LatencySamples(1);
            long t = System.nanoTime();
            for (long i = 0; i < chunks; i++) {
                buf.clear();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            ch.force(true);
            samples.add(System.nanoTime() - t);
            return samples.finish(Limit.SEQUENTIAL_WRITE.id(), "limits", Limit.SEQUENTIAL_WRITE.id(), run, chunks,
                    chunks * CHUNK, Double.NaN, false);
        } catch (IOException e) {
            throw new UncheckedIOException("limit sequential-write on " + file, e);
        } finally {
            deleteQuietly(file);
        }
    }

    static Measurement memoryCopy(int bytes, int block, int run) {
        byte[] src = new byte[bytes];
        new Random(7).nextBytes(src);
        byte[] dst = new byte[bytes];
        int blocks = bytes / block;
        copy(src, dst, block, blocks); // warm up, and touch every page of dst
        int passes = 4;
        LatencySamples samples = new LatencySamples(blocks * passes);
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < blocks; i++) {
                long t = System.nanoTime();
                System.arraycopy(src, i * block, dst, i * block, block);
                samples.add(System.nanoTime() - t);
            }
        }
        if (dst[bytes - 1] != src[bytes - 1]) {
            throw new IllegalStateException("memory copy lost bytes");
        }
        return samples.finish(Limit.MEMORY_COPY.id(), "limits", Limit.MEMORY_COPY.id(), run, (long) blocks * passes,
                (long) blocks * passes * block, Double.NaN, false);
    }

    private static void copy(byte[] src, byte[] dst, int block, int blocks) {
        for (int i = 0; i < blocks; i++) {
            System.arraycopy(src, i * block, dst, i * block, block);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the work directory is deleted at the end anyway
        }
    }
}
