package io.github.blobds.bench;

import java.util.List;
import java.util.Locale;

/**
 * What {@link SideBySide} asks of every contender: the shape of the values and the phases it runs, in
 * order, on a fresh store.
 */
public enum Workload {

    /**
     * 256 KiB blocks under CIDv1-like keys ({@code /CIQ…}, base32 upper case), as kubo's {@code blocks}:
     * synced puts one at a time, synced puts in batches, random gets, a keys-only query of everything.
     */
    BLOCKS(List.of(Phase.PUT_ONE, Phase.PUT_BATCH, Phase.GET, Phase.KEYS_ALL)),

    /**
     * 100-byte records under {@code /r/<2 hex>/<16 hex>} keys, as go-ds-leveldb holds kubo's metadata:
     * puts synced one at a time, puts in batches, random gets, prefix queries, a keys-only query of all.
     */
    RECORDS(List.of(Phase.PUT_ONE, Phase.PUT_BATCH, Phase.GET, Phase.PREFIX_QUERY, Phase.KEYS_ALL));

    private final List<Phase> phases;

    Workload(List<Phase> phases) {
        this.phases = phases;
    }

    /** The phases, in the order they run. */
    public List<Phase> phases() {
        return phases;
    }

    /** The name used on the command line and in the report: {@code blocks}, {@code records}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The workload named {@code id}. */
    public static Workload of(String id) {
        for (Workload w : values()) {
            if (w.id().equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload \"" + id + "\" (expected blocks or records)");
    }
}
