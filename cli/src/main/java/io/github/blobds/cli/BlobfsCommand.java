package io.github.blobds.cli;

import picocli.CommandLine.Command;

/** {@code blobds blobfs}: BlobFS images (SPDK BlobFS's format) as files: list, read, import, export. */
@Command(name = "blobfs", description = "List, read, import and export the files of a BlobFS image.",
        subcommands = {BlobfsLsCommand.class, BlobfsCatCommand.class, BlobfsImportCommand.class, BlobfsExportCommand.class})
final class BlobfsCommand extends BaseCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(console().err());
        return ExitCodes.ERROR;
    }
}
