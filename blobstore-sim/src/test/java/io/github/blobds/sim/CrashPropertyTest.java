package io.github.blobds.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.SimulatedDevice.CrashModel;
import io.github.blobds.sim.SimulatedDevice.CrashReport;
import io.github.blobds.sim.SimulatedDevice.Options;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator's durability promise under power loss (the Blobstore contract, reference §3.8), as a
 * seeded model-based property. For each seed: a blobstore on a {@link SimulatedDevice} over a 16 MiB
 * {@link MemoryDevice} (4 KiB blocks, 64 KiB clusters) runs a random workload (thick and thin blobs,
 * extent table or run-length layout, data writes, write-zeroes, unmap, xattrs that may need several
 * metadata pages, resizes, syncs, closes, deletes, the super blob, blobstore flushes). The power is cut
 * at {@value #CRASHES_PER_SEED} seeded points of it, each a device request chosen uniformly among the
 * workload's (so most cuts fall inside an operation, between its own writes and barriers) or the end;
 * then {@link SimBlobstore#load} must succeed on what the crash left and show every fact the model
 * guarantees:
 * <ul>
 *   <li>a blob's size, thin flag and xattrs (names in order, values) are one of the states that may be
 *       on the device: the last one made durable by a metadata persist (create, sync, close; a thin
 *       blob's allocating write may persist too) followed by a {@code flush()}, or one persisted since
 *       that flush; absence is allowed only if a delete may have reached the device, so a created and
 *       flushed blob exists, and a deleted and flushed one stays deleted;</li>
 *   <li>every io_unit written (or zeroed, or unmapped) and then flushed reads back as its flushed
 *       content or as one of the contents written to it since (4 KiB io_units are the crash's atomic
 *       unit), as long as its cluster mapping is durable too;</li>
 *   <li>no blob appears that the workload never created (an interrupted create may leave its blob);
 *       the super blob is one that was set;</li>
 *   <li>the recovered blobstore keeps working: no cluster is both free and held by a blob, a new blob
 *       can be created, and a clean unload and reload show the same blobs and free clusters.</li>
 * </ul>
 * Both crash models run: {@link CrashModel#IN_ORDER} (what SPDK assumes of a device) and {@link
 * CrashModel#WRITE_BACK} (what {@link BlockDevice} promises). A failure is shrunk to a shorter workload
 * and printed with its seed; {@code -Dblobds.crash.seed=N} replays one seed, {@code
 * -Dblobds.crash.seeds=N} sets how many run (500; {@code -Pstress}: 10 000). The property also fails if
 * fewer than 10 % of the crashes really lost writes, so that it cannot pass vacuously.
 */
class CrashPropertyTest {

    static final BlobstoreOptions OPTIONS = BlobstoreOptions.defaults().withClusterSize(64 << 10);
    static final int DEVICE_BYTES = 16 << 20;
    static final int UNIT = 4096;
    static final int UNITS_PER_CLUSTER = (64 << 10) / UNIT;
    static final int MAX_CLUSTERS = 8;
    static final int MAX_SLOTS = 10;
    static final List<String> XATTR_NAMES = List.of("name", "length", "a", "bb", "ccc", "dddd", "e", "ffffff");
    static final HexFormat HEX = HexFormat.of();

    // ------------------------------------------------------------------ the workload

    /** One step of the workload; blobs are named by slot (the n-th blob created), since ids depend on allocation. */
    sealed interface Op {
    }

    record Create(int slot, int clusters, boolean thin, boolean extentTable, Map<String, Integer> xattrs, long valueSeed) implements Op {
    }

    record Write(int slot, int unit, int units, long tag) implements Op {
    }

    record WriteZeroes(int slot, int unit, int units) implements Op {
    }

    record Unmap(int slot, int unit, int units) implements Op {
    }

    record SetXattr(int slot, String name, int length, long valueSeed) implements Op {
    }

    record RemoveXattr(int slot, String name) implements Op {
    }

    record Resize(int slot, int clusters) implements Op {
    }

    record Sync(int slot) implements Op {
    }

    record Close(int slot) implements Op {
    }

    record Delete(int slot) implements Op {
    }

    record Flush() implements Op {
    }

    record SetSuper(int slot) implements Op {
    }

    /**
     * A seed's case: the workload, whether it starts on a reloaded (clean) blobstore, the device's
     * crash model, and where the power goes: during device request {@code cutRequest} (from 1) of the
     * last operation, or after it when {@code cutRequest} is 0 or beyond that operation's requests.
     */
    record Scenario(long seed, CrashModel model, boolean reloadFirst, List<Op> ops, long cutRequest) {
        @Override
        public String toString() {
            return "seed=" + seed + " model=" + model + " reloadFirst=" + reloadFirst + " ops (" + ops.size() + "), the power going "
                    + (cutRequest == 0 ? "after the last" : "during device request " + cutRequest + " of the last") + ":\n    "
                    + ops.stream().map(Object::toString).collect(Collectors.joining("\n    "));
        }

        Scenario withOps(List<Op> fewer, long cut) {
            return new Scenario(seed, model, reloadFirst, List.copyOf(fewer), cut);
        }
    }

    /** Crash points per seed: the workload runs once per point, the power going at a different request each time. */
    static final int CRASHES_PER_SEED = 3;

    /**
     * The seed's scenarios: its workload cut at {@link #CRASHES_PER_SEED} points chosen uniformly
     * among its device requests (a quarter of them after the last operation).
     */
    static List<Scenario> scenarios(long seed, CrashModel model) {
        Scenario full = scenario(seed, model);
        long[] perOp = Execution.requestsPerOp(full);
        long total = Arrays.stream(perOp).sum();
        List<Scenario> out = new ArrayList<>();
        for (int point = 0; point < CRASHES_PER_SEED; point++) {
            Random c = new Random(seed * 31 + point);
            if (total == 0 || c.nextInt(4) == 0) {
                out.add(full);
                continue;
            }
            long k = c.nextLong(total);
            int op = 0;
            while (k >= perOp[op]) {
                k -= perOp[op++];
            }
            out.add(full.withOps(full.ops().subList(0, op + 1), k + 1));
        }
        return out;
    }

    static Scenario scenario(long seed, CrashModel model) {
        Random r = new Random(seed);
        boolean reloadFirst = r.nextBoolean();
        int count = r.nextInt(4) == 0 ? 1 + r.nextInt(8) : 8 + r.nextInt(100);
        List<Op> ops = new ArrayList<>();
        int slots = 0;
        while (ops.size() < count) {
            int roll = r.nextInt(100);
            int slot = slots == 0 ? 0 : r.nextInt(slots);
            int unit = r.nextInt(MAX_CLUSTERS * UNITS_PER_CLUSTER);
            int units = r.nextInt(5) == 0 ? 1 + r.nextInt(3 * UNITS_PER_CLUSTER) : 1 + r.nextInt(4);
            if ((slots == 0 || roll < 12) && slots < MAX_SLOTS) {
                Map<String, Integer> xattrs = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    xattrs.put(XATTR_NAMES.get(r.nextInt(XATTR_NAMES.size())), 1 + r.nextInt(r.nextBoolean() ? 16 : 1500));
                }
                ops.add(new Create(slots++, r.nextInt(MAX_CLUSTERS + 1), r.nextInt(3) == 0, r.nextInt(4) != 0, xattrs, r.nextLong()));
            } else if (roll < 40) {
                ops.add(new Write(slot, unit, units, r.nextLong() | 1));
            } else if (roll < 44) {
                ops.add(new WriteZeroes(slot, unit, units));
            } else if (roll < 50) {
                boolean wholeCluster = r.nextBoolean();
                ops.add(new Unmap(slot, wholeCluster ? unit / UNITS_PER_CLUSTER * UNITS_PER_CLUSTER : unit,
                        wholeCluster ? UNITS_PER_CLUSTER * (1 + r.nextInt(2)) : units));
            } else if (roll < 58) {
                ops.add(new SetXattr(slot, XATTR_NAMES.get(r.nextInt(XATTR_NAMES.size())), 1 + r.nextInt(r.nextBoolean() ? 16 : 1500), r.nextLong()));
            } else if (roll < 61) {
                ops.add(new RemoveXattr(slot, XATTR_NAMES.get(r.nextInt(XATTR_NAMES.size()))));
            } else if (roll < 68) {
                ops.add(new Resize(slot, r.nextInt(MAX_CLUSTERS + 1)));
            } else if (roll < 78) {
                ops.add(new Sync(slot));
            } else if (roll < 83) {
                ops.add(new Close(slot));
            } else if (roll < 87) {
                ops.add(new Delete(slot));
            } else if (roll < 97) {
                ops.add(new Flush());
            } else {
                ops.add(new SetSuper(slot));
            }
        }
        return new Scenario(seed, model, reloadFirst, List.copyOf(ops), 0);
    }

    // ------------------------------------------------------------------ the model of what is guaranteed

    /** A blob's metadata as the API shows it; {@link #ABSENT} stands for "no such blob". */
    record Md(long clusters, boolean thin, List<String> xattrs) {
        static final Md ABSENT = new Md(-1, false, List.of());

        static Md of(long clusters, boolean thin, Map<String, byte[]> xattrs) {
            List<String> x = new ArrayList<>();
            xattrs.forEach((k, v) -> x.add(k + "=" + HEX.formatHex(v)));
            return new Md(clusters, thin, x);
        }

        static Md of(Blob blob) {
            Map<String, byte[]> x = new LinkedHashMap<>();
            for (String name : blob.xattrNames()) {
                x.put(name, blob.getXattr(name));
            }
            return of(blob.numClusters(), blob.isThinProvisioned(), x);
        }
    }

    /** What may be on the device for one blob id, across flushes and crashes. */
    static final class Facts {
        /** States a crash may leave from before the last flush. */
        Set<Md> durable = new HashSet<>(Set.of(Md.ABSENT));
        /** States persisted (or maybe persisted) since the last flush. */
        final Set<Md> since = new HashSet<>();
        Md lastCertain = Md.ABSENT;
        final List<Md> uncertain = new ArrayList<>();
        /** No create or delete of this id since the last flush: data facts apply. */
        boolean sameIncarnation = true;
        /** Data tag per io_unit (0 = zeroes); absent = unknown. */
        final Map<Integer, Long> current = new TreeMap<>();
        final Map<Integer, Long> flushed = new TreeMap<>();
        final Map<Integer, Set<Long>> writtenSince = new HashMap<>();
        /** Clusters from here on were shrunk away since the last durable sync: their mapping is not trusted. */
        int untrustedFrom = Integer.MAX_VALUE;
        long lastShrink = -1;
        long lastCertainPersist = -1;

        void persisted(Md md, boolean certain, long step) {
            since.add(md);
            if (certain) {
                lastCertain = md;
                uncertain.clear();
                lastCertainPersist = step;
            } else {
                uncertain.add(md);
            }
        }

        void newIncarnation(Md md, long step) {
            persisted(md, true, step);
            sameIncarnation = false;
            current.clear();
            flushed.clear();
            writtenSince.clear();
            untrustedFrom = Integer.MAX_VALUE;
        }

        void data(int unit, int units, long tag) {
            for (int u = unit; u < unit + units; u++) {
                if (u / UNITS_PER_CLUSTER >= untrustedFrom) {
                    current.remove(u);
                } else {
                    current.put(u, tag);
                }
                writtenSince.computeIfAbsent(u, k -> new HashSet<>()).add(tag);
            }
        }

        void shrink(int clusters, long step) {
            untrustedFrom = Math.min(untrustedFrom, clusters);
            lastShrink = step;
            int from = clusters * UNITS_PER_CLUSTER;
            current.keySet().removeIf(u -> u >= from);
            flushed.keySet().removeIf(u -> u >= from);
        }

        void flush() {
            durable = new HashSet<>(uncertain);
            durable.add(lastCertain);
            since.clear();
            sameIncarnation = true;
            flushed.clear();
            flushed.putAll(current);
            writtenSince.clear();
            if (lastCertainPersist > lastShrink) {
                untrustedFrom = Integer.MAX_VALUE;
            }
        }
    }

    static byte[] value(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The content of io_unit {@code unit} written with {@code tag} (0: zeroes). */
    static byte[] content(long tag, int unit) {
        ByteBuffer b = ByteBuffer.allocate(UNIT);
        if (tag != 0) {
            long x = tag * 0x9E3779B97F4A7C15L + unit;
            while (b.hasRemaining()) {
                x += 0x9E3779B97F4A7C15L;
                long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
                b.putLong(z ^ (z >>> 31));
            }
        }
        return b.array();
    }

    // ------------------------------------------------------------------ running a scenario

    /** A blob as the workload knows it. */
    static final class Slot {
        BlobId id;
        Blob handle;
        long clusters;
        boolean thin;
        final Map<String, byte[]> xattrs = new LinkedHashMap<>();
        boolean deleted;

        Md md() {
            return Md.of(clusters, thin, xattrs);
        }
    }

    /**
     * What one run did: the crash's report, whether the power went in the middle of an operation, and
     * how many clusters the recovered blobstore counts as used that no blob holds.
     */
    record Outcome(CrashReport crash, boolean midOperation, long leakedClusters) {
    }

    /** One execution of a scenario: the blobstore on its device, the workload, the model, and the power cut. */
    static final class Execution {
        final Scenario s;
        final SimulatedDevice dev;
        SimBlobstore bs;
        final Map<Integer, Slot> slots = new HashMap<>();
        final Map<Long, Facts> facts = new TreeMap<>();
        Set<Optional<BlobId>> superDurable = new HashSet<>(Set.of(Optional.empty()));
        final Set<Optional<BlobId>> superSince = new HashSet<>();
        Optional<BlobId> superLast = Optional.empty();
        /** A create the power cut interrupted: its blob may exist under an id the model never learned. */
        Md pendingCreate;
        /** Device requests of the workload so far. */
        long requests;
        /** The workload's request during which the power goes. */
        long cutAt = Long.MAX_VALUE;
        CrashReport crash;

        Execution(Scenario s) {
            this.s = s;
            dev = new SimulatedDevice(MemoryDevice.ofBytes(DEVICE_BYTES, UNIT), s.seed(), Options.defaults().withCrashModel(s.model()));
            bs = SimBlobstore.init(dev, OPTIONS);
            bs.flush();
            if (s.reloadFirst()) {
                bs.close();
                bs = SimBlobstore.load(dev, OPTIONS);
            }
            // the power goes while request number cutAt is in flight: it fails with EIO, and so does the operation
            dev.onAdmitted(what -> {
                if (++requests == cutAt) {
                    crash = dev.crash();
                }
            });
        }

        /** The device requests each operation of {@code s} makes when nothing crashes. */
        static long[] requestsPerOp(Scenario s) {
            Execution dry = new Execution(s);
            long[] perOp = new long[s.ops().size()];
            dry.workload(perOp);
            return perOp;
        }

        /**
         * Runs the workload up to the power cut (recording each operation's requests in {@code perOp}
         * if given). The model learns what each operation may do before it runs.
         */
        void workload(long[] perOp) {
            long step = 0;
            for (Op op : s.ops()) {
                step++;
                long before = requests;
                if (step == s.ops().size() && s.cutRequest() > 0 && perOp == null) {
                    cutAt = requests + s.cutRequest();
                }
                try {
                    apply(op, step);
                } catch (BlobstoreException e) {
                    if (crash != null && e.errno() == BlobstoreException.EIO) {
                        return;
                    }
                    throw e;
                }
                if (crash != null) {
                    return;
                }
                if (perOp != null) {
                    perOp[(int) step - 1] = requests - before;
                }
            }
        }

        private void apply(Op op, long step) {
            if (op instanceof Flush) {
                bs.flush();
                facts.values().forEach(Facts::flush);
                superDurable = new HashSet<>(Set.of(superLast));
                superSince.clear();
                return;
            }
            if (op instanceof Create c) {
                if (slots.containsKey(c.slot())) {
                    return;
                }
                BlobOptions.Builder b = BlobOptions.builder().numClusters(c.clusters()).thinProvision(c.thin()).useExtentTable(c.extentTable());
                Slot slot = new Slot();
                int i = 0;
                for (Map.Entry<String, Integer> x : c.xattrs().entrySet()) {
                    byte[] v = value(c.valueSeed() + i++, x.getValue());
                    b.xattr(x.getKey(), v);
                    slot.xattrs.put(x.getKey(), v);
                }
                slot.clusters = c.clusters();
                slot.thin = c.thin();
                pendingCreate = slot.md();
                slot.id = bs.create(b.build());
                pendingCreate = null;
                slots.put(c.slot(), slot);
                facts.computeIfAbsent(slot.id.value(), k -> new Facts()).newIncarnation(slot.md(), step);
                return;
            }
            int slotNumber = switch (op) {
                case Write w -> w.slot();
                case WriteZeroes w -> w.slot();
                case Unmap u -> u.slot();
                case SetXattr x -> x.slot();
                case RemoveXattr x -> x.slot();
                case Resize rs -> rs.slot();
                case Sync sy -> sy.slot();
                case Close cl -> cl.slot();
                case Delete d -> d.slot();
                case SetSuper ss -> ss.slot();
                default -> throw new IllegalStateException(op.toString());
            };
            Slot slot = slots.get(slotNumber);
            if (slot == null || slot.deleted) {
                return;
            }
            Facts f = facts.get(slot.id.value());
            if (op instanceof SetSuper) {
                superLast = Optional.of(slot.id);
                superSince.add(superLast);
                bs.setSuperBlob(slot.id);
                return;
            }
            if (op instanceof Close || op instanceof Delete) {
                if (slot.handle != null) {
                    f.persisted(slot.md(), true, step);
                    Blob h = slot.handle;
                    slot.handle = null;
                    h.close();
                }
                if (op instanceof Delete) {
                    slot.deleted = true;
                    f.newIncarnation(Md.ABSENT, step);
                    bs.delete(slot.id);
                }
                return;
            }
            if (slot.handle == null) {
                slot.handle = bs.open(slot.id);
            }
            Blob blob = slot.handle;
            int size = (int) slot.clusters * UNITS_PER_CLUSTER;
            if (slot.thin && (op instanceof Write || op instanceof WriteZeroes || op instanceof Unmap)) {
                // a thin blob's write may allocate, and an unmap may release, a cluster: both persist the metadata
                f.persisted(slot.md(), false, step);
            }
            switch (op) {
                case Write w -> {
                    if (size > 0) {
                        int at = w.unit() % size;
                        int n = Math.min(w.units(), size - at);
                        ByteBuffer buf = ByteBuffer.allocate(n * UNIT);
                        for (int u = at; u < at + n; u++) {
                            buf.put(content(w.tag(), u));
                        }
                        f.data(at, n, w.tag());
                        blob.write(at, buf.flip());
                    }
                }
                case WriteZeroes w -> {
                    if (size > 0) {
                        int at = w.unit() % size;
                        int n = Math.min(w.units(), size - at);
                        f.data(at, n, 0);
                        blob.writeZeroes(at, n);
                    }
                }
                case Unmap u -> {
                    if (size > 0) {
                        int at = u.unit() % size;
                        int n = Math.min(u.units(), size - at);
                        f.data(at, n, 0);
                        blob.unmap(at, n);
                    }
                }
                case SetXattr x -> {
                    byte[] v = value(x.valueSeed(), x.length());
                    slot.xattrs.put(x.name(), v);
                    blob.setXattr(x.name(), v);
                }
                case RemoveXattr x -> {
                    if (slot.xattrs.remove(x.name()) != null) {
                        blob.removeXattr(x.name());
                    } else {
                        BlobstoreException e = assertThrows(BlobstoreException.class, () -> blob.removeXattr(x.name()));
                        assertEquals(BlobstoreException.ENOENT, e.errno(), e.getMessage());
                    }
                }
                case Resize rs -> {
                    if (rs.clusters() < slot.clusters) {
                        f.shrink(rs.clusters(), step);
                    }
                    slot.clusters = rs.clusters();
                    blob.resize(rs.clusters());
                }
                case Sync sy -> {
                    f.persisted(slot.md(), true, step);
                    blob.syncMetadata();
                }
                default -> throw new IllegalStateException(op.toString());
            }
        }

        /**
         * Loads what the crash left and checks every guaranteed fact, then that the blobstore keeps
         * working; returns the clusters leaked (used, but held by no blob).
         */
        long verify(boolean strictFreeCount) {
            SimBlobstore loaded;
            try {
                loaded = SimBlobstore.load(dev, OPTIONS);
            } catch (BlobstoreException e) {
                throw new AssertionError("load after the crash failed: " + e.getMessage(), e);
            }
            Set<Optional<BlobId>> superAllowed = new HashSet<>(superDurable);
            superAllowed.addAll(superSince);
            assertTrue(superAllowed.contains(loaded.superBlob()), "super blob " + loaded.superBlob() + " is none of " + superAllowed);
            List<BlobId> ids = loaded.blobIds();
            long allocated = 0;
            boolean pendingSeen = false;
            for (BlobId id : ids) {
                try (Blob blob = loaded.open(id)) {
                    allocated += blob.numAllocatedClusters();
                    if (!facts.containsKey(id.value())) {
                        Md md = Md.of(blob);
                        assertTrue(pendingCreate != null && !pendingSeen && md.equals(pendingCreate),
                                "blob " + id + " " + md + " appeared from nowhere (interrupted create: " + pendingCreate + ")");
                        pendingSeen = true;
                    }
                }
            }
            for (Map.Entry<Long, Facts> e : facts.entrySet()) {
                BlobId id = new BlobId(e.getKey());
                Facts f = e.getValue();
                Set<Md> allowed = new HashSet<>(f.durable);
                allowed.addAll(f.since);
                if (!ids.contains(id)) {
                    assertTrue(allowed.contains(Md.ABSENT), "blob " + id + " is lost; it may only be one of " + allowed);
                    continue;
                }
                try (Blob blob = loaded.open(id)) {
                    Md md = Md.of(blob);
                    if (!allowed.contains(md) && md.equals(pendingCreate) && !pendingSeen) {
                        pendingSeen = true; // the interrupted create reused this id
                        continue;
                    }
                    assertTrue(allowed.contains(md), "blob " + id + " recovered as " + md + ", none of " + allowed);
                    if (f.sameIncarnation) {
                        checkData(id, blob, f);
                    }
                }
            }
            long expectedFree = loaded.totalDataClusters() - allocated;
            assertTrue(loaded.freeClusters() <= expectedFree, "after recovery " + loaded.freeClusters() + " clusters are free but the blobs hold "
                    + allocated + " of " + loaded.totalDataClusters() + ": a cluster is free yet in use, or used twice");
            if (strictFreeCount) {
                assertEquals(expectedFree, loaded.freeClusters(), "free clusters after recovery vs the blobs' allocations (leaked clusters)");
            }
            // the recovered blobstore keeps working, and a clean unload and reload show the same
            BlobId fresh = loaded.create(BlobOptions.builder().numClusters(1).xattr("fresh", new byte[] {1}).build());
            try (Blob blob = loaded.open(fresh)) {
                blob.write(0, ByteBuffer.wrap(content(7, 0)));
            }
            List<BlobId> expected = loaded.blobIds();
            long free = loaded.freeClusters();
            loaded.close();
            SimBlobstore again = SimBlobstore.load(dev, OPTIONS);
            assertEquals(expected, again.blobIds(), "blobs after a clean reload");
            assertEquals(free, again.freeClusters(), "free clusters after a clean reload");
            try (Blob blob = again.open(fresh)) {
                byte[] got = new byte[UNIT];
                blob.read(0, ByteBuffer.wrap(got));
                assertTrue(Arrays.equals(content(7, 0), got), "the fresh blob's data after a clean reload");
            }
            again.close();
            return expectedFree - free - 1;
        }

        private static void checkData(BlobId id, Blob blob, Facts f) {
            for (Map.Entry<Integer, Long> d : f.flushed.entrySet()) {
                int u = d.getKey();
                if (u >= blob.numIoUnits()) {
                    continue;
                }
                byte[] got = new byte[UNIT];
                blob.read(u, ByteBuffer.wrap(got));
                Set<Long> tags = new HashSet<>(f.writtenSince.getOrDefault(u, Set.of()));
                tags.add(d.getValue());
                boolean ok = false;
                for (long tag : tags) {
                    ok |= Arrays.equals(got, content(tag, u));
                }
                assertTrue(ok, "blob " + id + " io_unit " + u + " holds none of the contents " + tags + " (flushed: " + d.getValue() + ")");
            }
        }
    }

    /** Runs a scenario: the workload, the power cut where the scenario says, then the checks of what the crash left. */
    static Outcome run(Scenario s, boolean strictFreeCount) {
        Execution e = new Execution(s);
        e.workload(null);
        e.dev.onAdmitted(what -> { });
        boolean mid = e.crash != null;
        if (e.crash == null) {
            e.crash = e.dev.crash();
        }
        return new Outcome(e.crash, mid, e.verify(strictFreeCount));
    }

    // ------------------------------------------------------------------ the property

    static Throwable failure(Scenario s, boolean strictFreeCount) {
        try {
            run(s, strictFreeCount);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /**
     * Greedily simplifies a failing scenario while it still fails: drops operations before the last
     * one, cuts the power earlier in the last one, or drops the last one and cuts after the new last.
     */
    static Scenario shrink(Scenario s, boolean strictFreeCount) {
        Scenario best = s;
        int budget = 500;
        boolean progress = true;
        while (progress && budget > 0) {
            progress = false;
            List<Scenario> candidates = new ArrayList<>();
            List<Op> ops = best.ops();
            if (!ops.isEmpty()) {
                candidates.add(best.withOps(ops.subList(0, ops.size() - 1), 0));
            }
            for (int i = ops.size() - 2; i >= 0; i--) {
                List<Op> fewer = new ArrayList<>(ops);
                fewer.remove(i);
                candidates.add(best.withOps(fewer, best.cutRequest()));
            }
            for (long c = 1; c < best.cutRequest(); c = c * 2) {
                candidates.add(best.withOps(ops, c));
            }
            if (best.cutRequest() > 1) {
                candidates.add(best.withOps(ops, best.cutRequest() - 1));
            }
            for (Scenario c : candidates) {
                if (budget-- <= 0) {
                    break;
                }
                if (failure(c, strictFreeCount) != null) {
                    best = c;
                    progress = true;
                    break;
                }
            }
        }
        return best;
    }

    static void property(CrashModel model, boolean strictFreeCount) {
        Long only = Long.getLong("blobds.crash.seed");
        int seeds = Integer.getInteger("blobds.crash.seeds", 500);
        long start = System.nanoTime();
        Throwable first = null;
        int lost = 0;
        int torn = 0;
        int mid = 0;
        int leaking = 0;
        int ran = 0;
        List<Scenario> failing = new ArrayList<>();
        for (long seed = only != null ? only : 0; seed < (only != null ? only + 1 : seeds); seed++) {
            List<Scenario> cases;
            try {
                cases = scenarios(seed, model);
            } catch (Throwable t) {
                // the workload fails without any crash
                first = first == null ? t : first;
                failing.add(scenario(seed, model));
                ran++;
                continue;
            }
            for (Scenario s : cases) {
                try {
                    Outcome o = run(s, strictFreeCount);
                    lost += o.crash().lostWrites() ? 1 : 0;
                    torn += o.crash().tornWrites() > 0 ? 1 : 0;
                    mid += o.midOperation() ? 1 : 0;
                    leaking += o.leakedClusters() > 0 ? 1 : 0;
                } catch (Throwable t) {
                    if (first == null) {
                        first = t;
                    }
                    failing.add(s);
                }
                ran++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("CrashPropertyTest %s: %d crashes (%d per seed) in %d ms; mid-operation: %d; that lost writes: %d (%.1f %%); "
                + "that tore a write: %d (%.1f %%); followed by a cluster leak: %d; failing: %d%n",
                model, ran, CRASHES_PER_SEED, millis, mid, lost, 100.0 * lost / ran, torn, 100.0 * torn / ran, leaking, failing.size());
        if (first != null) {
            Scenario minimal = shrink(failing.get(0), strictFreeCount);
            Throwable why = failure(minimal, strictFreeCount);
            AssertionError e = new AssertionError(failing.size() + " of " + ran + " crashes fail (seeds " + failing.stream().limit(20)
                    .map(f -> f.seed() + "").collect(Collectors.joining(", ")) + (failing.size() > 20 ? ", …" : "")
                    + "); the first, shrunk (replay with -Dblobds.crash.seed=" + failing.get(0).seed() + "):\n  "
                    + minimal + "\n  fails with: " + why, why);
            e.addSuppressed(first);
            throw e;
        }
        if (only == null) {
            assertTrue(lost * 10 >= ran, "only " + lost + " of " + ran + " crashes lost any write: the property would pass vacuously");
        }
    }

    @Test
    @DisplayName("IN_ORDER crashes (SPDK's device assumption): load succeeds and every flushed fact holds")
    void inOrderCrashes() {
        property(CrashModel.IN_ORDER, false);
    }

    @Test
    @DisplayName("WRITE_BACK crashes (the BlockDevice contract): load succeeds and every flushed fact holds")
    void writeBackCrashes() {
        property(CrashModel.WRITE_BACK, false);
    }

    @Test
    @DisplayName("recovery leaks no clusters: after a crash every used cluster belongs to a blob")
    void recoveryLeaksNoClusters() {
        property(CrashModel.IN_ORDER, true);
        property(CrashModel.WRITE_BACK, true);
    }

    @Test
    @DisplayName("a thin blob's released cluster is reused only once the release is durable")
    void releasedClusterReusedOnlyWhenDurable() {
        for (boolean extentTable : new boolean[] {false, true}) {
            List<Op> ops = List.of(
                    new Create(0, 1, true, extentTable, Map.of(), 1), new Write(0, 0, 1, 11),
                    new Create(1, 2, true, extentTable, Map.of(), 2), new Write(1, 0, 1, 12), new Flush(),
                    new Unmap(0, 0, UNITS_PER_CLUSTER), new Write(1, UNITS_PER_CLUSTER, 1, 13));
            for (CrashModel model : CrashModel.values()) {
                for (long seed = 0; seed < 200; seed++) {
                    Scenario s = new Scenario(seed, model, false, ops, 0);
                    Throwable t = failure(s, false);
                    if (t != null) {
                        throw new AssertionError(s + "\n  fails with: " + t, t);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("the same seed replays the same workload and the same crash")
    void deterministic() {
        for (long seed = 0; seed < 5; seed++) {
            List<Scenario> s = scenarios(seed, CrashModel.IN_ORDER);
            assertEquals(s, scenarios(seed, CrashModel.IN_ORDER), "seed=" + seed);
            for (Scenario one : s) {
                if (failure(one, false) == null) {
                    assertEquals(run(one, false), run(one, false), "seed=" + seed);
                }
            }
        }
    }
}
