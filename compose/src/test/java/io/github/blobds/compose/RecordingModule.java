package io.github.blobds.compose;

/** Contributes the tests' {@code recording} type; public with a no-argument constructor for ServiceLoader. */
public final class RecordingModule extends SpecTypeModule {

    private final Recorder recorder;

    public RecordingModule() {
        this(new Recorder());
    }

    RecordingModule(Recorder recorder) {
        super(RecordingSpecType.NAME, RecordingSpecType.class);
        this.recorder = recorder;
    }

    @Override
    protected void configureType() {
        bind(Recorder.class).toInstance(recorder);
    }
}
