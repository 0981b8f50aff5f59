package io.github.blobds.compose;

/** Contributes the {@code measure} spec type ({@link MeasureSpecType}). */
final class MeasureModule extends SpecTypeModule {
    MeasureModule() {
        super(MeasureSpec.TYPE, MeasureSpecType.class);
    }
}
