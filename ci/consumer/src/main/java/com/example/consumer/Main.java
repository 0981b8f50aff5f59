package com.example.consumer;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.flatfs.FlatfsDatastore;
import io.github.blobds.flatfs.ShardFunction;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.SimBlobstore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** flatfs on BlobFS on the simulated Blobstore over an image file: a put, then a get after reopening. */
public final class Main {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("blobds-consumer");
        Path image = dir.resolve("blobfs.img");
        byte[] block = "hello from a consumer of blobds".getBytes(StandardCharsets.UTF_8);
        Key key = Key.of("/CIQAHELLO");

        try (BlobFileSystem fs = BlobFileSystem.open(
                        SimBlobstore.init(FileDevice.create(image, 64L << 20, 4096), BlobFs.formatOptions(0, -1)), true);
                Datastore ds = FlatfsDatastore.createOrOpen(fs.getPath("/blocks"), ShardFunction.DEFAULT, true)) {
            ds.put(key, block);
        }
        byte[] got;
        try (BlobFileSystem fs = BlobFileSystem.open(
                        SimBlobstore.load(FileDevice.open(image, 4096), BlobFs.formatOptions(0, -1)), true);
                Datastore ds = FlatfsDatastore.open(fs.getPath("/blocks"), true)) {
            got = ds.get(key);
        }
        if (!Arrays.equals(block, got)) {
            throw new AssertionError("read back " + new String(got, StandardCharsets.UTF_8));
        }
        System.out.println("consumer: put and get of " + key + " through flatfs on BlobFS on the simulator: OK");
        Files.delete(image);
        Files.delete(dir);
    }
}
