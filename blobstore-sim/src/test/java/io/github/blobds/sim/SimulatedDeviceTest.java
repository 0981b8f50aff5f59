package io.github.blobds.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.SimulatedDevice.CrashModel;
import io.github.blobds.sim.SimulatedDevice.CrashReport;
import io.github.blobds.sim.SimulatedDevice.Options;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The simulated device's overlay, crash model, injected errors and misuse checks. */
class SimulatedDeviceTest {

    static final int PAGE = 4096;

    /** A page (or block run) filled with {@code tag}. */
    static ByteBuffer filled(int bytes, int tag) {
        byte[] b = new byte[bytes];
        Arrays.fill(b, (byte) tag);
        return ByteBuffer.wrap(b);
    }

    static byte[] read(BlockDevice dev, long lba, int bytes) {
        byte[] b = new byte[bytes];
        dev.read(lba, ByteBuffer.wrap(b));
        return b;
    }

    static byte[] image(BlockDevice dev) {
        return read(dev, 0, (int) dev.sizeBytes());
    }

    static BlobstoreException thrown(Runnable r) {
        return assertThrows(BlobstoreException.class, r::run);
    }

    static SimulatedDevice device(long seed, CrashModel model) {
        return new SimulatedDevice(MemoryDevice.ofBytes(64 * PAGE, 4096), seed, Options.defaults().withCrashModel(model));
    }

    @Nested
    @DisplayName("unflushed writes live in a volatile overlay")
    class Overlay {

        @Test
        @DisplayName("reads see completed writes; the stable device sees them only after flush")
        void readsSeeUnflushedWrites() {
            MemoryDevice stable = MemoryDevice.ofBytes(16 * PAGE, 4096);
            SimulatedDevice dev = new SimulatedDevice(stable, 1);
            dev.write(2, filled(2 * PAGE, 7));
            assertArrayEquals(filled(2 * PAGE, 7).array(), read(dev, 2, 2 * PAGE));
            assertArrayEquals(new byte[2 * PAGE], read(stable, 2, 2 * PAGE), "not on the stable device before flush");
            assertEquals(1, dev.unflushedWrites());
            dev.flush();
            assertArrayEquals(filled(2 * PAGE, 7).array(), read(stable, 2, 2 * PAGE));
            assertEquals(0, dev.unflushedWrites());
        }

        @Test
        @DisplayName("reads stitch cached pages and stable runs together, also with 512-byte blocks")
        void mixedReadsAndPartialPages() {
            MemoryDevice stable = MemoryDevice.ofBytes(8 * PAGE, 512);
            stable.write(0, filled(8 * PAGE, 1));
            SimulatedDevice dev = new SimulatedDevice(stable, 2);
            dev.write(9, filled(512, 2)); // page 1, block 1
            dev.writeZeroes(24, 16); // page 3 and 4
            dev.unmap(42, 1); // page 5, block 2
            byte[] expected = filled(8 * PAGE, 1).array();
            Arrays.fill(expected, 9 * 512, 10 * 512, (byte) 2);
            Arrays.fill(expected, 24 * 512, 40 * 512, (byte) 0);
            Arrays.fill(expected, 42 * 512, 43 * 512, (byte) 0);
            assertArrayEquals(expected, image(dev));
            byte[] middle = read(dev, 7, 3 * 512);
            assertArrayEquals(Arrays.copyOfRange(expected, 7 * 512, 10 * 512), middle);
            dev.flush();
            assertArrayEquals(expected, image(stable));
        }

        @Test
        @DisplayName("a buffer's position advances like on every device")
        void bufferPositions() {
            SimulatedDevice dev = device(3, CrashModel.WRITE_BACK);
            ByteBuffer src = filled(PAGE, 5);
            dev.write(0, src);
            assertEquals(PAGE, src.position());
            ByteBuffer dst = ByteBuffer.allocate(PAGE);
            dev.read(0, dst);
            assertEquals(PAGE, dst.position());
        }

