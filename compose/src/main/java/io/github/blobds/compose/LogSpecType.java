package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.LogDatastore;

/** {@code log} → {@link LogDatastore}. */
final class LogSpecType implements SpecType<LogSpec> {

    @Override
    public Class<LogSpec> specClass() {
        return LogSpec.class;
    }

    @Override
    public LogSpec parse(SpecObject spec) {
        return new LogSpec(spec.requiredString("name"), spec.requiredSpec("child"));
    }

    @Override
    public Datastore create(LogSpec spec, Assembly assembly) {
        return LogDatastore.wrap(assembly.create(spec.child()), spec.name());
    }
}
