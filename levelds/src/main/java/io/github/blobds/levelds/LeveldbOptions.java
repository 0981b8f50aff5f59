package io.github.blobds.levelds;

import io.github.blobds.datastore.InvalidArgumentException;
import java.util.Locale;

/**
 * How {@link LeveldbDatastore} opens its LevelDB (go-ds-leveldb's {@code Options}, a subset of goleveldb's
 * {@code opt.Options}, plus go-ds-leveldb's {@code syncWrites}). Immutable; {@link #defaults()} or
 * {@link #builder()}.
 *
 * @param compression     how table blocks are compressed; {@link Compression#NONE} by default, as kubo's
 *                        spec asks. Reading a table does not depend on it: each block records its own.
 * @param syncWrites      whether every put, delete and batch commit forces the write-ahead log before it
 *                        returns (go-ds-leveldb's default, {@code true}); when {@code false},
 *                        {@link LeveldbDatastore#sync} makes earlier writes durable
 * @param writeBufferSize bytes of writes kept in memory before they go to a table (LevelDB clamps it to
 *                        64 KiB .. 1 GiB); 4 MiB by default
 * @param blockSize       uncompressed bytes per table block (1 KiB .. 4 MiB); 4 KiB by default
 * @param cacheSize       bytes of the block cache; 8 MiB by default
 * @param maxOpenFiles    table files kept open (74 .. 50,000); 1,000 by default
 * @param createIfMissing create the database when the directory holds none; {@code true} by default
 * @param errorIfExists   fail when the directory already holds a database; {@code false} by default
 * @param paranoidChecks  check data aggressively and stop at the first corruption; {@code false} by default
 */
public record LeveldbOptions(
        Compression compression,
        boolean syncWrites,
        int writeBufferSize,
        int blockSize,
        long cacheSize,
        int maxOpenFiles,
        boolean createIfMissing,
        boolean errorIfExists,
        boolean paranoidChecks) {

    /** Block compression, kubo's {@code levelds} spec field {@code compression}. */
    public enum Compression {
        /** Blocks stored as they are (kubo's {@code "none"}). */
        NONE,
        /** Blocks compressed with Snappy (kubo's {@code "snappy"}). */
        SNAPPY;

        /**
         * The compression a kubo spec's {@code compression} field names: {@code "none"}, {@code "snappy"},
         * or {@code ""} (the field absent), which kubo passes on as goleveldb's default, Snappy.
         */
        public static Compression fromSpec(String name) {
            InvalidArgumentException.requireNonNull(name, "compression");
            return switch (name) {
                case "none" -> NONE;
                case "snappy", "" -> SNAPPY;
                default -> throw new InvalidArgumentException(
                        "unrecognized value for compression: \"" + name + "\" (expected \"none\" or \"snappy\")");
            };
        }

        /** The name used in kubo's spec. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LeveldbOptions {
        InvalidArgumentException.requireNonNull(compression, "compression");
        positive(writeBufferSize, "writeBufferSize");
        positive(blockSize, "blockSize");
        positive(cacheSize, "cacheSize");
        positive(maxOpenFiles, "maxOpenFiles");
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new InvalidArgumentException(name + " must be positive, was " + value);
        }
    }

    /** go-ds-leveldb's defaults with kubo's {@code compression: "none"}: synced writes, LevelDB's sizes. */
    public static LeveldbOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().compression(compression).syncWrites(syncWrites).writeBufferSize(writeBufferSize)
                .blockSize(blockSize).cacheSize(cacheSize).maxOpenFiles(maxOpenFiles)
                .createIfMissing(createIfMissing).errorIfExists(errorIfExists).paranoidChecks(paranoidChecks);
    }

    /** Builds {@link LeveldbOptions}; every field starts at its default. */
    public static final class Builder {
        private Compression compression = Compression.NONE;
        private boolean syncWrites = true;
        private int writeBufferSize = 4 << 20;
        private int blockSize = 4 << 10;
        private long cacheSize = 8 << 20;
        private int maxOpenFiles = 1000;
        private boolean createIfMissing = true;
        private boolean errorIfExists;
        private boolean paranoidChecks;

        private Builder() {
        }

        public Builder compression(Compression compression) {
            this.compression = compression;
            return this;
        }

        public Builder syncWrites(boolean syncWrites) {
            this.syncWrites = syncWrites;
            return this;
        }

        public Builder writeBufferSize(int writeBufferSize) {
            this.writeBufferSize = writeBufferSize;
            return this;
        }

        public Builder blockSize(int blockSize) {
            this.blockSize = blockSize;
            return this;
        }

        public Builder cacheSize(long cacheSize) {
            this.cacheSize = cacheSize;
            return this;
        }

        public Builder maxOpenFiles(int maxOpenFiles) {
            this.maxOpenFiles = maxOpenFiles;
            return this;
        }

        public Builder createIfMissing(boolean createIfMissing) {
            this.createIfMissing = createIfMissing;
            return this;
        }

        public Builder errorIfExists(boolean errorIfExists) {
            this.errorIfExists = errorIfExists;
            return this;
        }

        public Builder paranoidChecks(boolean paranoidChecks) {
            this.paranoidChecks = paranoidChecks;
            return this;
        }

        public LeveldbOptions build() {
            return new LeveldbOptions(compression, syncWrites, writeBufferSize, blockSize, cacheSize, maxOpenFiles,
                    createIfMissing, errorIfExists, paranoidChecks);
        }
    }
}
