package io.github.blobds.compose;

/** Contributes the {@code flatfs} spec type ({@link FlatfsSpecType}). */
final class FlatfsModule extends SpecTypeModule {
    FlatfsModule() {
        super(FlatfsSpec.TYPE, FlatfsSpecType.class);
    }
}
