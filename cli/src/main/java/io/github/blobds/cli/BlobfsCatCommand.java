package io.github.blobds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code blobds blobfs cat IMAGE NAME}: a file's bytes on standard output; the image is only read. */
@Command(name = "cat", description = "Write a BlobFS file's bytes to standard output.")
final class BlobfsCatCommand extends BaseCommand {

    @Mixin
    ImageOption image;

    @Parameters(index = "1", paramLabel = "NAME", description = "The file's BlobFS name, e.g. CURRENT or blocks/AB/CIQ….data.")
    String name;

    @Override
    public Integer call() throws IOException {
        try (BlobFsImageFile f = BlobFsImageFile.openReadOnly(image)) {
            if (!f.fs().engine().exists(name)) {
                throw new CliException("no file " + name + " in BlobFS image " + image.image);
            }
            try (InputStream in = Files.newInputStream(f.path(name))) {
                in.transferTo(console().out());
            } catch (NoSuchFileException e) {
                throw new CliException("no file " + name + " in BlobFS image " + image.image, e);
            }
        }
        console().out().flush();
        return ExitCodes.OK;
    }
}