        @Test
        @DisplayName("over a file, the file changes only at flush and at a crash")
        void overAFile(@TempDir Path tmp) throws Exception {
            Path file = tmp.resolve("dev.img");
            SimulatedDevice dev = new SimulatedDevice(FileDevice.create(file, 16 * PAGE, 4096), 5);
            dev.write(0, filled(PAGE, 1));
            assertArrayEquals(new byte[PAGE], Arrays.copyOf(Files.readAllBytes(file), PAGE), "not in the file before flush");
            dev.flush();
            assertArrayEquals(filled(PAGE, 1).array(), Arrays.copyOf(Files.readAllBytes(file), PAGE));
            dev.write(1, filled(PAGE, 2));
            dev.crash();
            byte[] page1 = Arrays.copyOfRange(Files.readAllBytes(file), PAGE, 2 * PAGE);
            assertArrayEquals(read(dev, 1, PAGE), page1, "the file holds what survived");
            dev.close();
        }

        @Test
        @DisplayName("close discards unflushed writes and closes the wrapped device")
        void closeDiscards() {
            MemoryDevice stable = MemoryDevice.ofBytes(16 * PAGE, 4096);
            SimulatedDevice dev = new SimulatedDevice(stable, 4);
            dev.write(0, filled(PAGE, 9));
            dev.close();
            dev.close();
            assertEquals(BlobstoreException.EIO, thrown(() -> stable.read(0, ByteBuffer.allocate(PAGE))).errno(), "wrapped device closed");
        }

        @Test
        @DisplayName("the logical clock advances only with latency on, the same for the same seed, and nothing sleeps")
        void latencyClock() {
            long[] clocks = new long[3];
            for (int i = 0; i < 3; i++) {
                SimulatedDevice dev = new SimulatedDevice(MemoryDevice.ofBytes(16 * PAGE, 4096), i < 2 ? 5 : 6,
                        Options.defaults().withLatency(true));
                dev.write(0, filled(PAGE, 1));
                dev.read(0, ByteBuffer.allocate(PAGE));
                dev.flush();
                clocks[i] = dev.stats().clockNanos();
            }
            assertTrue(clocks[0] > 0);
            assertEquals(clocks[0], clocks[1], "same seed, same clock");
            assertNotEquals(clocks[0], clocks[2], "another seed, another clock");
            SimulatedDevice off = device(5, CrashModel.WRITE_BACK);
            off.write(0, filled(PAGE, 1));
            assertEquals(0, off.stats().clockNanos());
        }
    }

    @Nested
    @DisplayName("crash keeps or drops unflushed pages as the seed decides")
    class Crash {

        /** Overlapping multi-page writes with distinct content, then a crash; returns the report. */
        CrashReport workloadThenCrash(SimulatedDevice dev) {
            dev.write(0, filled(4 * PAGE, 1));
            dev.write(2, filled(4 * PAGE, 2));
            dev.writeZeroes(5, 2);
            dev.write(10, filled(8 * PAGE, 3));
            dev.unmap(12, 1);
            return dev.crash();
        }

        @ParameterizedTest
        @EnumSource(CrashModel.class)
        @DisplayName("the same seed gives the same surviving image and report")
        void deterministic(CrashModel model) {
            Set<String> outcomes = new HashSet<>();
            for (long seed = 0; seed < 40; seed++) {
                SimulatedDevice a = device(seed, model);
                SimulatedDevice b = device(seed, model);
                CrashReport ra = workloadThenCrash(a);
                CrashReport rb = workloadThenCrash(b);
                assertEquals(ra, rb, "seed=" + seed);
                byte[] image = image(a);
                assertArrayEquals(image, image(b), "seed=" + seed);
                outcomes.add(Arrays.toString(image));
            }
            assertTrue(outcomes.size() > 5, "different seeds crash differently: only " + outcomes.size() + " outcomes");
        }

