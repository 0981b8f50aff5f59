package io.github.blobds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.compose.BlobFsPlacement;
import io.github.blobds.compose.Composer;
import io.github.blobds.compose.DatastoreSpec;
import io.github.blobds.compose.DiskSpec;
import io.github.blobds.compose.FlatfsSpec;
import io.github.blobds.compose.KuboSpecs;
import io.github.blobds.compose.LeveldbSpec;
import io.github.blobds.compose.MeasureSpec;
import io.github.blobds.compose.MountSpec;
import io.github.blobds.datastore.Key;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The scratch copy of a spec: everything on disk moved inside the scratch repo, images formatted small. */
class ScratchSpecsTest {

    private static DatastoreSpec parse(String json) {
        return Composer.create().parse(json).spec();
    }

    @Test
    @DisplayName("Relative paths stay; absolute paths and climbing paths move to outside/ inside the scratch repo")
    void paths() {
        assertEquals("blocks", ScratchSpecs.inside("blocks"));
        assertEquals("a/b", ScratchSpecs.inside("./a//b/"));
        assertEquals("outside/var/lib/ipfs", ScratchSpecs.inside("/var/lib/ipfs"));
        assertEquals("outside/up/up/data", ScratchSpecs.inside("../../data"));
        assertEquals("outside", ScratchSpecs.inside("."));
    }

    @Test
    @DisplayName("kubo's measure spec keeps its types, wrappers and options, with paths inside the scratch repo")
    void kuboMeasure() {
        MountSpec spec = (MountSpec) ScratchSpecs.rewrite(parse(KuboSpecs.MEASURE.replace("\"blocks\"", "\"/srv/blocks\"")), 1 << 20);
        MeasureSpec blocks = (MeasureSpec) spec.mounts().get(0).spec();
        assertEquals("flatfs.datastore", blocks.prefix());
        assertEquals("outside/srv/blocks", ((FlatfsSpec) blocks.child()).path());
        assertEquals("datastore", ((LeveldbSpec) ((MeasureSpec) spec.mounts().get(1).spec()).child()).path());
        List<ScratchSpecs.Target> targets = ScratchSpecs.targets(spec);
        assertEquals(List.of("measure/flatfs at /blocks", "measure/levelds at /", "whole tree"),
                targets.stream().map(ScratchSpecs.Target::name).toList());
        assertEquals(List.of(Key.of("/capital")), targets.get(0).flatfsMounts());
        assertEquals(List.of(Key.of("/blocks")), targets.get(2).flatfsMounts());
        MountSpec flatfsTarget = (MountSpec) targets.get(0).spec();
        assertEquals(List.of(Key.of("/capital"), Key.ROOT), flatfsTarget.mounts().stream().map(MountSpec.Entry::mountpoint).toList());
    }

    @Test
    @DisplayName("Sim and SPDK images move inside and are formatted at most maxImageSize, keeping the cluster size; memory stays")
    void images() {
        LeveldbSpec l = (LeveldbSpec) ScratchSpecs.rewrite(parse("""
                {"type": "levelds", "path": "/abs", "blobfs": {"image": "/images/a.img", "size": "8GiB", "clusterSize": 262144, "mdPages": 100000}}"""),
                64L << 20);
        assertEquals("/abs", l.path(), "a path inside BlobFS stays");
        BlobFsPlacement p = l.blobfs().orElseThrow();
        assertEquals(new BlobFsPlacement.Image("outside/images/a.img", 64L << 20, 262144, 256, BlobFsPlacement.Backend.SIM), p);
        assertEquals(-1, ((LeveldbSpec) ScratchSpecs.rewrite(parse("""
                {"type": "levelds", "path": "d", "blobfs": {"image": "a.img", "size": "8GiB"}}"""), 1 << 20)).blobfs().orElseThrow().mdPages());
        assertEquals(2L << 20, ((LeveldbSpec) ScratchSpecs.rewrite(parse("""
                {"type": "levelds", "path": "d", "blobfs": {"image": "a.img", "size": "8GiB"}}"""), 1)).blobfs().map(BlobFsPlacement.Image.class::cast)
                        .orElseThrow().size(),
                "at least two clusters");
        String memory = "{\"type\": \"levelds\", \"path\": \"d\", \"blobfs\": {\"image\": \"ram\", \"size\": \"1GiB\", \"backend\": \"memory\"}}";
        assertEquals(parse(memory), ScratchSpecs.rewrite(parse(memory), 1 << 20));
        assertEquals(Optional.of(new BlobFsPlacement.Image("outside/data/b.img", 4L << 20, 1 << 20, -1, BlobFsPlacement.Backend.SPDK)),
                ((LeveldbSpec) ScratchSpecs.rewrite(parse("""
                        {"type": "levelds", "path": "d", "blobfs": {"image": "/data/b.img", "size": "1GiB", "backend": "spdk"}}"""),
                        4L << 20)).blobfs(), "the user's image file is never the scratch one");
    }

