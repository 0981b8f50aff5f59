package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.ForwardingDatastore;
import io.github.blobds.datastore.MapDatastore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Makes map datastores that record when they open and close, and whether their directory's file system is open then. */
final class RecordingSpecType implements SpecType<RecordingSpec> {

    static final String NAME = "recording";

    private final Recorder recorder;

    @Inject
    RecordingSpecType(Recorder recorder, MeterRegistry registry) {
        this.recorder = recorder;
        if (registry == null) {
            throw new IllegalStateException("the composer binds a meter registry");
        }
    }

    @Override
    public Class<RecordingSpec> specClass() {
        return RecordingSpec.class;
    }

    @Override
    public RecordingSpec parse(SpecObject spec) {
        String name = spec.requiredString("name");
        boolean fail = spec.optionalBoolean("fail").orElse(false);
        boolean failClose = spec.optionalBoolean("failClose").orElse(false);
        return new RecordingSpec(name, fail, failClose, spec.placement(name));
    }

    @Override
    public Datastore create(RecordingSpec spec, Assembly assembly) {
        Path dir = assembly.directory(spec.name(), spec.blobfs());
        if (spec.fail()) {
            throw new DatastoreException("recording " + spec.name() + " fails as asked");
        }
        recorder.add("open " + spec.name());
        recorder.directory(spec.name(), dir);
        return new RecordingDatastore(spec, dir, recorder).scoped();
    }

    /** A map datastore recording its closes (every call, to catch a second one). */
    static final class RecordingDatastore extends ForwardingDatastore {
        private final String name;
        private final boolean failClose;
        private final Path dir;
        private final Recorder recorder;

        RecordingDatastore(RecordingSpec spec, Path dir, Recorder recorder) {
            super(new MapDatastore());
            this.name = spec.name();
            this.failClose = spec.failClose();
            this.dir = dir;
            this.recorder = recorder;
        }

        @Override
        public void close() {
            recorder.add("close " + name + (dir.getFileSystem().isOpen() ? "" : " after its file system"));
            super.close();
            if (failClose) {
                throw new DatastoreException("recording " + name + " fails to close as asked");
            }
        }

        @Override
        public String toString() {
            return "Recording[" + name + " in " + dir + "]";
        }
    }
}