        @Test
        @DisplayName("flushed writes survive every crash; the device is usable after it")
        void flushedSurvive() {
            for (long seed = 0; seed < 50; seed++) {
                SimulatedDevice dev = device(seed, CrashModel.WRITE_BACK);
                dev.write(0, filled(2 * PAGE, 4));
                dev.flush();
                dev.write(1, filled(2 * PAGE, 5));
                dev.crash();
                byte[] page0 = read(dev, 0, PAGE);
                assertArrayEquals(filled(PAGE, 4).array(), page0, "seed=" + seed);
                dev.write(3, filled(PAGE, 6));
                dev.flush();
                dev.crash();
                assertArrayEquals(filled(PAGE, 6).array(), read(dev, 3, PAGE), "seed=" + seed);
                assertEquals(0, dev.unflushedWrites());
            }
        }

        @ParameterizedTest
        @EnumSource(CrashModel.class)
        @DisplayName("a page holds exactly one of its versions: tearing happens between pages, never inside one")
        void tornOnlyBetweenPages(CrashModel model) {
            int torn = 0;
            int dropped = 0;
            int keptAll = 0;
            for (long seed = 0; seed < 200; seed++) {
                // 512-byte blocks, so a write of part of a page must not survive as part of a page
                SimulatedDevice dev = new SimulatedDevice(MemoryDevice.ofBytes(8 * PAGE, 512), seed,
                        Options.defaults().withCrashModel(model));
                List<byte[]> versions = new ArrayList<>();
                byte[] shadow = new byte[8 * PAGE];
                versions.add(shadow.clone());
                int[][] writes = {{0, 32, 1}, {4, 10, 2}, {20, 24, 3}, {8, 12, 4}, {40, 64, 5}};
                for (int[] w : writes) {
                    dev.write(w[0], filled((w[1] - w[0]) * 512, w[2]));
                    Arrays.fill(shadow, w[0] * 512, w[1] * 512, (byte) w[2]);
                    versions.add(shadow.clone());
                }
                CrashReport report = dev.crash();
                byte[] after = image(dev);
                for (int page = 0; page < 8; page++) {
                    byte[] got = Arrays.copyOfRange(after, page * PAGE, (page + 1) * PAGE);
                    boolean known = false;
                    for (byte[] v : versions) {
                        known |= Arrays.equals(got, Arrays.copyOfRange(v, page * PAGE, (page + 1) * PAGE));
                    }
                    assertTrue(known, "seed=" + seed + " page " + page + " is not one of its versions: " + Arrays.toString(got));
                }
                assertEquals(writes.length, report.writes());
                assertEquals(report.writes(), report.keptWrites() + report.droppedWrites() + report.tornWrites());
                torn += report.tornWrites() > 0 ? 1 : 0;
                dropped += report.lostWrites() ? 1 : 0;
                keptAll += report.droppedPages() == 0 ? 1 : 0;
            }
            assertTrue(torn > 20, "some crashes tear a write: " + torn);
            assertTrue(dropped > 50, "many crashes lose something: " + dropped);
            assertTrue(keptAll > 5, "some crashes keep everything: " + keptAll);
        }

        @Test
        @DisplayName("IN_ORDER keeps a prefix of the writes in issue order; only the write at the cut is torn")
        void inOrderKeepsAPrefix() {
            for (long seed = 0; seed < 200; seed++) {
                SimulatedDevice dev = device(seed, CrashModel.IN_ORDER);
                for (int w = 0; w < 10; w++) {
                    dev.write(3L * w, filled(3 * PAGE, w + 1));
                }
                CrashReport report = dev.crash();
                assertTrue(report.tornWrites() <= 1, "seed=" + seed + " " + report);
                int w = 0;
                while (w < 10 && Arrays.equals(read(dev, 3L * w, 3 * PAGE), filled(3 * PAGE, w + 1).array())) {
                    w++;
                }
                for (int later = w + 1; later < 10; later++) {
                    assertArrayEquals(new byte[3 * PAGE], read(dev, 3L * later, 3 * PAGE), "seed=" + seed + ": write " + later + " after the cut");
                }
                assertEquals(w, report.keptWrites(), "seed=" + seed + " " + report);
            }
        }

