package io.github.blobds.sim;

import static io.github.blobds.blobstore.BlobstoreException.EBUSY;
import static io.github.blobds.blobstore.BlobstoreException.EINVAL;
import static io.github.blobds.blobstore.BlobstoreException.EIO;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A block device that is harsher than real hardware, driven by one {@code long seed}: it wraps any
 * {@link BlockDevice} (the <em>stable medium</em>) and adds a volatile write cache, power loss, seeded
 * I/O errors, a logical latency clock and misuse checks. The same seed and the same sequence of calls
 * (from one thread, or from several whose calls reach the device in the same order) give the same
 * outcome, and every failure message names the request and carries {@code seed=<seed>} so that it
 * can be replayed. The simulator is meant to be stricter than any real device, never looser.
 *
 * <h2>Volatile writes and flush</h2>
 * A completed {@link #write}, {@link #writeZeroes} or {@link #unmap} goes to a cache, not to the stable
 * medium: later reads see it, but it is <em>volatile</em>. {@link #flush()} applies every completed
 * write to the stable medium and flushes that; from then on those writes survive any crash. Unmapped
 * blocks read as zeroes, exactly like zeroed ones. Nothing reaches the stable medium except through
 * {@link #flush()} and {@link #crash()}.
 *
 * <h2>Crash model</h2>
 * {@link #crash()} is a power loss followed by a reboot. The unit of atomicity is the 4 KiB page
 * ({@code [p * 4096, p * 4096 + 4096)} of the device, SPDK's assumption, reference §3.8): a page is
 * never torn inside, so after a crash every page holds exactly one of its versions: its stable content
 * or its image after one of the unflushed writes that touched it (a write of 512-byte blocks that
 * covers part of a page produces a whole-page image containing everything written to that page
 * before it). Which version survives is decided by the seed and the {@link CrashModel}:
 * <ul>
 *   <li>{@link CrashModel#WRITE_BACK} (the default, what {@link BlockDevice} promises: durability only
 *       after a flush): every page independently ends at one of its versions: its newest with a
 *       probability {@code k} drawn per crash, otherwise one of the older ones (the stable content
 *       included) chosen uniformly. Writes can be lost in any order, a later write can survive an
 *       earlier one, and a multi-page write can be torn at any of its pages.</li>
 *   <li>{@link CrashModel#IN_ORDER} (what SPDK's blobstore assumes of a device: completed writes
 *       survive, the one in flight may not): the unflushed writes survive as a prefix in issue order,
 *       the cut chosen uniformly; each page of the first write past the prefix survives with a
 *       probability {@code k} drawn per crash (so it may be torn), and every later write is lost.</li>
 * </ul>
 * One crash in six loses every unflushed write and one in six keeps them all, so that both edges are
 * exercised. After the crash the surviving
 * state is on the stable medium (flushed), the cache is empty and the device is usable again; a
 * request that was in flight during the crash fails with {@code EIO} and writes nothing. {@link
 * #crash()} returns a {@link CrashReport} counting the writes kept, dropped and torn.
 *
 * <h2>Faults and misuse</h2>
 * With the probabilities of {@link Options} (0 by default), a read, a write (including write-zeroes
 * and unmap) or a flush fails with {@code EIO}: a failed read leaves the buffer untouched, a failed
 * write may have written any subset of its pages (each with probability 1/2, volatile like any write),
 * a failed flush makes nothing durable (the writes stay volatile; a later flush may still succeed). Misuse fails loudly and is counted in {@link Stats#misuses()}: a transfer that is
 * not whole blocks or leaves the device ({@code EINVAL}), any call after {@link #close()} ({@code
 * EIO}), and a write overlapping another request in flight, or a read overlapping a write in flight
 * ({@code EBUSY}), since a real device gives no ordering between concurrent overlapping requests.
 * Non-overlapping requests may run concurrently from any threads.
 *
 * <h2>What it does not do</h2>
 * It never sleeps: with {@link Options#latency()} each request advances a logical clock ({@link
 * Stats#clockNanos()}) by a seeded service time. It does not model media errors that corrupt data,
 * nor unmapped blocks reading as anything but zeroes. {@link #close()} does not flush: writes not yet
 * flushed are discarded, and the wrapped device is closed.
 */
public final class SimulatedDevice implements BlockDevice {

    /** What a {@link #crash()} keeps of the unflushed writes (see the class comment). */
    public enum CrashModel {
        /** Each 4 KiB page independently keeps one of its unflushed versions, or none: a write-back cache that reorders. */
        WRITE_BACK,
        /** A prefix of the unflushed writes in issue order survives; the write at the cut may be torn at page granularity. */
        IN_ORDER
    }

    /**
     * How a {@link SimulatedDevice} misbehaves.
     *
     * @param crashModel     what a crash keeps
     * @param readErrorRate  probability in [0, 1] that a read fails with {@code EIO}
     * @param writeErrorRate probability in [0, 1] that a write, write-zeroes or unmap fails with {@code EIO}
     * @param flushErrorRate probability in [0, 1] that a flush fails with {@code EIO}
     * @param latency        whether requests advance the logical clock
     */
    public record Options(CrashModel crashModel, double readErrorRate, double writeErrorRate, double flushErrorRate, boolean latency) {

        public Options {
            if (crashModel == null) {
                throw new BlobstoreException(EINVAL, "crash model must not be null");
            }
            for (double p : new double[] {readErrorRate, writeErrorRate, flushErrorRate}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new BlobstoreException(EINVAL, "error probability " + p + " is not in [0, 1]");
                }
            }
        }

        /** {@link CrashModel#WRITE_BACK}, no injected errors, no latency. */
        public static Options defaults() {
            return new Options(CrashModel.WRITE_BACK, 0, 0, 0, false);
        }

        public Options withCrashModel(CrashModel crashModel) {
            return new Options(crashModel, readErrorRate, writeErrorRate, flushErrorRate, latency);
        }

        public Options withReadErrorRate(double p) {
            return new Options(crashModel, p, writeErrorRate, flushErrorRate, latency);
        }

        public Options withWriteErrorRate(double p) {
            return new Options(crashModel, readErrorRate, p, flushErrorRate, latency);
        }

        public Options withFlushErrorRate(double p) {
            return new Options(crashModel, readErrorRate, writeErrorRate, p, latency);
        }

        public Options withLatency(boolean latency) {
            return new Options(crashModel, readErrorRate, writeErrorRate, flushErrorRate, latency);
        }
    }

    /**
     * What one {@link #crash()} did to the unflushed writes.
     *
     * @param crash         this crash's number, from 1
     * @param writes        unflushed writes at the crash
     * @param keptWrites    writes that survived whole (perhaps overwritten by a later survivor)
     * @param droppedWrites writes of which no page survived
     * @param tornWrites    writes of which some pages survived and others did not
     * @param keptPages     pages of those writes that survived
     * @param droppedPages  pages of those writes that were lost
     */
    public record CrashReport(long crash, int writes, int keptWrites, int droppedWrites, int tornWrites, int keptPages, int droppedPages) {

        /** Whether the crash lost anything: a page of some write was dropped. */
        public boolean lostWrites() {
            return droppedPages > 0;
        }
    }

    /** Counters since the device was created; crash counters add up every {@link CrashReport}. */
    public record Stats(long reads, long writes, long flushes, long injectedErrors, long misuses, long crashes,
            long keptPages, long droppedPages, long tornWrites, long clockNanos) {
    }

    /** A request between admission and completion. */
    private record Request(String what, long from, long to, boolean write, String thread, long epoch) {
    }

    private final BlockDevice stable;
    private final long seed;
    private final Options options;
    private final int blockSize;
    private final long blockCount;
    private final SimulatedCache cache;
    private final Random faults;
    private final Random latencies;
    private final List<Request> inFlight = new ArrayList<>();
    /** Test hook: runs with each admitted request's description, outside the lock, before the request executes. */
    private volatile Consumer<String> probe = what -> { };
    private boolean closed;
    private long reads;
    private long writes;
    private long flushes;
    private long injectedErrors;
    private long misuses;
    private long crashes;
    private long keptPages;
    private long droppedPages;
    private long tornWrites;
    private long clockNanos;

    /** Wraps {@code stable} with the {@linkplain Options#defaults() default options}. */
    public SimulatedDevice(BlockDevice stable, long seed) {
        this(stable, seed, Options.defaults());
    }

    /** Wraps {@code stable}, which this device owns from now on (it closes it). */
    public SimulatedDevice(BlockDevice stable, long seed, Options options) {
        this.stable = stable;
        this.seed = seed;
        this.options = options;
        this.blockSize = stable.blockSize();
        this.blockCount = stable.blockCount();
        this.cache = new SimulatedCache(stable);
        this.faults = new Random(stream(1));
        this.latencies = new Random(stream(2));
    }

    private long stream(long n) {
        return seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L;
    }

    public long seed() {
        return seed;
    }

    public Options options() {
        return options;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long blockCount() {
        return blockCount;
    }

    /** Counters so far. */
    public synchronized Stats stats() {
        return new Stats(reads, writes, flushes, injectedErrors, misuses, crashes, keptPages, droppedPages, tornWrites, clockNanos);
    }

    /** Completed writes not yet flushed. */
    public synchronized int unflushedWrites() {
        return cache.writes();
    }

    /** Package-private test hook, see {@link #probe}. */
    void onAdmitted(Consumer<String> probe) {
        this.probe = probe;
    }

    // ------------------------------------------------------------------ requests

    @Override
    public void read(long lba, ByteBuffer dst) {
        String what = "read of " + dst.remaining() + " bytes at lba " + lba;
        if (dst.isReadOnly()) {
            throw misuse(EINVAL, what + " into a read-only buffer");
        }
        Request r = admit(what, lba, dst.remaining(), true, false);
        run(r, () -> {
            reads++;
            tick(80_000, dst.remaining());
            injectedFault(options.readErrorRate(), what);
            onStable("read", () -> cache.read(lba * blockSize, dst));
        });
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        String what = "write of " + src.remaining() + " bytes at lba " + lba;
        Request r = admit(what, lba, src.remaining(), true, true);
        run(r, () -> {
            writes++;
            tick(15_000, src.remaining());
            ByteBuffer data = src.duplicate();
            src.position(src.limit());
            completeWrite(what, lba * blockSize, data.remaining(), data);
        });
    }

    @Override
    public void writeZeroes(long lba, long count) {
        zero("writeZeroes", lba, count);
    }

    @Override
    public void unmap(long lba, long count) {
        zero("unmap", lba, count);
    }

    private void zero(String op, long lba, long count) {
        String what = op + " of " + count + " blocks at lba " + lba;
        Request r = admit(what, lba, count, false, true);
        run(r, () -> {
            writes++;
            tick(10_000, 0);
            completeWrite(what, lba * blockSize, count * blockSize, null);
        });
    }

    @Override
    public void flush() {
        Request r = admit("flush", 0, 0, false, false);
        run(r, () -> {
            flushes++;
            tick(500_000 + 2_000L * cache.pages(), 0);
            injectedFault(options.flushErrorRate(), "flush of " + cache.writes() + " writes");
            onStable("flush", cache::flush);
        });
    }

    /**
     * Cuts the power and reboots: every unflushed page keeps one of its versions as the seed and the
     * {@link CrashModel} decide (see the class comment); the survivors are made durable, the rest is
     * gone. The device is usable afterwards.
     */
    public synchronized CrashReport crash() {
        if (closed) {
            throw misuse(EIO, "crash after close");
        }
        crashes++;
        SimulatedCache.Crash c = cache.crash(options.crashModel(), new Random(stream(1000 + crashes)), crashes);
        onStable("crash", () -> cache.survive(c));
        CrashReport report = c.report();
        keptPages += report.keptPages();
        droppedPages += report.droppedPages();
        tornWrites += report.tornWrites();
        return report;
    }

    /** Releases the device and the wrapped one; unflushed writes are discarded. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cache.clear();
        stable.close();
    }

    @Override
    public String toString() {
        return "SimulatedDevice(seed=" + seed + ", " + stable + ")";
    }

    // ------------------------------------------------------------------ admission and completion

    /** Checks a request and registers it in flight; {@code bytes} is a byte count when {@code inBytes}, else blocks. */
    private synchronized Request admit(String what, long lba, long amount, boolean inBytes, boolean write) {
        if (closed) {
            throw misuse(EIO, what + " after close");
        }
        long blocks;
        try {
            blocks = inBytes ? DeviceChecks.range(this, lba, amount, blockSize, blockCount) : DeviceChecks.blocks(this, lba, amount, blockCount);
        } catch (BlobstoreException e) {
            misuses++;
            throw e;
        }
        long from = lba * blockSize;
        long to = from + blocks * blockSize;
        for (Request other : inFlight) {
            if ((write || other.write()) && from < to && other.from() < other.to() && from < other.to() && other.from() < to) {
                throw misuse(EBUSY, what + " (bytes [" + from + ", " + to + ")) overlaps " + other.what() + " in flight on thread "
                        + other.thread() + "; concurrent overlapping requests have no defined order");
            }
        }
        Request r = new Request(what, from, to, write, Thread.currentThread().getName(), crashes);
        inFlight.add(r);
        return r;
    }

    /** Runs an admitted request: the probe outside the lock, then the request under it. */
    private void run(Request r, Runnable action) {
        try {
            probe.accept(r.what());
        } catch (RuntimeException e) {
            synchronized (this) {
                inFlight.remove(r);
            }
            throw e;
        }
        synchronized (this) {
            try {
                if (closed) {
                    throw misuse(EIO, r.what() + ": the device was closed while it was in flight");
                }
                if (r.epoch() != crashes) {
                    throw new BlobstoreException(EIO, this + ": " + r.what() + " was in flight when the power was cut");
                }
                action.run();
            } finally {
                inFlight.remove(r);
            }
        }
    }

    private BlobstoreException misuse(int errno, String message) {
        misuses++;
        return new BlobstoreException(errno, this + ": " + message);
    }

    private void injectedFault(double probability, String what) {
        if (probability > 0 && faults.nextDouble() < probability) {
            injectedErrors++;
            throw new BlobstoreException(EIO, this + ": injected I/O error on " + what + " (error " + injectedErrors + ")");
        }
    }

    /**
     * Caches a completed write of {@code bytes} bytes at device byte {@code pos} ({@code data} null for
     * zeroes). An injected error keeps a seeded subset of its pages (each with probability 1/2) and then fails.
     */
    private void completeWrite(String request, long pos, long bytes, ByteBuffer data) {
        String what = request;
        boolean fail = options.writeErrorRate() > 0 && faults.nextDouble() < options.writeErrorRate();
        if (bytes > 0) {
            SimulatedCache.Write w = onStable("read-modify-write", () -> cache.images(request, pos, bytes, data));
            if (fail) {
                int all = w.pages().length;
                int kept = 0;
                for (int i = 0; i < w.pages().length; i++) {
                    if (faults.nextBoolean()) {
                        w.pages()[kept] = w.pages()[i];
                        w.images()[kept++] = w.images()[i];
                    }
                }
                w = new SimulatedCache.Write(what, Arrays.copyOf(w.pages(), kept), Arrays.copyOf(w.images(), kept));
                what += " (" + kept + " of " + all + " pages written)";
            }
            if (w.pages().length > 0) {
                cache.add(w);
            }
        }
        if (fail) {
            injectedFault(1, what);
        }
    }

    private void tick(long baseNanos, long bytes) {
        if (options.latency()) {
            long nominal = baseNanos + bytes / 4;
            clockNanos += nominal / 2 + (long) (latencies.nextDouble() * nominal);
        }
    }

    // ------------------------------------------------------------------ the wrapped device

    /** Runs a call on the wrapped device; its failures become this device's, with the seed. */
    private void onStable(String what, Runnable call) {
        onStable(what, () -> {
            call.run();
            return null;
        });
    }

    private <T> T onStable(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (BlobstoreException e) {
            throw new BlobstoreException(e.errno(), this + ": the wrapped device failed during " + what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new BlobstoreException(EIO, this + ": the wrapped device failed during " + what + ": " + e, e);
        }
    }
}
