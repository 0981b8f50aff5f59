package io.github.blobds.compose;

/** Contributes the {@code levelds} spec type ({@link LeveldbSpecType}). */
final class LeveldbModule extends SpecTypeModule {
    LeveldbModule() {
        super(LeveldbSpec.TYPE, LeveldbSpecType.class);
    }
}