        @Test
        @DisplayName("WRITE_BACK may leave an older version of a page rewritten several times")
        void writeBackKeepsOlderVersions() {
            Set<Integer> seen = new HashSet<>();
            for (long seed = 0; seed < 100; seed++) {
                SimulatedDevice dev = device(seed, CrashModel.WRITE_BACK);
                for (int v = 1; v <= 3; v++) {
                    dev.write(0, filled(PAGE, v));
                }
                dev.crash();
                byte[] page = read(dev, 0, PAGE);
                assertTrue(Arrays.equals(page, filled(PAGE, page[0]).array()) && page[0] >= 0 && page[0] <= 3, "seed=" + seed);
                seen.add((int) page[0]);
            }
            assertEquals(Set.of(0, 1, 2, 3), seen, "every version survives for some seed");
        }

        @Test
        @DisplayName("a crash with nothing unflushed changes nothing; stats add up the reports")
        void statsAddUp() {
            SimulatedDevice dev = device(9, CrashModel.WRITE_BACK);
            dev.write(0, filled(PAGE, 1));
            dev.flush();
            CrashReport none = dev.crash();
            assertEquals(new CrashReport(1, 0, 0, 0, 0, 0, 0), none);
            long kept = 0;
            long droppedPages = 0;
            for (int i = 0; i < 10; i++) {
                dev.write(1, filled(4 * PAGE, 2));
                CrashReport r = dev.crash();
                kept += r.keptPages();
                droppedPages += r.droppedPages();
            }
            assertEquals(11, dev.stats().crashes());
            assertEquals(kept, dev.stats().keptPages());
            assertEquals(droppedPages, dev.stats().droppedPages());
            assertArrayEquals(filled(PAGE, 1).array(), read(dev, 0, PAGE));
        }
    }

    @Nested
    @DisplayName("errors are injected with the configured probabilities")
    class Errors {

        @Test
        @DisplayName("none by default")
        void noneByDefault() {
            SimulatedDevice dev = device(10, CrashModel.WRITE_BACK);
            for (int i = 0; i < 500; i++) {
                dev.write(i % 64, filled(PAGE, i));
                dev.read(i % 64, ByteBuffer.allocate(PAGE));
                dev.flush();
            }
            assertEquals(0, dev.stats().injectedErrors());
        }

        /** Which of 200 writes fail, as a bit string. */
        String failures(long seed) {
            SimulatedDevice dev = new SimulatedDevice(MemoryDevice.ofBytes(64 * PAGE, 4096), seed, Options.defaults().withWriteErrorRate(0.3));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                try {
                    dev.write(i % 60, filled(4 * PAGE, i));
                    sb.append('.');
                } catch (BlobstoreException e) {
                    assertEquals(BlobstoreException.EIO, e.errno());
                    assertTrue(e.getMessage().contains("seed=" + seed), e.getMessage());
                    assertTrue(e.getMessage().contains("write of 16384 bytes at lba " + (i % 60)), e.getMessage());
                    sb.append('X');
                }
            }
            assertEquals(sb.chars().filter(c -> c == 'X').count(), dev.stats().injectedErrors());
            return sb.toString();
        }

        @Test
        @DisplayName("write errors follow the seed")
        void writeErrorsFollowTheSeed() {
            String a = failures(11);
            assertEquals(a, failures(11), "seed=11");
            assertNotEquals(a, failures(12));
            long n = a.chars().filter(c -> c == 'X').count();
            assertTrue(n > 30 && n < 90, "about 30 % of 200 fail: " + n);
        }

