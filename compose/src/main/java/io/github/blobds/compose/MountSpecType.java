package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.mount.Mount;
import io.github.blobds.mount.MountDatastore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mount} → {@link MountDatastore}. The mounts are created from the last in sorted order to the
 * first ({@code /} before {@code /blocks}), so that the mount datastore, which closes its mounts in
 * sorted order, closes them in reverse order of creation.
 */
final class MountSpecType implements SpecType<MountSpec> {

    @Override
    public Class<MountSpec> specClass() {
        return MountSpec.class;
    }

    @Override
    public MountSpec parse(SpecObject spec) {
        List<MountSpec.Entry> entries = new ArrayList<>();
        Map<Key, String> seen = new HashMap<>();
        for (SpecObject entry : spec.requiredObjectList("mounts", "mount")) {
            boolean valid = entry.value("mountpoint") != null && entry.value("mountpoint").isTextual();
            String mountpoint = entry.requiredString("mountpoint");
            DatastoreSpec child = entry.asSpec();
            if (valid) {
                Key key = Key.of(mountpoint);
                String earlier = seen.putIfAbsent(key, entry.path());
                if (earlier != null) {
                    entry.problem("mountpoint", "mountpoint " + key + " is also used by " + earlier);
                    continue;
                }
                entries.add(new MountSpec.Entry(key, child));
            }
        }
        return new MountSpec(entries);
    }

    @Override
    public Datastore create(MountSpec spec, Assembly assembly) {
        List<Mount> mounts = new ArrayList<>();
        for (MountSpec.Entry e : spec.mounts().reversed()) {
            mounts.add(new Mount(e.mountpoint(), assembly.create(e.spec())));
        }
        return MountDatastore.of(mounts);
    }
}
