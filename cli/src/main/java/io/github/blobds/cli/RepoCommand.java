package io.github.blobds.cli;

import io.github.blobds.compose.Composer;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;

/** A subcommand on a repo's datastore tree, opened (and its {@code datastore_spec} checked) for the one call. */
abstract class RepoCommand extends BaseCommand {

    @Mixin
    RepoOption repoOption;

    final Path repo() {
        return repoOption.resolve(console());
    }

    @Override
    public final Integer call() throws Exception {
        try (Batching ds = Repo.open(repo(), composer())) {
            return call(ds);
        }
    }

    /** The composer the repo is opened with. */
    Composer composer() {
        return Composer.create();
    }

    abstract int call(Batching ds) throws Exception;

    static Key key(String key) {
        return Key.of(key);
    }
}
