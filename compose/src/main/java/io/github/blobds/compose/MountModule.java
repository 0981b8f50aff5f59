package io.github.blobds.compose;

/** Contributes the {@code mount} spec type ({@link MountSpecType}). */
final class MountModule extends SpecTypeModule {
    MountModule() {
        super(MountSpec.TYPE, MountSpecType.class);
    }
}
