package io.github.blobds.cli;

import io.github.blobds.compose.BlobFsPlacement;
import io.github.blobds.compose.DatastoreSpec;
import io.github.blobds.compose.FlatfsSpec;
import io.github.blobds.compose.LeveldbSpec;
import io.github.blobds.compose.LogSpec;
import io.github.blobds.compose.MeasureSpec;
import io.github.blobds.compose.MemSpec;
import io.github.blobds.compose.MountSpec;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The scratch copy of a spec that {@code conformance} runs on, and the datastores of its tree.
 *
 * <p>The copy has the same types, options and placement, with everything on disk moved into the scratch
 * repo: relative paths stay (they resolve against the scratch repo), absolute paths and paths climbing out
 * with {@code ..} become {@code outside/…} inside it; image files likewise. Images are formatted with at
 * most {@code maxImageSize} bytes (their size and metadata pages only apply at formatting; the cluster
 * size, part of the image's identity, is kept). Memory images stay in memory. An image on SPDK stays on
 * SPDK (and fails to open where SPDK is absent); a placement on an SPDK bdev — the user's device — becomes
 * a scratch image file driven by SPDK (an aio bdev), one per bdev, with the bdev's cluster size: the same
 * Blobstore code on a device of its own, new in every scratch repo. A type this class does not know (a third-party
 * spec type) is refused, since its fields may name the user's data.
 */
final class ScratchSpecs {

    private ScratchSpecs() {
    }

    /** The scratch copy of {@code spec}. @throws CliException for a type that cannot be copied safely */
    static DatastoreSpec rewrite(DatastoreSpec spec, long maxImageSize) {
        return switch (spec) {
            case MountSpec m -> new MountSpec(m.mounts().stream()
                    .map(e -> new MountSpec.Entry(e.mountpoint(), rewrite(e.spec(), maxImageSize))).toList());
            case MeasureSpec m -> new MeasureSpec(m.prefix(), rewrite(m.child(), maxImageSize));
            case LogSpec l -> new LogSpec(l.name(), rewrite(l.child(), maxImageSize));
            case MemSpec m -> m;
            case FlatfsSpec f -> f.blobfs().isPresent()
                    ? new FlatfsSpec(f.path(), f.shardFunc(), f.sync(), f.blobfs().map(p -> placement(p, maxImageSize)))
                    : new FlatfsSpec(inside(f.path()), f.shardFunc(), f.sync());
            case LeveldbSpec l -> l.blobfs().isPresent()
                    ? new LeveldbSpec(l.path(), l.compression(), l.blobfs().map(p -> placement(p, maxImageSize)))
                    : new LeveldbSpec(inside(l.path()), l.compression());
            default -> throw new CliException("spec type \"" + spec.type() + "\" is not one conformance can copy into a scratch repo"
                    + " (it knows mount, measure, log, mem, flatfs and levelds), so it could touch your data: not running");
        };
    }

    private static BlobFsPlacement placement(BlobFsPlacement placement, long maxImageSize) {
        return switch (placement) {
            case BlobFsPlacement.Image p when p.backend() == BlobFsPlacement.Backend.MEMORY -> p;
            case BlobFsPlacement.Image p -> {
                long size = Math.min(p.size(), scratchSize(p.clusterSize(), maxImageSize));
                yield new BlobFsPlacement.Image(inside(p.image()), size, p.clusterSize(), mdPages(p.mdPages(), size, p.clusterSize()),
                        p.backend());
            }
            case BlobFsPlacement.Bdev b -> {
                long size = scratchSize(b.clusterSize(), maxImageSize);
                yield new BlobFsPlacement.Image("scratch-bdevs/" + b.bdev().replaceAll("[^A-Za-z0-9._-]", "_") + ".img", size,
                        b.clusterSize(), mdPages(b.mdPages(), size, b.clusterSize()), BlobFsPlacement.Backend.SPDK);
            }
        };
    }

    private static long scratchSize(long clusterSize, long maxImageSize) {
        return Math.max(maxImageSize / clusterSize, 2) * clusterSize;
    }

    private static long mdPages(long mdPages, long size, long clusterSize) {
        return mdPages == -1 ? -1 : Math.min(mdPages, size / clusterSize);
    }

    /** Whether a datastore of {@code spec} is on SPDK (an image with the {@code "spdk"} backend, or a bdev). */
    static boolean usesSpdk(DatastoreSpec spec) {
        return switch (spec) {
            case MountSpec m -> m.mounts().stream().anyMatch(e -> usesSpdk(e.spec()));
            case MeasureSpec m -> usesSpdk(m.child());
            case LogSpec l -> usesSpdk(l.child());
            case FlatfsSpec f -> f.blobfs().map(p -> p.backend() == BlobFsPlacement.Backend.SPDK).orElse(false);
            case LeveldbSpec l -> l.blobfs().map(p -> p.backend() == BlobFsPlacement.Backend.SPDK).orElse(false);
            default -> false;
        };
    }

    /** {@code path} if it stays inside the repo it is resolved against, else {@code outside/<its parts>}. */
    static String inside(String path) {
        Path p = Path.of(path).normalize();
        if (!p.isAbsolute() && !p.startsWith("..") && !p.toString().isEmpty()) {
            return p.toString();
        }
        List<String> parts = new ArrayList<>();
        parts.add("outside");
        for (Path part : p) {
            if (part.toString().isEmpty()) {
                continue;
            }
            parts.add(part.toString().equals("..") ? "up" : part.toString());
        }
        return String.join("/", parts);
    }

    /** One datastore of a tree to run the suite on. */
    record Target(String name, DatastoreSpec spec, List<Key> flatfsMounts) {
    }

    /**
     * The datastores of {@code tree}: every leaf as it sits in the tree (with its {@code measure} and
     * {@code log} wrappers) — a flatfs mounted at {@code /capital} beside a map at {@code /}, as
     * go-ds-flatfs's TestSuite runs it, since flatfs takes only its own keys — and then the whole tree,
     * unless it is a single leaf.
     */
    static List<Target> targets(DatastoreSpec tree) {
        List<Target> targets = new ArrayList<>();
        List<Key> flatfsMounts = new ArrayList<>();
        collect(tree, Key.ROOT, UnaryOperator.identity(), "", targets, flatfsMounts);
        if (tree instanceof MountSpec) {
            targets.add(new Target("whole tree", tree, List.copyOf(flatfsMounts)));
        }
        return targets;
    }

    private static void collect(DatastoreSpec spec, Key at, UnaryOperator<DatastoreSpec> wrap, String wrappers,
                                List<Target> targets, List<Key> flatfsMounts) {
        String where = " at " + at;
        switch (spec) {
            case MountSpec m -> m.mounts().forEach(e -> collect(e.spec(), at.child(e.mountpoint()), UnaryOperator.identity(), "",
                    targets, flatfsMounts));
            case MeasureSpec m -> collect(m.child(), at, c -> wrap.apply(new MeasureSpec(m.prefix(), c)), wrappers + "measure/",
                    targets, flatfsMounts);
            case LogSpec l -> collect(l.child(), at, c -> wrap.apply(new LogSpec(l.name(), c)), wrappers + "log/", targets, flatfsMounts);
            case FlatfsSpec f -> {
                flatfsMounts.add(at);
                Key capital = Key.of("/capital");
                targets.add(new Target(wrappers + "flatfs" + where + placed(f.blobfs()), MountSpec.of(
                        new MountSpec.Entry(capital, wrap.apply(f)), new MountSpec.Entry(Key.ROOT, new MemSpec())), List.of(capital)));
            }
            case LeveldbSpec l -> targets.add(new Target(wrappers + "levelds" + where + placed(l.blobfs()), wrap.apply(l), List.of()));
            default -> targets.add(new Target(wrappers + spec.type() + where, wrap.apply(spec), List.of()));
        }
    }

    private static String placed(Optional<BlobFsPlacement> p) {
        return p.map(x -> " (BlobFS " + switch (x) {
            case BlobFsPlacement.Image i -> i.image();
            case BlobFsPlacement.Bdev b -> "bdev " + b.bdev();
        } + ", " + x.backend().specName() + ")").orElse("");
    }
}
