package io.github.blobds.sim;

import io.github.blobds.sim.SimulatedDevice.CrashModel;
import io.github.blobds.sim.SimulatedDevice.CrashReport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The volatile write cache of a {@link SimulatedDevice} in front of its stable medium: every completed,
 * unflushed write as the 4 KiB pages it touched, each with the page's whole image after the write, in
 * issue order; plus the newest image of every page, which reads see. Page {@code p} covers device bytes
 * {@code [p * 4096, p * 4096 + 4096)} (the last page of a device whose size is not a multiple of 4096
 * is shorter). The stable medium changes only in {@link #flush()} and {@link #survive}. Not
 * thread-safe: the device guards it, and turns the stable medium's failures into its own.
 */
final class SimulatedCache {

    static final int PAGE = 4096;
    /** The image of a page of zeroes (written by write-zeroes and unmap); never modified. */
    static final byte[] ZERO = new byte[PAGE];

    /** One completed write: the pages it touched, ascending, and each page's image after it. */
    record Write(String what, long[] pages, byte[][] images) {
    }

    /** What a crash leaves: the surviving image per page (pages absent keep the stable content) and the counts. */
    record Crash(SortedMap<Long, byte[]> survivors, CrashReport report) {
    }

    private final BlockDevice stable;
    private final long deviceBytes;
    private final int blockSize;
    private final List<Write> log = new ArrayList<>();
    private final Map<Long, byte[]> latest = new HashMap<>();

    SimulatedCache(BlockDevice stable) {
        this.stable = stable;
        this.deviceBytes = stable.sizeBytes();
        this.blockSize = stable.blockSize();
    }

    /** Bytes in page {@code page}: 4096, except possibly for the device's last page. */
    int pageLength(long page) {
        return (int) Math.min(PAGE, deviceBytes - page * PAGE);
    }

    /** The newest unflushed image of {@code page}, or null when it has none. Callers must not modify it. */
    byte[] latest(long page) {
        return latest.get(page);
    }

    void add(Write write) {
        log.add(write);
        for (int i = 0; i < write.pages().length; i++) {
            latest.put(write.pages()[i], write.images()[i]);
        }
    }

    /** Unflushed writes. */
    int writes() {
        return log.size();
    }

    /** Distinct pages with unflushed content. */
    int pages() {
        return latest.size();
    }

    void clear() {
        log.clear();
        latest.clear();
    }

    // ------------------------------------------------------------------ reads and writes

    /** Copies device bytes {@code [pos, pos + dst.remaining())} into {@code dst}: cached pages from here, runs of others from the stable medium. */
    void read(long pos, ByteBuffer dst) {
        long end = pos + dst.remaining();
        long runStart = pos;
        long at = pos;
        while (at < end) {
            long page = at / PAGE;
            long pageEnd = Math.min(end, page * PAGE + pageLength(page));
            byte[] image = latest.get(page);
            if (image != null) {
                readStable(runStart, at, dst);
                dst.put(image, (int) (at - page * PAGE), (int) (pageEnd - at));
                runStart = pageEnd;
            }
            at = pageEnd;
        }
        readStable(runStart, end, dst);
    }

    private void readStable(long from, long to, ByteBuffer dst) {
        if (from < to) {
            stable.read(from / blockSize, dst.slice(dst.position(), (int) (to - from)));
            dst.position(dst.position() + (int) (to - from));
        }
    }

    /**
     * The whole-page images of a write of {@code bytes} bytes at device byte {@code pos} ({@code data}
     * null for zeroes), not yet {@linkplain #add added}: a page the write covers only in part is merged
     * with its current content.
     */
    Write images(String what, long pos, long bytes, ByteBuffer data) {
        long end = pos + bytes;
        long first = pos / PAGE;
        long last = (end - 1) / PAGE;
        long[] pages = new long[(int) (last - first + 1)];
        byte[][] images = new byte[pages.length][];
        for (long page = first; page <= last; page++) {
            long pageStart = page * PAGE;
            int length = pageLength(page);
            int from = (int) (Math.max(pos, pageStart) - pageStart);
            int to = (int) (Math.min(end, pageStart + length) - pageStart);
            byte[] image;
            if (from == 0 && to == length) {
                image = data == null && length == PAGE ? ZERO : new byte[length];
            } else {
                image = currentPage(page);
            }
            if (data != null) {
                data.get(image, from, to - from);
            } else if (image != ZERO) {
                Arrays.fill(image, from, to, (byte) 0);
            }
            pages[(int) (page - first)] = page;
            images[(int) (page - first)] = image;
        }
        return new Write(what, pages, images);
    }

    /** A private copy of the current content of {@code page}. */
    private byte[] currentPage(long page) {
        byte[] cached = latest.get(page);
        int length = pageLength(page);
        if (cached != null) {
            return Arrays.copyOf(cached, length);
        }
        byte[] image = new byte[length];
        stable.read(page * PAGE / blockSize, ByteBuffer.wrap(image));
        return image;
    }

    // ------------------------------------------------------------------ flush and crash

    /** Applies every page's newest image to the stable medium and flushes it; the cache is then empty. */
    void flush() {
        apply(new TreeMap<>(latest));
        stable.flush();
        clear();
    }

    /** Applies what a crash left to the stable medium and flushes it; the rest is gone. */
    void survive(Crash crash) {
        apply(crash.survivors());
        stable.flush();
        clear();
    }

    /** Writes whole-page images to the stable medium, coalescing runs of adjacent pages of the same kind. */
    private void apply(SortedMap<Long, byte[]> pages) {
        long runFirst = -1;
        long runNext = -1;
        boolean runZero = false;
        List<byte[]> run = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : pages.entrySet()) {
            long page = e.getKey();
            boolean zero = e.getValue() == ZERO;
            if (page != runNext || zero != runZero || run.size() == 256) {
                writeRun(runFirst, run, runZero);
                run.clear();
                runFirst = page;
                runZero = zero;
            }
            run.add(e.getValue());
            runNext = page + 1;
        }
        writeRun(runFirst, run, runZero);
    }

    private void writeRun(long firstPage, List<byte[]> run, boolean zero) {
        if (run.isEmpty()) {
            return;
        }
        long lba = firstPage * PAGE / blockSize;
        int bytes = 0;
        for (int i = 0; i < run.size(); i++) {
            bytes += pageLength(firstPage + i);
        }
        if (zero) {
            stable.writeZeroes(lba, bytes / blockSize);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(bytes);
        for (int i = 0; i < run.size(); i++) {
            buf.put(run.get(i), 0, pageLength(firstPage + i));
        }
        stable.write(lba, buf.flip());
    }

    /**
     * Decides, with {@code random}, what a power loss now leaves (see {@link CrashModel}). A third of
     * the crashes are extremes (everything lost, or everything kept) so that both edges get exercised;
     * the others keep each page's newest version (WRITE_BACK) or each page of the write at the cut
     * (IN_ORDER) with a probability drawn per crash.
     */
    Crash crash(CrashModel model, Random random, long number) {
        int n = log.size();
        int shape = random.nextInt(6);
        double keep = shape == 0 ? 0 : shape == 1 ? 1 : random.nextDouble();
        // kept[w][i]: whether page i of write w survives (its image, or a later one of the same page)
        boolean[][] kept = new boolean[n][];
        for (int w = 0; w < n; w++) {
            kept[w] = new boolean[log.get(w).pages().length];
        }
        if (model == CrashModel.IN_ORDER) {
            int cut = shape == 0 ? 0 : shape == 1 ? n : random.nextInt(n + 1);
            for (int w = 0; w < cut; w++) {
                Arrays.fill(kept[w], true);
            }
            if (cut < n && shape > 1) {
                for (int i = 0; i < kept[cut].length; i++) {
                    kept[cut][i] = random.nextDouble() < keep;
                }
            }
        } else {
            // each page independently ends at one of its versions: the newest with probability
            // `keep`, otherwise any older one or none (the write-back cache wrote back an earlier image)
            Map<Long, List<int[]>> versions = new TreeMap<>();
            for (int w = 0; w < n; w++) {
                long[] pages = log.get(w).pages();
                for (int i = 0; i < pages.length; i++) {
                    versions.computeIfAbsent(pages[i], k -> new ArrayList<>()).add(new int[] {w, i});
                }
            }
            for (List<int[]> v : versions.values()) {
                int survive = shape == 0 ? 0 : random.nextDouble() < keep ? v.size() : random.nextInt(v.size());
                for (int k = 0; k < survive; k++) {
                    kept[v.get(k)[0]][v.get(k)[1]] = true;
                }
            }
        }
        SortedMap<Long, byte[]> survivors = new TreeMap<>();
        int keptWrites = 0;
        int droppedWrites = 0;
        int tornWrites = 0;
        int keptPages = 0;
        int droppedPages = 0;
        for (int w = 0; w < n; w++) {
            Write write = log.get(w);
            int k = 0;
            for (int i = 0; i < kept[w].length; i++) {
                if (kept[w][i]) {
                    survivors.put(write.pages()[i], write.images()[i]);
                    k++;
                }
            }
            keptPages += k;
            droppedPages += kept[w].length - k;
            if (k == kept[w].length) {
                keptWrites++;
            } else if (k == 0) {
                droppedWrites++;
            } else {
                tornWrites++;
            }
        }
        return new Crash(survivors, new CrashReport(number, n, keptWrites, droppedWrites, tornWrites, keptPages, droppedPages));
    }
}
