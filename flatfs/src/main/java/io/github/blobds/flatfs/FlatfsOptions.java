package io.github.blobds.flatfs;

import io.github.blobds.datastore.InvalidArgumentException;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How a {@link FlatfsDatastore} is opened. Everything that could make behaviour depend on time or
 * chance is here, so tests inject it (the clock and the seed only matter when the disk usage is
 * measured because {@code diskUsage.cache} is missing).
 *
 * @param sync                  force every put and batch commit to disk before it returns (go's {@code sync})
 * @param diskUsageFilesAverage entries per directory measured when the disk usage is computed; the rest
 *                              are estimated from their average; 0 or less measures all (go's
 *                              {@code DiskUsageFilesAverage}, default 2000)
 * @param diskUsageCalcTimeout  how long that measurement may take before the rest is estimated (go's
 *                              {@code DiskUsageCalcTimeout}, default 5 minutes)
 * @param clock                 the clock of that deadline
 * @param samplingSeed          seeds the random order in which entries are measured
 */
public record FlatfsOptions(boolean sync, int diskUsageFilesAverage, Duration diskUsageCalcTimeout,
                            InstantSource clock, long samplingSeed) {

    public FlatfsOptions {
        InvalidArgumentException.requireNonNull(diskUsageCalcTimeout, "diskUsageCalcTimeout");
        InvalidArgumentException.requireNonNull(clock, "clock");
        if (diskUsageCalcTimeout.isNegative()) {
            throw new InvalidArgumentException("diskUsageCalcTimeout " + diskUsageCalcTimeout + " is negative");
        }
    }

    /** go's defaults: {@code sync} on, 2000 entries per directory, 5 minutes, the system clock, seed 0. */
    public static FlatfsOptions defaults() {
        return new FlatfsOptions(true, 2000, Duration.ofMinutes(5), InstantSource.system(), 0);
    }

    /** These options with {@code sync} set as given. */
    public FlatfsOptions withSync(boolean newSync) {
        return new FlatfsOptions(newSync, diskUsageFilesAverage, diskUsageCalcTimeout, clock, samplingSeed);
    }

    /** These options with another number of entries measured per directory. */
    public FlatfsOptions withDiskUsageFilesAverage(int files) {
        return new FlatfsOptions(sync, files, diskUsageCalcTimeout, clock, samplingSeed);
    }

    /** These options with another deadline for measuring the disk usage, on another clock. */
    public FlatfsOptions withDiskUsageCalcTimeout(Duration timeout, InstantSource newClock) {
        return new FlatfsOptions(sync, diskUsageFilesAverage, timeout, newClock, samplingSeed);
    }

    /** These options with another seed for the order of measurement. */
    public FlatfsOptions withSamplingSeed(long seed) {
        return new FlatfsOptions(sync, diskUsageFilesAverage, diskUsageCalcTimeout, clock, seed);
    }
}
