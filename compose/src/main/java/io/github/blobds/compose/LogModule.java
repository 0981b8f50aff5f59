package io.github.blobds.compose;

/** Contributes the {@code log} spec type ({@link LogSpecType}). */
final class LogModule extends SpecTypeModule {
    LogModule() {
        super(LogSpec.TYPE, LogSpecType.class);
    }
}
