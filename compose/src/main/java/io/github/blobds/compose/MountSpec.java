package io.github.blobds.compose;

import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubo's {@code mount} spec: datastores mounted at key prefixes (go-datastore's mount datastore).
 *
 * <pre>{@code
 * {"type": "mount", "mounts": [
 *   {"mountpoint": "/blocks", "type": "flatfs", ...},
 *   {"mountpoint": "/", "type": "levelds", ...}]}
 * }</pre>
 *
 * Each element of {@code mounts} is a whole datastore spec plus its {@code mountpoint} (required, a
 * string, cleaned as a {@link Key}). The mounts are kept sorted by mountpoint string, descending
 * byte-wise, as kubo sorts them, so the order they are written in does not matter; two mounts at the
 * same mountpoint are refused (kubo would keep both and never reach the second). The disk spec is
 * {@code {"mounts": [each child's disk spec plus its "mountpoint", …], "type": "mount"}}, a child
 * without one ({@code mem}) counting as {@code {}}.
 *
 * @param mounts the mounts, any order in, sorted out
 */
public record MountSpec(List<Entry> mounts) implements DatastoreSpec {

    /** The spec type name. */
    public static final String TYPE = "mount";

    /**
     * One mount.
     *
     * @param mountpoint where the datastore is mounted (already clean)
     * @param spec       the mounted datastore's spec
     */
    public record Entry(Key mountpoint, DatastoreSpec spec) {
        public Entry {
            InvalidArgumentException.requireNonNull(mountpoint, "mountpoint");
            InvalidArgumentException.requireNonNull(spec, "spec mounted at " + mountpoint);
        }
    }

    public MountSpec {
        InvalidArgumentException.requireNonNull(mounts, "mounts");
        List<Entry> sorted = new ArrayList<>(mounts.size());
        Set<Key> seen = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            Entry e = InvalidArgumentException.requireNonNull(mounts.get(i), "mount " + i);
            if (!seen.add(e.mountpoint())) {
                throw new InvalidArgumentException("two mounts at " + e.mountpoint());
            }
            sorted.add(e);
        }
        sorted.sort((a, b) -> Key.compareUtf8(b.mountpoint().toString(), a.mountpoint().toString()));
        mounts = List.copyOf(sorted);
    }

    /** The mount spec of {@code mounts}, in any order. */
    public static MountSpec of(Entry... mounts) {
        return new MountSpec(List.of(mounts));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DiskSpec diskSpec() {
        List<Object> children = new ArrayList<>(mounts.size());
        for (Entry e : mounts) {
            children.add(e.spec().diskSpec().with("mountpoint", e.mountpoint().toString()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", TYPE);
        m.put("mounts", children);
        return DiskSpec.of(m);
    }
}
