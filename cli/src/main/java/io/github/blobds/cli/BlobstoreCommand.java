package io.github.blobds.cli;

import picocli.CommandLine.Command;

/** {@code blobds blobstore}: tools for Blobstore images (SPDK's on-disk format, written by SPDK or the simulator). */
@Command(name = "blobstore", description = "Inspect and check Blobstore images (SPDK's format).",
        subcommands = {BlobstoreInspectCommand.class, BlobstoreFsckCommand.class})
final class BlobstoreCommand extends BaseCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(console().err());
        return ExitCodes.ERROR;
    }
}
