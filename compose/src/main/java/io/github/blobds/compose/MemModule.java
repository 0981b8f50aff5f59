package io.github.blobds.compose;

/** Contributes the {@code mem} spec type ({@link MemSpecType}). */
final class MemModule extends SpecTypeModule {
    MemModule() {
        super(MemSpec.TYPE, MemSpecType.class);
    }
}