    @Test
    @DisplayName("usesSpdk finds SPDK placements anywhere in a tree: spdk images and bdevs, not sim or memory images")
    void usesSpdk() {
        String mount = "{\"type\": \"mount\", \"mounts\": [{\"mountpoint\": \"/\", \"type\": \"measure\", \"prefix\": \"p\", \"child\":"
                + " {\"type\": \"levelds\", \"path\": \"d\", \"blobfs\": %s}}]}";
        assertTrue(ScratchSpecs.usesSpdk(parse(mount.formatted("{\"bdev\": \"Nvme0n1\"}"))));
        assertTrue(ScratchSpecs.usesSpdk(parse(mount.formatted("{\"image\": \"a.img\", \"size\": 4096, \"backend\": \"spdk\"}"))));
        assertFalse(ScratchSpecs.usesSpdk(parse(mount.formatted("{\"image\": \"a.img\", \"size\": 4096}"))));
        assertFalse(ScratchSpecs.usesSpdk(parse(mount.formatted("{\"image\": \"a\", \"size\": 4096, \"backend\": \"memory\"}"))));
        assertFalse(ScratchSpecs.usesSpdk(parse(KuboSpecs.DEFAULT)));
    }

    @Test
    @DisplayName("A placement on the user's SPDK bdev becomes a scratch image on SPDK, one per bdev, with the bdev's cluster size")
    void bdevs() {
        MountSpec m = (MountSpec) ScratchSpecs.rewrite(parse("""
                {"type": "mount", "mounts": [
                  {"mountpoint": "/blocks", "type": "flatfs", "path": "blocks", "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2",
                   "sync": false, "blobfs": {"bdev": "Nvme0n1", "bdevConfig": "nvme.json", "clusterSize": 262144, "mdPages": 4096}},
                  {"mountpoint": "/", "type": "levelds", "path": "leveldb",
                   "blobfs": {"bdev": "Nvme0n1", "bdevConfig": "nvme.json", "clusterSize": 262144, "mdPages": 4096}}]}"""), 8L << 20);
        BlobFsPlacement.Image expected = new BlobFsPlacement.Image("scratch-bdevs/Nvme0n1.img", 8L << 20, 262144, 32, BlobFsPlacement.Backend.SPDK);
        assertEquals(Optional.of(expected), ((FlatfsSpec) m.mounts().get(0).spec()).blobfs());
        assertEquals(Optional.of(expected), ((LeveldbSpec) m.mounts().get(1).spec()).blobfs());
        assertTrue(ScratchSpecs.targets(parse("""
                {"type": "levelds", "path": "d", "blobfs": {"bdev": "Nvme0n1"}}""")).get(0).name().contains("bdev Nvme0n1, spdk"));
    }

    @Test
    @DisplayName("A spec type it does not know is refused: its fields might name the user's data")
    void unknownType() {
        record Foreign() implements DatastoreSpec {
            @Override
            public String type() {
                return "foreign";
            }

            @Override
            public DiskSpec diskSpec() {
                return DiskSpec.NONE;
            }
        }
        CliException e = assertThrows(CliException.class, () -> ScratchSpecs.rewrite(MountSpec.of(new MountSpec.Entry(Key.ROOT, new Foreign())), 1));
        assertTrue(e.getMessage().contains("spec type \"foreign\""), e.getMessage());
    }
}
