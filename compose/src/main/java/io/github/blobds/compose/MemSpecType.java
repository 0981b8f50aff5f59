package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.SynchronizedDatastore;

/** {@code mem} → a {@link MapDatastore} behind a {@link SynchronizedDatastore}, as kubo wraps it. */
final class MemSpecType implements SpecType<MemSpec> {

    @Override
    public Class<MemSpec> specClass() {
        return MemSpec.class;
    }

    @Override
    public MemSpec parse(SpecObject spec) {
        return new MemSpec();
    }

    @Override
    public Datastore create(MemSpec spec, Assembly assembly) {
        return SynchronizedDatastore.wrap(new MapDatastore());
    }
}
