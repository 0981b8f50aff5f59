package io.github.blobds.sim;

import io.github.blobds.sim.SimulatedDevice.CrashModel;
import io.github.blobds.sim.SimulatedDevice.CrashReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The volatile write cache of a {@link SimulatedDevice}: every completed, unflushed write as the 4 KiB
 * pages it touched, each with the page's whole image after the write, in issue order; plus the newest
 * image of every page, which reads see. Page {@code p} covers device bytes {@code [p * 4096, p * 4096 +
 * 4096)} (the last page of a device whose size is not a multiple of 4096 is shorter). Not thread-safe:
 * the device guards it.
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

    private final long deviceBytes;
    private final List<Write> log = new ArrayList<>();
    private final Map<Long, byte[]> latest = new HashMap<>();

    SimulatedCache(long deviceBytes) {
        this.deviceBytes = deviceBytes;
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

    /** Every page's newest image, by page: what a flush applies. */
    SortedMap<Long, byte[]> newest() {
        return new TreeMap<>(latest);
    }

    void clear() {
        log.clear();
        latest.clear();
    }

    /**
     * Decides, with {@code random}, what a power loss now leaves (see {@link CrashModel}). A third of
     * the crashes are extremes (everything lost, or everything kept) so that both edges get exercised;
     * the others keep each unit with a probability drawn per crash.
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
                int survive = random.nextDouble() < keep ? v.size() : random.nextInt(v.size());
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
