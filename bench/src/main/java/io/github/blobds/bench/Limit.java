package io.github.blobds.bench;

import java.util.Optional;

/** A limit of the machine, measured by {@link MachineLimits} in every run, next to the contenders. */
public enum Limit {
    /** 256 KiB appended to a file on the work disk, then {@code FileChannel.force(true)}, one write at a time. */
    WRITE_FORCE_BLOCK("write-force-block", "block write + force, one at a time", false),
    /** 4 KiB appended, then {@code force(true)}: the flush latency a synced small put cannot beat. */
    WRITE_FORCE_4K("write-force-4k", "4 KiB write + force, one at a time", false),
    /** A file written sequentially in 1 MiB writes with one {@code force} at the end. */
    SEQUENTIAL_WRITE("sequential-write", "sequential write, one force at the end", true),
    /** {@code System.arraycopy} of blocks between two arrays larger than the CPU caches. */
    MEMORY_COPY("memory-copy", "memory copy (System.arraycopy of blocks)", true);

    private final String id;
    private final String title;
    private final boolean bandwidth;

    Limit(String id, String title, boolean bandwidth) {
        this.id = id;
        this.title = title;
        this.bandwidth = bandwidth;
    }

    /** The name used in the CSV. */
    public String id() {
        return id;
    }

    /** A human title. */
    public String title() {
        return title;
    }

    /** Whether a share of this limit compares MB/s (else ops/s: puts against writes). */
    public boolean bandwidth() {
        return bandwidth;
    }

    /**
     * The limit a phase is measured against: synced single puts against write + force of their size,
     * batches against sequential bandwidth, block gets against memory copy.
     */
    public static Optional<Limit> of(Workload workload, Phase phase) {
        return Optional.ofNullable(switch (phase) {
            case PUT_ONE -> workload == Workload.BLOCKS ? WRITE_FORCE_BLOCK : WRITE_FORCE_4K;
            case PUT_BATCH -> SEQUENTIAL_WRITE;
            case GET -> workload == Workload.BLOCKS ? MEMORY_COPY : null;
            case PREFIX_QUERY, KEYS_ALL -> null;
        });
    }
}
