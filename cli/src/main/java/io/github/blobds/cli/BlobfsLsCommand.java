package io.github.blobds.cli;

import io.github.blobds.blobfs.BlobFs;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code blobds blobfs ls IMAGE}: the files, {@code size<TAB>name}, in BlobFS's order; the image is only read. */
@Command(name = "ls", description = "List the files of a BlobFS image: SIZE<TAB>NAME (with -l: and the blob id).")
final class BlobfsLsCommand extends BaseCommand {

    @Mixin
    ImageOption image;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only names starting with this.")
    String prefix = "";

    @Option(names = "-l", description = "Also print each file's blob id.")
    boolean longFormat;

    @Override
    public Integer call() throws IOException {
        PrintStream out = console().out();
        try (BlobFsImageFile f = BlobFsImageFile.openReadOnly(image)) {
            BlobFs engine = f.fs().engine();
            long total = 0;
            int files = 0;
            for (String name : engine.list()) {
                if (name.startsWith(prefix)) {
                    long size = engine.size(name);
                    total += size;
                    files++;
                    out.println(size + "\t" + (longFormat ? engine.blobId(name) + "\t" : "") + name);
                }
            }
            console().err().println(files + " files, " + total + " bytes (" + Sizes.human(total) + ")");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
