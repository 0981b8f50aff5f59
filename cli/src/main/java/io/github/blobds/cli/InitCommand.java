package io.github.blobds.cli;

import io.github.blobds.compose.Composer;
import io.github.blobds.compose.Composition;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.DatastoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blobds init}: writes the profile's spec to {@code REPO/blobds.json}, then opens the repo once,
 * which writes kubo's {@code datastore_spec} and creates the tree (directories, or the BlobFS image). A
 * repo that already has a spec file or a {@code datastore_spec} is refused; if creating fails, what init
 * wrote is removed.
 */
@Command(name = "init", description = "Create a repo: its spec (blobds.json), kubo's datastore_spec and the empty datastores.")
final class InitCommand extends BaseCommand {

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", defaultValue = "blobfs-sim", completionCandidates = Profile.Names.class,
            description = "The layout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = Profile.DEFAULT_IMAGE_SIZE,
            description = "The BlobFS image size of the blobfs profiles, e.g. 8GiB or 500MB (default: ${DEFAULT-VALUE}; the file is sparse).")
    String size;

    @Option(names = "--bdev", paramLabel = "BDEV",
            description = "With --profile blobfs-spdk: the BlobFS on this SPDK bdev (e.g. Nvme0n1) instead of an image file. A blank bdev"
                    + " (first 4 KiB zeroes) is formatted; one holding other data is refused, never formatted over.")
    String bdev;

    @Option(names = "--bdev-config", paramLabel = "FILE",
            description = "With --bdev: SPDK's JSON config that makes the bdev (e.g. bdev_nvme_attach_controller), copied into the repo as "
                    + Profile.BDEV_CONFIG + ". For NVMe run with BLOBDS_JAVA_OPTS=\"-Dblobds.spdk.pci=true -Dblobds.spdk.hugePages=true\".")
    Path bdevConfig;

    @Parameters(arity = "0..1", paramLabel = "REPO", description = "The repo directory (default: --repo, $BLOBDS_REPO, else ~/.blobds).")
    Path target;

    @Mixin
    RepoOption repoOption;

    @Override
    public Integer call() {
        Profile p = Profile.of(profile);
        Path repo = target != null ? target : repoOption.resolve(console());
        if (bdevConfig != null && bdev == null) {
            throw new CliException("--bdev-config " + bdevConfig + " needs --bdev, the bdev it makes");
        }
        String config = null;
        if (bdevConfig != null) {
            try {
                config = Files.readString(bdevConfig, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read --bdev-config " + bdevConfig + ": " + e, e);
            }
        }
        String spec = bdev != null ? p.bdevSpec(bdev, config != null) : p.spec(size);
        Composition composition = Composer.create().parse(spec);
        init(repo, spec, config, composition);
        console().out().println("initialised a " + p.cliName() + " repo in " + repo);
        console().out().println("  spec:           " + repo.resolve(Repo.SPEC_FILE));
        console().out().println("  datastore_spec: " + composition.diskSpec());
        return ExitCodes.OK;
    }

    /** Creates the repo {@code repo} with {@code specJson}; used by {@code conformance} for its default repo too. */
    static void init(Path repo, String specJson, Composition composition) {
        init(repo, specJson, null, composition);
    }

    /** Creates the repo {@code repo} with {@code specJson} and, unless null, the bdev config {@code bdevConfig}. */
    static void init(Path repo, String specJson, String bdevConfig, Composition composition) {
        if (Repo.isInitialised(repo)) {
            throw new CliException("repo " + repo + " is already initialised (it has " + existing(repo) + ")");
        }
        boolean created = !Files.exists(repo);
        Path specFile = repo.resolve(Repo.SPEC_FILE);
        try {
            Files.createDirectories(repo);
            Files.writeString(specFile, specJson, StandardCharsets.UTF_8);
            if (bdevConfig != null) {
                Files.writeString(repo.resolve(Profile.BDEV_CONFIG), bdevConfig, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new CliException("cannot create repo " + repo + ": " + e, e);
        }
        try (Batching ds = composition.open(repo)) {
            ds.sync(io.github.blobds.datastore.Key.ROOT);
        } catch (DatastoreException e) {
            undo(repo, created, specFile, bdevConfig != null);
            throw new CliException("cannot create repo " + repo + ": " + e.getMessage(), e);
        }
    }

    private static String existing(Path repo) {
        for (String name : new String[] {Repo.SPEC_FILE, Repo.KUBO_CONFIG, Composition.SPEC_FILE}) {
            if (Files.exists(repo.resolve(name))) {
                return name;
            }
        }
        return "a spec";
    }

    private static void undo(Path repo, boolean created, Path specFile, boolean bdevConfig) {
        try {
            if (created) {
                FileTrees.delete(repo);
            } else {
                Files.deleteIfExists(specFile);
                Files.deleteIfExists(repo.resolve(Composition.SPEC_FILE));
                if (bdevConfig) {
                    Files.deleteIfExists(repo.resolve(Profile.BDEV_CONFIG));
                }
            }
        } catch (IOException ignored) {
            // best effort: the error being reported matters more
        }
    }
}
