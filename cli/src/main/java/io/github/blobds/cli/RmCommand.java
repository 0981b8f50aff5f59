package io.github.blobds.cli;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code blobds rm KEY…}: deletes keys, in one batch; a missing key is no error (go-datastore's {@code Delete}). */
@Command(name = "rm", description = "Delete keys (a missing key is not an error, as in go-datastore).")
final class RmCommand extends RepoCommand {

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The keys.")
    List<String> keys;

    @Override
    int call(Batching ds) {
        List<Key> parsed = keys.stream().map(RepoCommand::key).toList();
        var batch = ds.batch();
        parsed.forEach(batch::delete);
        batch.commit();
        return ExitCodes.OK;
    }
}
