package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.measure.MeasureDatastore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

/** {@code measure} → {@link MeasureDatastore} on the composer's meter registry. */
final class MeasureSpecType implements SpecType<MeasureSpec> {

    private final MeterRegistry registry;

    @Inject
    MeasureSpecType(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Class<MeasureSpec> specClass() {
        return MeasureSpec.class;
    }

    @Override
    public MeasureSpec parse(SpecObject spec) {
        String prefix = spec.requiredString("prefix");
        if (prefix.isEmpty() && spec.has("prefix") && spec.value("prefix").isTextual()) {
            spec.problem("prefix", "must not be empty: it names the metrics");
        }
        return new MeasureSpec(prefix, spec.requiredSpec("child"));
    }

    @Override
    public Datastore create(MeasureSpec spec, Assembly assembly) {
        return MeasureDatastore.wrap(spec.prefix(), assembly.create(spec.child()), registry);
    }
}
