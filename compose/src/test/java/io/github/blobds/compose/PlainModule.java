package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Feature;
import io.github.blobds.datastore.ForwardingDatastore;
import java.util.List;

/** The tests' {@code plain} type: its child seen without any feature, so not Batching. */
final class PlainModule extends SpecTypeModule {

    PlainModule() {
        super("plain", PlainSpecType.class);
    }

    record PlainSpec(DatastoreSpec child) implements DatastoreSpec {
        @Override
        public String type() {
            return "plain";
        }

        @Override
        public DiskSpec diskSpec() {
            return child.diskSpec();
        }
    }

    static final class PlainSpecType implements SpecType<PlainSpec> {
        @Override
        public Class<PlainSpec> specClass() {
            return PlainSpec.class;
        }

        @Override
        public PlainSpec parse(SpecObject spec) {
            return new PlainSpec(spec.requiredSpec("child"));
        }

        @Override
        public Datastore create(PlainSpec spec, Assembly assembly) {
            return Feature.scoped(new ForwardingDatastore(assembly.create(spec.child())) { }, List.of());
        }
    }
}
