package io.github.blobds.flatfs;

import io.github.blobds.datastore.Key;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a {@link FlatfsDatastore} changes its files (go-ds-flatfs v0.6.1 {@code doPut}, {@code doDelete},
 * {@code makeDir}, {@code renameAndUpdateDiskUsage}, {@code flatfsBatch.Commit}): every change of a key
 * goes through the {@link OpMap}, keeps the {@link DiskUsage} and tells {@link Durability} what to force.
 * The datastore checks keys and its open state before calling in.
 */
final class FlatfsWrites {

    private final Path root;
    private final Path temp;
    private final ShardFunction shard;
    private final Durability durability;
    private final DiskUsage diskUsage;
    private final AtomicLong tempNames;
    private final OpMap ops = new OpMap();

    FlatfsWrites(Path root, ShardFunction shard, Durability durability, DiskUsage diskUsage, AtomicLong tempNames) {
        this.root = root;
        this.temp = root.resolve(FlatfsLayout.TEMP_DIR);
        this.shard = shard;
        this.durability = durability;
        this.diskUsage = diskUsage;
        this.tempNames = tempNames;
    }

    Path shardDir(Key key) {
        return root.resolve(shard.apply(key));
    }

    Path dataFile(Key key) {
        return shardDir(key).resolve(FlatfsKeys.fileName(key));
    }

    /** A fresh name in {@code .temp/}. */
    Path tempFile(String prefix) {
        return temp.resolve(prefix + tempNames.incrementAndGet());
    }

    boolean sync() {
        return durability.sync();
    }

    /** Writes {@code value} to a temporary file and renames it over the key's file. */
    void put(Key key, byte[] value) {
        Path dir = shardDir(key);
        Path file = dir.resolve(FlatfsKeys.fileName(key));
        Path tmp = tempFile("temp-");
        try {
            ops.run(key, () -> {
                makeDir(dir, true);
                try {
                    PathIo.writeNew(tmp, value, durability.sync());
                    renameIntoPlace(tmp, file);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                durability.landed(file, dir);
            });
        } catch (IOException e) {
            throw FlatfsIoException.of("put key " + key + " at", file, e);
        }
    }

    /** Removes the key's file if there is one. */
    void delete(Key key) {
        Path dir = shardDir(key);
        Path file = dir.resolve(FlatfsKeys.fileName(key));
        try {
            ops.run(key, () -> deleteFile(file, dir));
        } catch (IOException e) {
            throw FlatfsIoException.of("delete key " + key + " at", file, e);
        }
    }

    private void deleteFile(Path file, Path dir) throws IOException {
        long size = PathIo.sizeOrZero(file);
        try {
            Files.delete(file);
        } catch (NoSuchFileException e) {
            return;
        }
        diskUsage.add(-size);
        durability.removed(dir);
    }

    /** Creates a shard directory if missing, counting it in the disk usage; makes the root durable if {@code force} (go's {@code makeDir}). */
    private void makeDir(Path dir, boolean force) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        diskUsage.add(PathIo.sizeOrZero(dir));
        if (force) {
            durability.created(root);
        }
    }

    /** Renames {@code tmp} over {@code file}, moving the disk usage from the old file's size to the new one's. */
    private void renameIntoPlace(Path tmp, Path file) throws IOException {
        long old = PathIo.sizeOrZero(file);
        try {
            PathIo.replace(tmp, file);
        } finally {
            diskUsage.add(PathIo.sizeOrZero(file) - old);
        }
    }

    /**
     * Applies a batch: creates the shard directories, renames each put's file from {@code batchDir} into
     * place, deletes, then forces the touched directories and the root when {@code sync} is on.
     * {@code batchOps} maps each key to its last operation: {@code true} for a put, {@code false} for a delete.
     */
    void commit(Map<Key, Boolean> batchOps, Path batchDir, Object batch) {
        try {
            Set<Path> dirs = new HashSet<>();
            for (Map.Entry<Key, Boolean> op : batchOps.entrySet()) {
                Path dir = shardDir(op.getKey());
                if (op.getValue() && dirs.add(dir)) {
                    makeDir(dir, false);
                }
            }
            for (Map.Entry<Key, Boolean> op : batchOps.entrySet()) {
                Key key = op.getKey();
                Path dir = shardDir(key);
                Path file = dir.resolve(FlatfsKeys.fileName(key));
                if (op.getValue()) {
                    Path tmp = batchDir.resolve(FlatfsKeys.fileName(key));
                    ops.run(key, () -> renameIntoPlace(tmp, file));
                    if (!durability.sync()) {
                        durability.landed(file, dir);
                    }
                } else {
                    ops.run(key, () -> deleteFile(file, dir));
                }
            }
            if (durability.sync()) {
                for (Path dir : dirs) {
                    durability.forceDirectory(dir);
                }
                durability.forceDirectory(root);
            } else if (!dirs.isEmpty()) {
                durability.created(root);
            }
        } catch (IOException e) {
            throw FlatfsIoException.of("commit " + batch + " into", root, e);
        }
    }
}
