package io.github.blobds.flatfs;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A datastore's disk usage (go-ds-flatfs v0.6.1 {@code diskUsage}, {@code folderSize},
 * {@code checkpointLoop}): read from {@code diskUsage.cache} on open, or measured by walking the
 * directory; then kept by adding every change; written back to the cache file.
 *
 * <p><b>Checkpoints happen on writes only</b> — there is no timer thread: a change that moves the usage
 * more than 1 % away from the last value written makes the writing thread write the cache (go's rule),
 * and {@link #close()} always writes it, forced. go also writes smaller changes after 2 s; here they wait
 * for the next larger change or the close, so after a crash the cache may be off by up to 1 %, as go's
 * may be off by two seconds of writes. Failures to write the cache are logged, never thrown: the cache
 * only saves a walk on the next open.
 */
final class DiskUsage {

    private static final System.Logger LOG = System.getLogger(FlatfsDatastore.class.getName());

    /** go's {@code DiskUsageFile}. */
    static final String FILE = "diskUsage.cache";

    private final Path cache;
    private final Supplier<Path> tempFiles;
    private final AtomicLong value = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long stored;
    private volatile DiskUsageAccuracy accuracy;

    private DiskUsage(Path root, Supplier<Path> tempFiles) {
        this.cache = root.resolve(FILE);
        this.tempFiles = tempFiles;
    }

    /**
     * The disk usage of the datastore at {@code root}: the cache file's value when it is positive (go's
     * {@code readDiskUsageFile}), else a walk of {@code root} (go's {@code calculateDiskUsage}), whose
     * result is written to the cache at once.
     */
    static DiskUsage open(Path root, Supplier<Path> tempFiles, FlatfsOptions options) throws IOException {
        DiskUsage du = new DiskUsage(root, tempFiles);
        Optional<String> json = du.readCache();
        long cached = json.flatMap(JsonText::diskUsageOf).orElse(0L);
        if (cached > 0) {
            du.value.set(cached);
            du.stored = cached;
            du.accuracy = JsonText.accuracyOf(json.get());
            return du;
        }
        Walk walk = new Walk(options);
        Measure m = walk.folderSize(root, options.clock().instant().plus(options.diskUsageCalcTimeout()));
        du.value.set(m.size());
        du.accuracy = m.accuracy();
        if (m.accuracy() == DiskUsageAccuracy.INITIAL_TIMED_OUT) {
            LOG.log(Level.WARNING, "measuring the disk usage of {0} took longer than {1}: {2} bytes is an estimate;"
                    + " replace {3} with the right number of bytes and reopen to correct it",
                    root, options.diskUsageCalcTimeout(), m.size(), du.cache);
        }
        du.write(m.size(), true);
        return du;
    }

    private Optional<String> readCache() throws IOException {
        try {
            return Optional.of(new String(Files.readAllBytes(cache), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** The current value in bytes. */
    long get() {
        return value.get();
    }

    /** How the value the datastore started from was obtained. */
    DiskUsageAccuracy accuracy() {
        return accuracy;
    }

    /** Adds {@code delta} bytes; writes the cache when the value moved more than 1 % from the last one written. */
    void add(long delta) {
        if (delta == 0) {
            return;
        }
        if (due(value.addAndGet(delta))) {
            lock.lock();
            try {
                long du = value.get();
                if (due(du)) {
                    write(du, false);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean due(long du) {
        long last = stored;
        return last * 1.0 < Math.abs(du - last) * 100.0;
    }

    /** Writes the final value, forced; if that fails, removes the cache so that the next open measures again. */
    void close() {
        lock.lock();
        try {
            if (!write(value.get(), true)) {
                try {
                    Files.deleteIfExists(cache);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not remove the stale disk usage cache " + cache, e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes {@code du} to the cache through a temporary file and a rename; whether it worked. */
    private boolean write(long du, boolean force) {
        Path tmp = tempFiles.get();
        try {
            PathIo.writeNew(tmp, JsonText.diskUsage(du, accuracy).getBytes(StandardCharsets.UTF_8), force);
            PathIo.replace(tmp, cache);
            stored = du;
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the disk usage " + du + " to " + cache, e);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            return false;
        }
    }

    /** A measured size and how exact it is. */
    record Measure(long size, DiskUsageAccuracy accuracy) {
    }

    /** go's {@code folderSize}, with the clock, sampling limit and shuffle seed of the options. */
    static final class Walk {
        private final FlatfsOptions options;
        private final Random random;

        Walk(FlatfsOptions options) {
            this.options = options;
            this.random = new Random(options.samplingSeed());
        }

        /**
         * The size of {@code dir}: its own size plus, in a random order, the sizes of at most
         * {@code diskUsageFilesAverage} of its entries (directories measured recursively), the rest
         * estimated from their average; entries not reached by {@code deadline} are estimated too.
         */
        Measure folderSize(Path dir, Instant deadline) throws IOException {
            long own = Files.readAttributes(dir, BasicFileAttributes.class).size();
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
                s.forEach(entries::add);
            }
            Collections.shuffle(entries, random);
            int total = entries.size();
            int max = options.diskUsageFilesAverage() <= 0 ? total : options.diskUsageFilesAverage();
            DiskUsageAccuracy accuracy = DiskUsageAccuracy.INITIAL_EXACT;
            long du = 0;
            int processed = 0;
            for (Path entry : entries) {
                if (options.clock().instant().isAfter(deadline)) {
                    accuracy = accuracy.combine(DiskUsageAccuracy.INITIAL_TIMED_OUT);
                    break;
                }
                if (processed >= max) {
                    accuracy = accuracy.combine(DiskUsageAccuracy.INITIAL_APPROXIMATE);
                    break;
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    attrs = null; // removed by someone else while we walked: it takes no space
                }
                if (attrs != null && attrs.isDirectory()) {
                    Measure sub = folderSize(entry, deadline);
                    du += sub.size();
                    accuracy = accuracy.combine(sub.accuracy());
                } else if (attrs != null) {
                    du += attrs.size();
                }
                processed++;
            }
            if (processed > 0 && processed < total) {
                du += (long) ((double) du / processed * (total - processed));
            }
            return new Measure(du + own, accuracy);
        }
    }
}
