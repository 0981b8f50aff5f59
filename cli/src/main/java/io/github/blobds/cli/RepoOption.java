package io.github.blobds.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --repo} option: the repo directory, else {@code $BLOBDS_REPO}, else {@code ~/.blobds}. */
final class RepoOption {

    @Option(names = {"-r", "--repo"}, paramLabel = "REPO",
            description = "The repo directory (default: $BLOBDS_REPO, else ~/.blobds).")
    Path repo;

    Path resolve(Console console) {
        if (repo != null) {
            return repo;
        }
        return console.env(Repo.ENV).map(Path::of).orElse(console.home().resolve(Repo.DEFAULT_DIR));
    }
}
