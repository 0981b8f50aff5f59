package io.github.blobds.cli;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.PersistentDatastore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blobds du}: the tree's disk usage (go-datastore's {@code DiskUsage}: the sum of its persistent datastores). */
@Command(name = "du", description = "Print the disk usage of the repo's datastores, in bytes (go-datastore's DiskUsage).")
final class DuCommand extends RepoCommand {

    @Option(names = {"-H", "--human-readable"}, description = "Also print the size with a binary unit (KiB, MiB, …).")
    boolean human;

    @Override
    int call(Batching ds) {
        long bytes = PersistentDatastore.diskUsageOf(ds);
        console().out().println(human ? bytes + "\t" + Sizes.human(bytes) : Long.toString(bytes));
        return ExitCodes.OK;
    }
}
