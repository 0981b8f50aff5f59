package io.github.blobds.cli;

import io.github.blobds.compose.Composer;
import io.github.blobds.compose.Composition;
import io.github.blobds.datastore.Batching;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A blobds repo: a directory holding its datastore spec and kubo's {@code datastore_spec}, plus the data
 * (directories, or a BlobFS image). The spec is read from {@code blobds.json} (written by
 * {@code blobds init}; a kubo {@code Datastore.Spec}, JSON) or, failing that, from kubo's {@code config}
 * file ({@code Datastore.Spec}), so that a kubo repo such as {@code ~/.ipfs} opens as it is.
 */
final class Repo {

    /** The spec file {@code blobds init} writes: the datastore spec alone, as JSON. */
    static final String SPEC_FILE = "blobds.json";

    /** kubo's config file, whose {@code Datastore.Spec} is read when there is no {@link #SPEC_FILE}. */
    static final String KUBO_CONFIG = "config";

    /** The default repo, in the home directory (as kubo's {@code ~/.ipfs}). */
    static final String DEFAULT_DIR = ".blobds";

    /** The environment variable naming the repo (as kubo's {@code IPFS_PATH}). */
    static final String ENV = "BLOBDS_REPO";

    private Repo() {
    }

    /** The spec file of {@code repo}: {@code blobds.json}, else kubo's {@code config}. @throws CliException when it has neither */
    static Path specFile(Path repo) {
        if (Files.isRegularFile(repo.resolve(SPEC_FILE))) {
            return repo.resolve(SPEC_FILE);
        }
        if (Files.isRegularFile(repo.resolve(KUBO_CONFIG))) {
            return repo.resolve(KUBO_CONFIG);
        }
        if (!Files.isDirectory(repo)) {
            throw new CliException("repo " + repo + " does not exist: create it with blobds init " + repo);
        }
        throw new CliException("repo " + repo + " is not initialised: it has no " + SPEC_FILE + " and no kubo " + KUBO_CONFIG
                + " (create it with blobds init " + repo + ")");
    }

    /** Whether {@code repo} holds a spec file or a {@code datastore_spec}. */
    static boolean isInitialised(Path repo) {
        return Files.exists(repo.resolve(SPEC_FILE)) || Files.exists(repo.resolve(KUBO_CONFIG))
                || Files.exists(repo.resolve(Composition.SPEC_FILE));
    }

    /** The composition of {@code repo}'s spec. */
    static Composition composition(Path repo, Composer composer) {
        Path file = specFile(repo);
        return file.getFileName().toString().equals(KUBO_CONFIG) ? composer.parseKuboConfig(file) : composer.parse(file);
    }

    /** Opens {@code repo}'s datastore tree, checking its {@code datastore_spec} as kubo does. */
    static Batching open(Path repo, Composer composer) {
        return composition(repo, composer).open(repo);
    }
}
