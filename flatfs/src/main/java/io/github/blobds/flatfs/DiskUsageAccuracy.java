package io.github.blobds.flatfs;

/**
 * How the disk usage a datastore started from was obtained (go-ds-flatfs's {@code initAccuracy}),
 * stored as {@code "accuracy"} in {@code diskUsage.cache}.
 */
public enum DiskUsageAccuracy {
    /** Every file was measured when the datastore was first opened without a cache file. */
    INITIAL_EXACT("initial-exact"),
    /** Some directories had more entries than were measured; the rest were estimated from their average. */
    INITIAL_APPROXIMATE("initial-approximate"),
    /** The measurement ran out of time; what was not measured was estimated. */
    INITIAL_TIMED_OUT("initial-timed-out"),
    /** The cache file named no accuracy go knows. */
    UNKNOWN("unknown");

    private final String id;

    DiskUsageAccuracy(String id) {
        this.id = id;
    }

    /** The name in {@code diskUsage.cache}, e.g. {@code initial-exact}. */
    public String id() {
        return id;
    }

    /** The accuracy named {@code id} in a cache file, or {@link #UNKNOWN}. */
    static DiskUsageAccuracy of(String id) {
        for (DiskUsageAccuracy a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return UNKNOWN;
    }

    /** go's {@code combineAccuracy}: the worse of two. */
    DiskUsageAccuracy combine(DiskUsageAccuracy other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
