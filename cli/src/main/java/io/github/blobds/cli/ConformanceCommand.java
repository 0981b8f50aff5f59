package io.github.blobds.cli;

import io.github.blobds.compose.Composer;
import io.github.blobds.compose.Composition;
import io.github.blobds.compose.DatastoreSpec;
import io.github.blobds.conformance.ModelCheck;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blobds conformance [REPO]}: go-datastore's suite ({@code DatastoreSuite}: the basic subtests,
 * the 1151 query combinations, the batch tests, the model check, bad input and lifecycle) on every
 * datastore of a repo's tree and on the whole tree, each in fresh scratch repos built from the repo's
 * spec (see {@link ScratchSpecs}): the repo's own data is never opened. Without REPO, a repo of the
 * default profile is initialised in the scratch directory first. Prints progress on standard error and a
 * summary per datastore on standard output; exits 1 when any test fails.
 */
@Command(name = "conformance", sortOptions = false,
        description = {"Run go-datastore's conformance suite on every datastore of a repo's tree and on the whole tree,",
                "in scratch repos built from the repo's spec (never the repo's data). Without REPO: a fresh repo of --profile."})
final class ConformanceCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "REPO", description = "The repo whose spec to test (default: a fresh repo of --profile).")
    Path repo;

    @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", defaultValue = "blobfs-sim", completionCandidates = Profile.Names.class,
            description = "Without REPO: the profile of the fresh repo (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--elem-count", paramLabel = "N", defaultValue = "20",
            description = "go's ElemCount, keys per namespace in the query subtests; at least 20 (default: ${DEFAULT-VALUE}; go uses 100).")
    int elemCount;

    @Option(names = "--model-examples", paramLabel = "N", defaultValue = "10",
            description = "Random operation sequences of the model check, each on a fresh scratch repo (default: ${DEFAULT-VALUE}).")
    int modelExamples;

    @Option(names = "--full", description = "go's ElemCount 100 and 100 model-check sequences (as the build's suites; several minutes).")
    boolean full;

    @Option(names = "--seed", paramLabel = "SEED", description = "The seed of the random data and model checks (default: random; printed on failure).")
    Long seed;

    @Option(names = "--image-size", paramLabel = "SIZE", defaultValue = "256MiB",
            description = "The largest size scratch BlobFS images are formatted with (default: ${DEFAULT-VALUE}; cluster sizes are kept).")
    String imageSize;

    @Option(names = "--scratch", paramLabel = "DIR",
            description = "Where to build the scratch repos: a new or empty directory (default: a new directory in /dev/shm if it exists, else in"
                    + " the temporary directory; the temporary directory when the spec uses SPDK, whose aio bdev needs more than tmpfs offers).")
    Path scratch;

    @Option(names = "--keep", description = "Keep the scratch repos after the run (default: delete them).")
    boolean keep;

    @Override
    public Integer call() throws IOException {
        int elems = full ? 100 : elemCount;
        int examples = full ? 100 : modelExamples;
        if (elems < 20 || examples < 1) {
            throw new CliException("--elem-count must be at least 20 (go's TestElemCount) and --model-examples at least 1, were "
                    + elems + " and " + examples);
        }
        long maxImage = Sizes.parse(imageSize, "--image-size");
        Path dir = scratchDirectory(usesSpdk());
        PrintStream err = console().err();
        String previousSeed = System.getProperty("blobds.seed");
        try {
            if (seed != null) {
                System.setProperty("blobds.seed", Long.toString(seed));
            }
            Composer composer = Composer.create();
            DatastoreSpec spec = spec(composer, dir);
            List<ScratchSpecs.Target> targets = ScratchSpecs.targets(ScratchSpecs.rewrite(spec, maxImage));
            note("conformance: " + targets.size() + " datastores, ElemCount " + elems + ", " + examples + " model-check sequences;"
                    + " scratch repos in " + dir);
            List<SuiteSummary> summaries = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                ScratchSpecs.Target t = targets.get(i);
                note("[" + (i + 1) + "/" + targets.size() + "] " + t.name());
                Path targetDir = dir.resolve("scratch-" + (i + 1));
                SuiteTarget suiteTarget = new SuiteTarget(factory(composer.of(t.spec()), targetDir), keys(t.flatfsMounts()), elems, examples);
                SuiteSummary s = SuiteRunner.run(t.name(), suiteTarget, err);
                summaries.add(s);
                note("  " + s.line(0));
                if (!keep) {
                    FileTrees.delete(targetDir);
                }
            }
            return summary(summaries);
        } finally {
            if (seed != null) {
                if (previousSeed == null) {
                    System.clearProperty("blobds.seed");
                } else {
                    System.setProperty("blobds.seed", previousSeed);
                }
            }
            if (!keep) {
                cleanUp(dir);
            } else {
                note("scratch repos kept in " + dir);
            }
        }
    }

    /** Whether the spec under test puts a datastore on SPDK. */
    private boolean usesSpdk() {
        if (repo != null) {
            return ScratchSpecs.usesSpdk(Repo.composition(repo, Composer.create()).spec());
        }
        return Profile.of(profile) == Profile.BLOBFS_SPDK;
    }

    private Path scratchDirectory(boolean spdk) throws IOException {
        if (scratch == null) {
            // SPDK's aio bdev writes zeroes with FALLOC_FL_ZERO_RANGE, which tmpfs (/dev/shm) does not have.
            Path temp = spdk ? Path.of(System.getProperty("java.io.tmpdir")) : console().temp();
            Files.createDirectories(temp);
            return Files.createTempDirectory(temp, "blobds-conformance-");
        }
        if (!FileTrees.isAbsentOrEmpty(scratch)) {
            throw new CliException("scratch directory " + scratch + " is not empty: conformance builds its repos only in a new or empty directory");
        }
        Files.createDirectories(scratch);
        return scratch;
    }

    private void cleanUp(Path dir) throws IOException {
        if (scratch == null) {
            FileTrees.delete(dir);
        } else {
            try (var children = Files.list(dir)) {
                for (Path p : children.toList()) {
                    FileTrees.delete(p);
                }
            }
        }
    }

    /** The spec under test: the repo's (its spec file only is read), or a fresh repo's of {@code --profile}. */
    private DatastoreSpec spec(Composer composer, Path dir) {
        if (repo != null) {
            Composition c = Repo.composition(repo, composer);
            note("testing the spec of repo " + repo + " (" + Repo.specFile(repo).getFileName() + "): " + c.diskSpec());
            return c.spec();
        }
        Profile p = Profile.of(profile);
        Path fresh = dir.resolve("repo");
        String json = p.spec(Profile.DEFAULT_IMAGE_SIZE);
        InitCommand.init(fresh, json, composer.parse(json));
        note("initialised a fresh " + p.cliName() + " repo in " + fresh);
        return Repo.composition(fresh, composer).spec();
    }

    /** Each datastore in a new repo directory below {@code dir}. */
    private static java.util.function.Supplier<Datastore> factory(Composition composition, Path dir) {
        AtomicInteger repos = new AtomicInteger();
        return () -> composition.create(dir.resolve("repo-" + repos.incrementAndGet()));
    }

    /** The model check's keys: the kit's, and as often, flatfs keys below each flatfs mount. */
    static Gen<Key> keys(List<Key> flatfsMounts) {
        Gen<Key> mapKeys = SourceDSL.lists().of(Generate.pick(ModelCheck.SEGMENTS)).ofSizeBetween(1, 3).map(Key::ofNamespaces);
        if (flatfsMounts.isEmpty()) {
            return mapKeys;
        }
        List<Key> flatfsKeys = new ArrayList<>();
        for (Key mount : flatfsMounts) {
            for (String k : List.of("A", "B", "AB", "CIQA", "0", "A-B", "=", "Z_9")) {
                flatfsKeys.add(mount.child(Key.of(k)));
            }
        }
        return mapKeys.mix(Generate.pick(flatfsKeys), 50);
    }

    private int summary(List<SuiteSummary> summaries) {
        PrintStream out = console().out();
        int width = summaries.stream().mapToInt(s -> s.name().length()).max().orElse(10);
        int failed = 0;
        out.println("conformance summary (go-datastore suite):");
        for (SuiteSummary s : summaries) {
            out.println("  " + s.line(width));
            s.failures().stream().limit(20).forEach(f -> out.println("      " + f));
            if (s.failures().size() > 20) {
                out.println("      … and " + (s.failures().size() - 20) + " more failures");
            }
            failed += s.failed();
        }
        long failing = summaries.stream().filter(s -> s.failed() > 0).count();
        out.println(failed == 0 ? "all " + summaries.size() + " datastores passed: 0 failures"
                : failed + " failures in " + failing + " of " + summaries.size() + " datastores");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.NO;
    }
}
