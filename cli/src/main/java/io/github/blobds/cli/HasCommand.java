package io.github.blobds.cli;

import io.github.blobds.datastore.Batching;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code blobds has KEY}: prints {@code true} and exits 0 when the key is present, {@code false} and exits 1 when not. */
@Command(name = "has", description = "Print true (exit 0) if the key is present, false (exit 1) if not.")
final class HasCommand extends RepoCommand {

    @Parameters(paramLabel = "KEY", description = "The key.")
    String key;

    @Override
    int call(Batching ds) {
        boolean has = ds.has(key(key));
        console().out().println(has);
        return has ? ExitCodes.OK : ExitCodes.NO;
    }
}
