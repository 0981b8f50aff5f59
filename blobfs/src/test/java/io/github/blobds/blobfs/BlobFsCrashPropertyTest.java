package io.github.blobds.blobfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * BlobFS's durability promises under power loss, as a seeded model-based property: a random workload of
 * create, append, force, close, move (REPLACE_EXISTING) and delete through NIO runs on a
 * {@link VolatileCacheDevice}; power is cut at a random device call; the image left behind loads
 * (dirty-load recovery, then BlobFS's repairs) and must show a state the model allows:
 * <ul>
 *   <li>the names are exactly those of the model before the interrupted operation or after it (create,
 *       move and delete are durable when they return, and a move with REPLACE_EXISTING is
 *       all-or-nothing);</li>
 *   <li>each file is at least as long as its last completed force (or close, or DSYNC write), at most as
 *       long as everything appended, and every byte up to its recovered length is the byte written;</li>
 *   <li>no blob is left without a file, and the recovered file system keeps working: appends, a new
 *       file and a clean reopen leave everything intact.</li>
 * </ul>
 * A failure is shrunk to a shorter workload and printed with its seed ({@code -Dblobds.crash.seed=…}
 * replays one; {@code -Dblobds.crash.seeds=…} sets how many run, 300 by default;
 * {@code -Dblobds.crash.modes=DROP_ALL,PREFIX} limits the crash modes).
 *
 * <p>{@code SimulatedDevice} (blobstore-sim) did not exist when this was written, so the device here is
 * the test's own: unflushed writes stay in a volatile overlay, and the crash keeps none of them, a prefix
 * of them in issue order (SPDK's own model: completed writes survive, the one in flight may be torn at
 * a 4 KiB page), or an arbitrary subset of their pages (a write-back cache; the {@code BlockDevice}
 * contract promises durability only after {@code flush}). The cut happens at a device call, so it may
 * fall inside any operation.
 */
class BlobFsCrashPropertyTest {

    static final BlobstoreOptions OPTIONS = BlobstoreOptions.defaults().withBstype(BlobFs.BSTYPE).withClusterSize(64 << 10);
    static final int DEVICE_BYTES = 16 << 20;
    static final int PAGE = 4096;
    static final List<String> NAMES = List.of("/a", "/b", "/db/c", "/db/d");

    // ------------------------------------------------------------------ the device

    /** Thrown by every call of a {@link VolatileCacheDevice} from the power cut on. */
    static final class PowerCut extends RuntimeException {
        PowerCut(String message) {
            super(message, null, false, false);
        }
    }

    /** What survives of the writes not yet flushed when the power goes. */
    enum CrashMode {
        /** None: the device is as of the last completed flush. */
        DROP_ALL,
        /** The first k pages written since the last flush, in issue order (a write-through cache cut mid-way). */
        PREFIX,
        /** Each page written since the last flush independently (a write-back cache that reorders). */
        SUBSET
    }

    /**
     * A 4 KiB-block memory device with a volatile write cache: writes are visible at once but reach the
     * durable image only at {@link #flush()}. After {@link #cutAfter(long) cutAfter(n)}, the (n+1)-th
     * later write, zeroing, unmap or flush fails with {@link PowerCut} (a write may leave a torn prefix of
     * its pages in the cache), and so does every call after it.
     */
    static final class VolatileCacheDevice implements BlockDevice {

        private static final byte[] ZERO = new byte[PAGE];
        private static final byte[] ZERO_CHUNK = new byte[1 << 20];

        private record PageWrite(long lba, byte[] data) {
        }

        private final MemoryDevice durable = MemoryDevice.ofBytes(DEVICE_BYTES, PAGE);
        private final List<PageWrite> pending = new ArrayList<>();
        private final Map<Long, byte[]> latest = new HashMap<>();
        private final Random tear;
        private long mutations;
        private long cutAt = Long.MAX_VALUE;
        private boolean cut;

        VolatileCacheDevice(long seed) {
            this.tear = new Random(seed);
        }

        /** Mutating calls so far. */
        long mutations() {
            return mutations;
        }

        /** Lets {@code n} more mutating calls complete; the next one cuts the power. */
        void cutAfter(long n) {
            cutAt = mutations + n;
        }

        boolean isCut() {
            return cut;
        }

        private void mutation(String what, List<PageWrite> torn) {
            if (cut) {
                throw new PowerCut("the power is off (" + what + ")");
            }
            if (mutations == cutAt) {
                cut = true;
                pending.addAll(torn.subList(0, tear.nextInt(torn.size() + 1)));
                throw new PowerCut("power cut during " + what);
            }
            mutations++;
        }

        private List<PageWrite> pages(long lba, ByteBuffer src) {
            List<PageWrite> out = new ArrayList<>();
            ByteBuffer d = src.duplicate();
            for (long page = lba; d.hasRemaining(); page++) {
                byte[] b = new byte[PAGE];
                d.get(b);
                out.add(new PageWrite(page, b));
            }
            return out;
        }

        private void cache(List<PageWrite> writes) {
            for (PageWrite w : writes) {
                pending.add(w);
                latest.put(w.lba(), w.data());
            }
        }

        @Override
        public int blockSize() {
            return PAGE;
        }

        @Override
        public long blockCount() {
            return durable.blockCount();
        }

        @Override
        public void read(long lba, ByteBuffer dst) {
            if (cut) {
                throw new PowerCut("the power is off (read)");
            }
            for (long page = lba; dst.hasRemaining(); page++) {
                byte[] cached = latest.get(page);
                if (cached != null) {
                    dst.put(cached);
                } else {
                    durable.read(page, dst.slice(dst.position(), PAGE));
                    dst.position(dst.position() + PAGE);
                }
            }
        }

        @Override
        public void write(long lba, ByteBuffer src) {
            List<PageWrite> writes = pages(lba, src);
            mutation("write of " + writes.size() + " pages at lba " + lba, writes);
            cache(writes);
            src.position(src.limit());
        }

        @Override
        public void writeZeroes(long lba, long count) {
            List<PageWrite> writes = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                writes.add(new PageWrite(lba + i, ZERO));
            }
            mutation("zeroing of " + count + " pages at lba " + lba, writes);
            cache(writes);
        }

        @Override
        public void unmap(long lba, long count) {
            writeZeroes(lba, count);
        }

        @Override
        public void flush() {
            mutation("flush", List.of());
            for (PageWrite w : pending) {
                apply(durable, w);
            }
            pending.clear();
            latest.clear();
        }

        @Override
        public void close() {
        }

        private static void apply(MemoryDevice dev, PageWrite w) {
            if (w.data() == ZERO) {
                dev.writeZeroes(w.lba(), 1);
            } else {
                dev.write(w.lba(), ByteBuffer.wrap(w.data()));
            }
        }

        /** The image a power loss now leaves behind. */
        MemoryDevice crashImage(CrashMode mode, Random r) {
            MemoryDevice image = MemoryDevice.ofBytes(DEVICE_BYTES, PAGE);
            byte[] chunk = new byte[1 << 20];
            for (long at = 0; at < DEVICE_BYTES; at += chunk.length) {
                durable.read(at / PAGE, ByteBuffer.wrap(chunk));
                if (!Arrays.equals(chunk, ZERO_CHUNK)) {
                    image.write(at / PAGE, ByteBuffer.wrap(chunk));
                }
            }
            int keep = switch (mode) {
                case DROP_ALL -> 0;
                case PREFIX, SUBSET -> r.nextInt(pending.size() + 1);
            };
            for (int i = 0; i < pending.size(); i++) {
                boolean survives = mode == CrashMode.SUBSET ? r.nextBoolean() : i < keep;
                if (survives) {
                    apply(image, pending.get(i));
                }
            }
            return image;
        }
    }

    // ------------------------------------------------------------------ the workload and its model

    sealed interface Op {
    }

    /** Opens a new file with CREATE_NEW (failing if the name exists) and keeps the channel as file {@code id}. */
    record Create(String name, int id, boolean dsync) implements Op {
    }

    /** Opens the existing file under {@code name} for appending, if it has no channel. */
    record Open(String name, boolean dsync) implements Op {
    }

    record Append(int id, int length, long dataSeed) implements Op {
        byte[] data() {
            byte[] b = new byte[length];
            new Random(dataSeed).nextBytes(b);
            return b;
        }
    }

    record Force(int id) implements Op {
    }

    record Close(int id) implements Op {
    }

    /** Files.move with REPLACE_EXISTING; a missing source fails with NoSuchFileException. */
    record Move(String from, String to) implements Op {
    }

    /** Files.delete; a missing file fails with NoSuchFileException. */
    record Delete(String name) implements Op {
    }

    /** A file's bytes (append-only, shared by every snapshot) and its lengths. */
    static final class FileModel {
        final int id;
        byte[] content = new byte[0];
        int length;
        int durable;
        boolean dsync;

        FileModel(int id) {
            this.id = id;
        }
    }

    record Snapshot(int id, int length, int durable) {
    }

    /** The files the workload knows: names, open channels, lengths. Content is append-only, so snapshots are cheap. */
    static final class Model {
        final Map<Integer, FileModel> files = new HashMap<>();
        final Map<String, FileModel> names = new TreeMap<>();
        final Set<Integer> open = new HashSet<>();

        /** The failure {@code op} must raise, or null. */
        Class<? extends IOException> expectedFailure(Op op) {
            return switch (op) {
                case Create c -> names.containsKey(c.name()) ? FileAlreadyExistsException.class : null;
                case Move m -> names.containsKey(m.from()) ? null : NoSuchFileException.class;
                case Delete d -> names.containsKey(d.name()) ? null : NoSuchFileException.class;
                default -> null;
            };
        }

        /** Whether {@code op} can run in this state (ops made invalid by shrinking are skipped). */
        boolean applicable(Op op) {
            return switch (op) {
                case Create c -> !files.containsKey(c.id());
                case Open o -> names.containsKey(o.name()) && !open.contains(names.get(o.name()).id);
                case Append a -> open.contains(a.id());
                case Force f -> open.contains(f.id());
                case Close c -> open.contains(c.id());
                case Move m -> true;
                case Delete d -> true;
            };
        }

        void apply(Op op) {
            if (expectedFailure(op) != null) {
                return;
            }
            switch (op) {
                case Create c -> {
                    FileModel f = new FileModel(c.id());
                    f.dsync = c.dsync();
                    files.put(c.id(), f);
                    names.put(c.name(), f);
                    open.add(c.id());
                }
                case Open o -> {
                    FileModel f = names.get(o.name());
                    f.dsync = o.dsync();
                    open.add(f.id);
                }
                case Append a -> {
                    FileModel f = files.get(a.id());
                    byte[] grown = Arrays.copyOf(f.content, f.length + a.length());
                    System.arraycopy(a.data(), 0, grown, f.length, a.length());
                    f.content = grown;
                    f.length = grown.length;
                    if (f.dsync) {
                        f.durable = f.length;
                    }
                }
                case Force f -> files.get(f.id()).durable = files.get(f.id()).length;
                case Close c -> {
                    files.get(c.id()).durable = files.get(c.id()).length;
                    open.remove(c.id());
                }
                case Move m -> {
                    if (!m.from().equals(m.to())) {
                        names.put(m.to(), names.remove(m.from()));
                    }
                }
                case Delete d -> names.remove(d.name());
            }
        }

        Map<String, Snapshot> snapshot() {
            Map<String, Snapshot> out = new TreeMap<>();
            names.forEach((n, f) -> out.put(n, new Snapshot(f.id, f.length, f.durable)));
            return out;
        }
    }

    /** A random workload of {@code count} operations, valid against the model as it goes. */
    static List<Op> workload(Random r, int count) {
        Model m = new Model();
        List<Op> ops = new ArrayList<>();
        int nextId = 0;
        while (ops.size() < count) {
            List<Integer> open = new ArrayList<>(m.open);
            open.sort(null);
            String name = NAMES.get(r.nextInt(NAMES.size()));
            int roll = r.nextInt(100);
            Op op;
            if (roll < 35 && !open.isEmpty()) {
                int length = r.nextInt(10) == 0 ? 1 + r.nextInt(150_000) : 1 + r.nextInt(6000);
                op = new Append(open.get(r.nextInt(open.size())), length, r.nextLong());
            } else if (roll < 47 && !open.isEmpty()) {
                op = new Force(open.get(r.nextInt(open.size())));
            } else if (roll < 55 && !open.isEmpty()) {
                op = new Close(open.get(r.nextInt(open.size())));
            } else if (roll < 63) {
                op = new Open(name, r.nextInt(5) == 0);
            } else if (roll < 75) {
                op = new Create(name, nextId++, r.nextInt(5) == 0);
            } else if (roll < 90) {
                op = new Move(name, NAMES.get(r.nextInt(NAMES.size())));
            } else {
                op = new Delete(name);
            }
            if (m.applicable(op)) {
                m.apply(op);
                ops.add(op);
            }
        }
        return ops;
    }

    // ------------------------------------------------------------------ running a scenario

    /**
     * A workload, where the power goes ({@code crashOffset} mutating device calls into operation
     * {@code crashOp}; {@code crashOp == ops.size()} means after the last one), and what survives.
     */
    record Scenario(long seed, List<Op> ops, int crashOp, long crashOffset, CrashMode mode) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("seed " + seed + ", " + mode + ", power cut after " + crashOffset
                    + " device calls into op " + crashOp + ":\n");
            for (int i = 0; i < ops.size(); i++) {
                sb.append(i == crashOp ? "  >> " : "     ").append(i).append(": ").append(ops.get(i)).append('\n');
            }
            return sb.toString();
        }
    }

    /** The channels of a running workload, by file id. */
    private static final class Runner {
        final VolatileCacheDevice device;
        final BlobFileSystem fs;
        final Model model = new Model();
        final Map<Integer, FileChannel> channels = new LinkedHashMap<>();
        final Random checks;

        Runner(VolatileCacheDevice device, long seed) throws IOException {
            this.device = device;
            SimBlobstore bs = SimBlobstore.init(device, OPTIONS);
            bs.flush();
            this.fs = BlobFileSystem.open(bs, false);
            this.checks = new Random(seed);
        }

        void run(Op op) throws IOException {
            switch (op) {
                case Create c -> channels.put(c.id(), FileChannel.open(fs.getPath(c.name()), options(c.dsync(), StandardOpenOption.CREATE_NEW)));
                case Open o -> channels.put(model.names.get(o.name()).id, FileChannel.open(fs.getPath(o.name()), options(o.dsync(), StandardOpenOption.APPEND)));
                case Append a -> {
                    ByteBuffer b = ByteBuffer.wrap(a.data());
                    while (b.hasRemaining()) {
                        channels.get(a.id()).write(b);
                    }
                }
                case Force f -> channels.get(f.id()).force(true);
                case Close c -> channels.remove(c.id()).close();
                case Move m -> Files.move(fs.getPath(m.from()), fs.getPath(m.to()), StandardCopyOption.REPLACE_EXISTING);
                case Delete d -> Files.delete(fs.getPath(d.name()));
            }
        }

        private static OpenOption[] options(boolean dsync, OpenOption how) {
            return dsync ? new OpenOption[] {how, StandardOpenOption.WRITE, StandardOpenOption.READ, StandardOpenOption.DSYNC}
                    : new OpenOption[] {how, StandardOpenOption.WRITE, StandardOpenOption.READ};
        }

        /** While the power is on, the file system agrees with the model exactly. */
        void check(int step) throws IOException {
            for (String name : NAMES) {
                FileModel f = model.names.get(name);
                Path p = fs.getPath(name);
                assertEquals(f != null, Files.exists(p), () -> "after step " + step + ": existence of " + name);
                if (f != null) {
                    assertEquals(f.length, Files.size(p), () -> "after step " + step + ": size of " + name);
                }
            }
            for (var e : channels.entrySet()) {
                FileModel f = model.files.get(e.getKey());
                assertEquals(f.length, e.getValue().size(), "after step " + step + ": channel size of file " + e.getKey());
                if (f.length > 0) {
                    int from = checks.nextInt(f.length);
                    int len = Math.min(f.length - from, 1 + checks.nextInt(70_000));
                    ByteBuffer got = ByteBuffer.allocate(len);
                    while (got.hasRemaining() && e.getValue().read(got, from + got.position()) > 0) {
                        // keep reading
                    }
                    assertArrayEquals(Arrays.copyOfRange(f.content, from, from + len), got.array(),
                            "after step " + step + ": " + len + " bytes at " + from + " of file " + e.getKey());
                }
            }
        }
    }

    /** Runs a scenario to its power cut, recovers the image and checks it; returns the device calls each op made. */
    static long[] run(Scenario s) throws IOException {
        return run(s, true);
    }

    static long[] run(Scenario s, boolean recover) throws IOException {
        VolatileCacheDevice device = new VolatileCacheDevice(s.seed());
        Runner runner = new Runner(device, s.seed());
        long[] calls = new long[s.ops().size()];
        Map<String, Snapshot> before = null;
        Map<String, Snapshot> after = null;
        for (int i = 0; i < s.ops().size() && before == null; i++) {
            Op op = s.ops().get(i);
            if (!runner.model.applicable(op)) {
                continue;
            }
            Class<? extends IOException> failure = runner.model.expectedFailure(op);
            if (i == s.crashOp()) {
                before = runner.model.snapshot();
                device.cutAfter(s.crashOffset());
            }
            long start = device.mutations();
            try {
                runner.run(op);
                if (failure != null) {
                    fail("step " + i + " " + op + " should fail with " + failure.getSimpleName());
                }
            } catch (IOException | RuntimeException e) {
                if (!device.isCut() && (failure == null || !failure.isInstance(e))) {
                    throw new AssertionError("step " + i + " " + op + " failed: " + e, e);
                }
            }
            calls[i] = device.mutations() - start;
            runner.model.apply(op);
            if (i == s.crashOp()) {
                after = runner.model.snapshot();
                if (!device.isCut()) {
                    before = after;
                }
            } else {
                runner.check(i);
            }
        }
        if (!recover) {
            return calls;
        }
        if (before == null) {
            before = after = runner.model.snapshot();
        }
        Random survivors = new Random(s.seed() * 31 + 7);
        MemoryDevice image = device.crashImage(s.mode(), survivors);
        verifyRecovery(image, runner.model, before, after);
        return calls;
    }

    /** Loads the crash image and checks it against the state before or after the interrupted operation. */
    static void verifyRecovery(MemoryDevice image, Model model, Map<String, Snapshot> before, Map<String, Snapshot> after) throws IOException {
        Map<String, byte[]> recovered = new TreeMap<>();
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(image, OPTIONS), true)) {
            try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    recovered.put(p.toString(), Files.readAllBytes(p));
                }
            }
            String beforeWhy = mismatch(model, before, recovered);
            String afterWhy = mismatch(model, after, recovered);
            if (beforeWhy != null && afterWhy != null) {
                fail("the recovered files match neither the state before the interrupted operation (" + beforeWhy
                        + ") nor after it (" + afterWhy + ")");
            }
            assertEquals(recovered.size(), fs.engine().blobstore().blobIds().size(),
                    () -> "blobs left behind without a file: files " + recovered.keySet() + ", blobs " + fs.engine().blobstore().blobIds());

            for (var e : recovered.entrySet()) {
                try (FileChannel ch = FileChannel.open(fs.getPath(e.getKey()), StandardOpenOption.APPEND)) {
                    ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                }
            }
            Files.write(fs.getPath("/after-crash"), new byte[200_000]);
        }
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(image, OPTIONS), true)) {
            for (var e : recovered.entrySet()) {
                byte[] expected = Arrays.copyOf(e.getValue(), e.getValue().length + 3);
                expected[expected.length - 3] = 1;
                expected[expected.length - 2] = 2;
                expected[expected.length - 1] = 3;
                assertArrayEquals(expected, Files.readAllBytes(fs.getPath(e.getKey())), "the recovered file " + e.getKey() + " after appending and a clean reopen");
            }
            assertArrayEquals(new byte[200_000], Files.readAllBytes(fs.getPath("/after-crash")));
        }
    }

    /** Why {@code recovered} is not a crash state of {@code state}, or null if it is. */
    static String mismatch(Model model, Map<String, Snapshot> state, Map<String, byte[]> recovered) {
        if (!state.keySet().equals(recovered.keySet())) {
            return "files " + recovered.keySet() + ", expected " + state.keySet();
        }
        for (var e : state.entrySet()) {
            Snapshot s = e.getValue();
            byte[] got = recovered.get(e.getKey());
            if (got.length < s.durable() || got.length > s.length()) {
                return e.getKey() + " (file " + s.id() + ") has " + got.length + " bytes, expected " + s.durable() + " (forced) to "
                        + s.length() + " (appended)";
            }
            byte[] content = model.files.get(s.id()).content;
            for (int i = 0; i < got.length; i++) {
                if (got[i] != content[i]) {
                    return e.getKey() + " (file " + s.id() + ") differs at byte " + i + " of " + got.length;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ the property

    /** The crash modes to run: all, or those named in {@code -Dblobds.crash.modes=DROP_ALL,PREFIX}. */
    static final List<CrashMode> MODES = System.getProperty("blobds.crash.modes", "").isBlank() ? List.of(CrashMode.values())
            : Stream.of(System.getProperty("blobds.crash.modes").split(",")).map(String::trim).map(CrashMode::valueOf).toList();

    /** The workload of {@code seed} with the power cut after its last operation. */
    static Scenario uncut(long seed) {
        Random r = new Random(seed);
        List<Op> ops = workload(r, 20 + r.nextInt(30));
        CrashMode mode = MODES.get(r.nextInt(MODES.size()));
        return new Scenario(seed, ops, ops.size(), 0, mode);
    }

    /** The workload of {@code seed} with the power cut at a device call chosen by the seed among all the workload makes. */
    static Scenario scenario(long seed) throws IOException {
        Scenario uncut = uncut(seed);
        List<Op> ops = uncut.ops();
        Random r = new Random(~seed);
        long[] calls = run(uncut, false);
        long total = Arrays.stream(calls).sum();
        long cut = (long) (r.nextDouble() * (total + 1));
        for (int i = 0; i < ops.size(); i++) {
            if (cut < calls[i]) {
                return new Scenario(seed, ops, i, cut, uncut.mode());
            }
            cut -= calls[i];
        }
        return uncut;
    }

    /** Removes operations while the scenario still fails; the power cut stays in the same operation. */
    static Scenario shrink(Scenario s) {
        Scenario best = s;
        if (best.crashOp() < best.ops().size() - 1) {
            Scenario cut = new Scenario(s.seed(), best.ops().subList(0, best.crashOp() + 1), best.crashOp(), best.crashOffset(), best.mode());
            if (fails(cut)) {
                best = cut;
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < best.ops().size(); i++) {
                if (i == best.crashOp()) {
                    continue;
                }
                List<Op> fewer = new ArrayList<>(best.ops());
                fewer.remove(i);
                Scenario candidate = new Scenario(s.seed(), fewer, i < best.crashOp() ? best.crashOp() - 1 : best.crashOp(), best.crashOffset(), best.mode());
                if (fails(candidate)) {
                    best = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }

    static boolean fails(Scenario s) {
        try {
            run(s);
            return false;
        } catch (Throwable t) {
            return true;
        }
    }

    @Test
    @DisplayName("After a power cut at any device call, the recovered file system holds every completed create, move, delete and force, and nothing torn")
    void recoveredStateIsAllowedByTheModel() throws IOException {
        Long only = Long.getLong("blobds.crash.seed");
        int seeds = Integer.getInteger("blobds.crash.seeds", 300);
        Map<CrashMode, Integer> modes = new TreeMap<>();
        for (long seed = only != null ? only : 0; seed < (only != null ? only + 1 : seeds); seed++) {
            Scenario s = uncut(seed);
            try {
                s = scenario(seed);
                modes.merge(s.mode(), 1, Integer::sum);
                run(s);
            } catch (Throwable t) {
                Scenario small = shrink(s);
                String why;
                try {
                    run(small);
                    why = t.toString();
                } catch (Throwable shrunk) {
                    why = shrunk.toString();
                }
                throw new AssertionError("crash property failed; replay with -Dblobds.crash.seed=" + seed + "\n" + why
                        + "\nshrunk to " + small.ops().size() + " of " + s.ops().size() + " ops: " + small, t);
            }
        }
        assertEquals(only != null ? 1 : seeds, modes.values().stream().mapToInt(Integer::intValue).sum());
    }
}