        @Test
        @DisplayName("a failed write leaves whole pages of it, or none")
        void failedWriteLeavesWholePages() {
            SimulatedDevice dev = new SimulatedDevice(MemoryDevice.ofBytes(8 * PAGE, 512), 13, Options.defaults().withWriteErrorRate(1));
            Set<Integer> pagesWritten = new HashSet<>();
            for (int attempt = 0; attempt < 20; attempt++) {
                thrown(() -> dev.write(0, filled(8 * PAGE, 7)));
                byte[] img = image(dev);
                for (int p = 0; p < 8; p++) {
                    byte first = img[p * PAGE];
                    for (int i = 0; i < PAGE; i++) {
                        assertEquals(first, img[p * PAGE + i], "page " + p + " is whole");
                    }
                    if (first == 7) {
                        pagesWritten.add(p);
                    }
                }
            }
            assertTrue(!pagesWritten.isEmpty(), "a failed write may write some pages");
        }

        @Test
        @DisplayName("a failed read leaves the buffer alone; a failed flush makes nothing durable")
        void readAndFlushErrors() {
            MemoryDevice stable = MemoryDevice.ofBytes(16 * PAGE, 4096);
            SimulatedDevice dev = new SimulatedDevice(stable, 14, Options.defaults().withReadErrorRate(1).withFlushErrorRate(1));
            dev.write(0, filled(PAGE, 3));
            ByteBuffer dst = filled(PAGE, 9);
            BlobstoreException e = thrown(() -> dev.read(0, dst));
            assertEquals(BlobstoreException.EIO, e.errno());
            assertTrue(e.getMessage().contains("seed=14") && e.getMessage().contains("read of 4096 bytes at lba 0"), e.getMessage());
            assertEquals(0, dst.position());
            assertArrayEquals(filled(PAGE, 9).array(), dst.array());
            BlobstoreException f = thrown(dev::flush);
            assertEquals(BlobstoreException.EIO, f.errno());
            assertTrue(f.getMessage().contains("seed=14") && f.getMessage().contains("flush"), f.getMessage());
            assertArrayEquals(new byte[PAGE], read(stable, 0, PAGE));
            assertEquals(1, dev.unflushedWrites(), "the write is still volatile");
        }

        @Test
        @DisplayName("a blobstore on a failing device fails only with BlobstoreExceptions; device errors are EIO with the seed")
        void blobstoreOnAFailingDevice() {
            int injected = 0;
            for (long seed = 0; seed < 60; seed++) {
                SimulatedDevice dev = new SimulatedDevice(MemoryDevice.ofBytes(16 << 20, 4096), seed,
                        Options.defaults().withReadErrorRate(0.01).withWriteErrorRate(0.02).withFlushErrorRate(0.05));
                Random r = new Random(seed);
                List<BlobId> ids = new ArrayList<>();
                SimBlobstore bs = null;
                for (int i = 0; i < 60; i++) {
                    try {
                        if (bs == null) {
                            bs = SimBlobstore.init(dev, BlobstoreOptions.defaults().withClusterSize(64 << 10));
                            continue;
                        }
                        switch (r.nextInt(6)) {
                            case 0 -> ids.add(bs.create(BlobOptions.builder().numClusters(r.nextInt(4)).thinProvision(r.nextBoolean())
                                    .xattr("x", new byte[] {1}).build()));
                            case 1, 2 -> {
                                if (!ids.isEmpty()) {
                                    try (Blob b = bs.open(ids.get(r.nextInt(ids.size())))) {
                                        if (b.numClusters() == 0) {
                                            b.resize(2);
                                        }
                                        b.write(r.nextInt(16), ByteBuffer.allocate(PAGE));
                                        b.setXattr("y", new byte[] {2});
                                        b.syncMetadata();
                                    }
                                }
                            }
                            case 3 -> bs.flush();
                            case 4 -> {
                                if (!ids.isEmpty()) {
                                    bs.delete(ids.remove(r.nextInt(ids.size())));
                                }
                            }
                            default -> bs.blobIds();
                        }
                    } catch (BlobstoreException e) {
                        if (e.errno() == BlobstoreException.EIO) {
                            assertTrue(e.getMessage().contains("seed=" + seed), e.getMessage());
                            injected++;
                        }
                    } catch (RuntimeException e) {
                        throw new AssertionError("seed=" + seed + " step " + i + ": not a BlobstoreException", e);
                    }
                }
            }
            assertTrue(injected > 100, "errors were injected: " + injected);
        }

