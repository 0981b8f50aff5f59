package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose module as a guide: kubo's spec to a datastore tree, the repo check, BlobFS placement, errors, YAML. */
class TutorialTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Compose kubo's default repo, reopen it, move it into a BlobFS image, and read the errors of a bad spec")
    void tutorial() throws Exception {
        // 1. A composer knows the spec types: kubo's six built-in ones plus any Guice module on the class path
        //    (META-INF/services/com.google.inject.Module). measure specs record on its Micrometer registry.
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Composer composer = Composer.builder().meterRegistry(registry).build();

        // 2. Parse kubo's Datastore.Spec, verbatim (JSON here; parseYaml, parse(Path) and parseKuboConfig(Path) too).
        //    Its disk spec is what kubo writes to the repo's datastore_spec, byte for byte.
        Composition kubo = composer.parse(KuboSpecs.DEFAULT);
        assertEquals("{\"mounts\":[{\"mountpoint\":\"/blocks\",\"path\":\"blocks\",\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\","
                + "\"type\":\"flatfs\"},{\"mountpoint\":\"/\",\"path\":\"datastore\",\"type\":\"levelds\"}],\"type\":\"mount\"}",
                kubo.diskSpec().toString());

        // 3. Open a repo: datastore_spec is written the first time, and the tree is created: flatfs in
        //    repo/blocks, LevelDB in repo/datastore, mounted at /blocks and /. The result is Batching and
        //    thread-safe; closing it closes the whole tree.
        Path repo = dir.resolve("ipfs");
        try (Batching ds = kubo.open(repo)) {
            ds.put(Key.of("/blocks/CIQBLOCK"), "a block".getBytes());
            Batch batch = ds.batch();
            batch.put(Key.of("/pins/recursive"), "CIQBLOCK".getBytes());
            batch.put(Key.of("/local/filesroot"), "CIQROOT".getBytes());
            batch.commit();
            try (Results r = ds.query(Query.builder().prefix("/pins").build())) {
                assertEquals(List.of("/pins/recursive"), r.stream().map(e -> e.key()).toList());
            }
        }
        assertTrue(Files.exists(repo.resolve("blocks/OC/CIQBLOCK.data")));

        // 4. Reopening with a spec whose disk spec differs is refused, saying what differs; a runtime option
        //    (flatfs sync) may change.
        SpecMismatchException mismatch = assertThrows(SpecMismatchException.class,
                () -> composer.parse(KuboSpecs.DEFAULT.replace("next-to-last/2", "next-to-last/3")).open(repo));
        assertEquals(List.of("$.mounts[0].shardFunc: \"/repo/flatfs/shard/v1/next-to-last/2\" on disk, \"/repo/flatfs/shard/v1/next-to-last/3\""
                + " in the spec"), mismatch.differences());
        try (Batching ds = composer.parse(KuboSpecs.DEFAULT.replace("\"sync\": false", "\"sync\": true")).open(repo)) {
            assertArrayEquals("a block".getBytes(), ds.get(Key.of("/blocks/CIQBLOCK")));
        }

        // 5. The same layout inside one BlobFS image (blobds's one addition to the spec): both datastores share
        //    it. "sim" drives the image file with the Blobstore simulator; "spdk" would drive it with SPDK.
        Composition onBlobFs = composer.parseYaml("""
                type: mount
                mounts:
                  - {mountpoint: /blocks, type: flatfs, path: blocks, sync: false, shardFunc: /repo/flatfs/shard/v1/next-to-last/2,
                     blobfs: {image: blobfs.img, size: 256MiB, clusterSize: 65536}}
                  - {mountpoint: /, type: levelds, path: datastore, compression: none,
                     blobfs: {image: blobfs.img, size: 256MiB, clusterSize: 65536}}
                """);
        Path nvmeRepo = dir.resolve("ipfs-blobfs");
        try (Batching ds = onBlobFs.open(nvmeRepo)) {
            ds.put(Key.of("/blocks/CIQBLOCK"), "a block".getBytes());
        }
        assertTrue(Files.exists(nvmeRepo.resolve("blobfs.img")));

        // 6. A bad spec lists every problem with its JSON path and a suggestion.
        SpecException bad = assertThrows(SpecException.class, () -> composer.parse("""
                {"type": "mount", "mounts": [
                  {"mountpoint": "/blocks", "type": "flatfs", "path": "blocks", "shardfunc": "/repo/flatfs/shard/v1/next-to-last/2", "sync": false},
                  {"mountpoint": "/", "type": "leveldb", "path": "datastore"}]}"""));
        assertEquals(List.of("$.mounts[0].shardFunc", "$.mounts[0].shardfunc", "$.mounts[1].type"),
                bad.problems().stream().map(SpecProblem::path).toList());
        assertTrue(bad.getMessage().contains("did you mean \"shardFunc\"?"), bad.getMessage());
        assertTrue(bad.getMessage().contains("did you mean \"levelds\"?"), bad.getMessage());
    }
}
