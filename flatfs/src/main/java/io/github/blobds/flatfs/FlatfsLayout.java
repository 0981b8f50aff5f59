package io.github.blobds.flatfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files that make a directory a flatfs datastore (go-ds-flatfs v0.6.1 {@code Create}, {@code Open},
 * {@code ReadShardFunc}, {@code WriteShardFunc}, {@code WriteReadme}): {@code SHARDING}, {@code _README}
 * and {@code .temp/}.
 */
final class FlatfsLayout {

    static final String SHARDING_FILE = "SHARDING";
    static final String TEMP_DIR = ".temp";

    private FlatfsLayout() {
    }

    /** See {@link FlatfsDatastore#create}. */
    static void create(Path dir, ShardFunction shard) {
        try {
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // an existing directory is checked below
            }
            Path sharding = dir.resolve(SHARDING_FILE);
            if (Files.exists(sharding)) {
                ShardFunction existing = readShardFunction(dir);
                if (!existing.equals(shard)) {
                    throw new FlatfsLayoutException("specified shard func '" + shard + "' does not match repo shard func '"
                            + existing + "' in " + dir);
                }
                throw new FlatfsExistsException("datastore already exists: " + dir);
            }
            if (!PathIo.isEmptyDirectory(dir)) {
                throw new FlatfsLayoutException("directory missing " + SHARDING_FILE + " file: " + dir);
            }
            PathIo.writeNew(sharding, (shard + "\n").getBytes(StandardCharsets.UTF_8), false);
            if (shard.equals(ShardFunction.DEFAULT)) {
                PathIo.writeNewReadOnly(dir.resolve(Readme.FILE), Readme.TEXT.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw FlatfsIoException.of("create flatfs datastore in", dir, e);
        }
    }

    /** See {@link FlatfsDatastore#readShardFunction}. */
    static ShardFunction readShardFunction(Path dir) {
        Path sharding = dir.resolve(SHARDING_FILE);
        String id;
        try {
            id = new String(Files.readAllBytes(sharding), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FlatfsLayoutException(SHARDING_FILE + " file not found in datastore: " + dir);
        } catch (IOException e) {
            throw FlatfsIoException.of("read", sharding, e);
        }
        try {
            return ShardFunction.parse(id);
        } catch (InvalidShardFunctionException e) {
            throw new InvalidShardFunctionException(sharding + ": " + e.getMessage());
        }
    }

    /**
     * The shard function of the datastore in {@code dir}, after emptying its {@code .temp/} (go's
     * {@code Open} up to the disk usage; go empties {@code .temp/} first, which litters a directory that
     * turns out to be no datastore).
     */
    static ShardFunction openDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FlatfsLayoutException("datastore directory does not exist: " + dir);
        }
        ShardFunction shard = readShardFunction(dir);
        Path temp = dir.resolve(TEMP_DIR);
        try {
            PathIo.deleteRecursively(temp);
            Files.createDirectory(temp);
        } catch (IOException e) {
            throw FlatfsIoException.of("reset temporary directory", temp, e);
        }
        return shard;
    }
}