        @Test
        @DisplayName("probabilities outside [0, 1] are refused")
        void badProbabilities() {
            assertEquals(BlobstoreException.EINVAL, thrown(() -> Options.defaults().withReadErrorRate(1.5)).errno());
            assertEquals(BlobstoreException.EINVAL, thrown(() -> Options.defaults().withFlushErrorRate(Double.NaN)).errno());
        }
    }

    @Nested
    @DisplayName("misuse fails loudly, naming the request and the seed")
    class Misuse {

        void assertMisuse(int errno, String needle, Runnable r, SimulatedDevice dev) {
            long before = dev.stats().misuses();
            BlobstoreException e = thrown(r);
            assertEquals(errno, e.errno(), e.getMessage());
            assertTrue(e.getMessage().contains("seed=" + dev.seed()), e.getMessage());
            assertTrue(e.getMessage().contains(needle), e.getMessage());
            assertEquals(before + 1, dev.stats().misuses());
        }

        @Test
        @DisplayName("unaligned and out-of-range transfers")
        void ranges() {
            SimulatedDevice dev = device(20, CrashModel.WRITE_BACK);
            assertMisuse(BlobstoreException.EINVAL, "transfer of 100 bytes at lba 0", () -> dev.write(0, ByteBuffer.allocate(100)), dev);
            assertMisuse(BlobstoreException.EINVAL, "blocks [63, 65)", () -> dev.read(63, ByteBuffer.allocate(2 * PAGE)), dev);
            assertMisuse(BlobstoreException.EINVAL, "blocks [-1, 0)", () -> dev.writeZeroes(-1, 1), dev);
            assertMisuse(BlobstoreException.EINVAL, "blocks [60, 70)", () -> dev.unmap(60, 10), dev);
            assertMisuse(BlobstoreException.EINVAL, "read-only buffer", () -> dev.read(0, ByteBuffer.allocate(PAGE).asReadOnlyBuffer()), dev);
        }

        @Test
        @DisplayName("use after close")
        void afterClose() {
            SimulatedDevice dev = device(21, CrashModel.WRITE_BACK);
            dev.close();
            assertMisuse(BlobstoreException.EIO, "write of 4096 bytes at lba 1 after close", () -> dev.write(1, ByteBuffer.allocate(PAGE)), dev);
            assertMisuse(BlobstoreException.EIO, "read of 4096 bytes at lba 2 after close", () -> dev.read(2, ByteBuffer.allocate(PAGE)), dev);
            assertMisuse(BlobstoreException.EIO, "flush after close", dev::flush, dev);
            assertMisuse(BlobstoreException.EIO, "crash after close", dev::crash, dev);
        }

        @Test
        @DisplayName("failures of the wrapped device carry the seed")
        void wrappedFailures() {
            MemoryDevice stable = MemoryDevice.ofBytes(16 * PAGE, 4096);
            SimulatedDevice dev = new SimulatedDevice(stable, 22);
            stable.close();
            BlobstoreException e = thrown(() -> dev.read(0, ByteBuffer.allocate(PAGE)));
            assertEquals(BlobstoreException.EIO, e.errno());
            assertTrue(e.getMessage().contains("seed=22") && e.getMessage().contains("wrapped device"), e.getMessage());
        }
    }

    @Nested
    @DisplayName("concurrent requests")
    class Concurrency {

        /**
         * Starts {@code first} on another thread and holds it in flight (admitted, not yet executed)
         * while {@code second} runs on this thread; then lets it finish and returns its outcome.
         */
        Throwable whileInFlight(SimulatedDevice dev, Runnable first, Runnable second) throws Exception {
            CountDownLatch admitted = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread main = Thread.currentThread();
            dev.onAdmitted(what -> {
                if (Thread.currentThread() != main) {
                    admitted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            CompletableFuture<Void> f = CompletableFuture.runAsync(first);
            try {
                if (!admitted.await(60, TimeUnit.SECONDS)) {
                    fail("hang guard: the first request never reached the device");
                }
                second.run();
            } finally {
                release.countDown();
            }
            try {
                f.get(60, TimeUnit.SECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            } finally {
                dev.onAdmitted(what -> { });
            }
        }

        @Test
        @DisplayName("overlapping writes in flight at the same time are detected")
        void overlappingWrites() throws Exception {
            SimulatedDevice dev = device(30, CrashModel.WRITE_BACK);
            BlobstoreException[] second = new BlobstoreException[1];
            Throwable first = whileInFlight(dev, () -> dev.write(0, filled(4 * PAGE, 1)),
                    () -> second[0] = thrown(() -> dev.write(3, filled(2 * PAGE, 2))));
            assertEquals(null, first, "the first write completes");
            assertEquals(BlobstoreException.EBUSY, second[0].errno());
            String m = second[0].getMessage();
            assertTrue(m.contains("seed=30") && m.contains("write of 8192 bytes at lba 3") && m.contains("overlaps write of 16384 bytes at lba 0"), m);
            assertArrayEquals(filled(4 * PAGE, 1).array(), read(dev, 0, 4 * PAGE), "only the first write happened");
            assertEquals(1, dev.stats().misuses());
        }

        @Test
        @DisplayName("a read overlapping a write in flight is detected; a zeroing overlapping one too")
        void readsAndZeroesOverlappingAWrite() throws Exception {
            SimulatedDevice dev = device(31, CrashModel.WRITE_BACK);
            BlobstoreException[] second = new BlobstoreException[2];
            whileInFlight(dev, () -> dev.write(8, filled(PAGE, 1)), () -> {
                second[0] = thrown(() -> dev.read(6, ByteBuffer.allocate(4 * PAGE)));
                second[1] = thrown(() -> dev.unmap(8, 1));
            });
            assertEquals(BlobstoreException.EBUSY, second[0].errno(), second[0].getMessage());
            assertEquals(BlobstoreException.EBUSY, second[1].errno(), second[1].getMessage());
        }

        @Test
        @DisplayName("disjoint requests and overlapping reads run concurrently")
        void disjointRequests() throws Exception {
            SimulatedDevice dev = device(32, CrashModel.WRITE_BACK);
            Throwable first = whileInFlight(dev, () -> dev.write(0, filled(4 * PAGE, 1)), () -> {
                dev.write(4, filled(PAGE, 2));
                dev.read(10, ByteBuffer.allocate(PAGE));
                dev.flush();
            });
            assertEquals(null, first);
            Throwable reads = whileInFlight(dev, () -> dev.read(0, ByteBuffer.allocate(4 * PAGE)), () -> dev.read(2, ByteBuffer.allocate(PAGE)));
            assertEquals(null, reads);
            assertEquals(0, dev.stats().misuses());
            assertArrayEquals(filled(PAGE, 2).array(), read(dev, 4, PAGE));
        }

        @Test
        @DisplayName("a write in flight when the power is cut fails and writes nothing")
        void crashDuringAWrite() throws Exception {
            MemoryDevice stable = MemoryDevice.ofBytes(16 * PAGE, 4096);
            SimulatedDevice dev = new SimulatedDevice(stable, 33);
            Throwable first = whileInFlight(dev, () -> dev.write(0, filled(PAGE, 1)), dev::crash);
            assertTrue(first instanceof BlobstoreException, String.valueOf(first));
            assertEquals(BlobstoreException.EIO, ((BlobstoreException) first).errno());
            assertTrue(first.getMessage().contains("seed=33") && first.getMessage().contains("power was cut"), first.getMessage());
            assertArrayEquals(new byte[PAGE], read(dev, 0, PAGE));
            assertEquals(0, dev.unflushedWrites());
        }
    }
}
