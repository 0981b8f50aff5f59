package io.github.blobds.levelds;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import org.iq80.leveldb.Logger;

/**
 * LevelDB's info log sent to the {@link System.Logger} {@code io.github.blobds.levelds} at {@code DEBUG}
 * (compactions, recoveries, deleted files), instead of an ever-growing {@code LOG} file in the database.
 */
final class LeveldbLogger implements Logger {

    private static final System.Logger LOG = System.getLogger("io.github.blobds.levelds");

    private final Path directory;

    LeveldbLogger(Path directory) {
        this.directory = directory;
    }

    @Override
    public void log(String message) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "leveldb " + directory + ": " + message);
        }
    }

    @Override
    public void log(String template, Object... args) {
        if (LOG.isLoggable(Level.DEBUG)) {
            log(String.format(template, args));
        }
    }
}
