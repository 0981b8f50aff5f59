package io.github.blobds.cli;

import io.github.blobds.blobfs.BlobFs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blobds blobfs export IMAGE DIR}: copies files out of BlobFS into {@code DIR}, each name's
 * {@code /}-separated parts becoming directories. Names that would leave {@code DIR} are refused.
 */
@Command(name = "export", description = "Copy the files of a BlobFS image (or those under --prefix) into a directory.")
final class BlobfsExportCommand extends BaseCommand {

    @Mixin
    ImageOption image;

    @Parameters(index = "1", paramLabel = "DIR", description = "The directory to write into (created if needed).")
    Path target;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only names starting with this.")
    String prefix = "";

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        Path root = target.toAbsolutePath().normalize();
        int files = 0;
        long bytes = 0;
        try (BlobFsImageFile f = BlobFsImageFile.openReadOnly(image)) {
            BlobFs engine = f.fs().engine();
            for (String name : engine.list()) {
                if (!name.startsWith(prefix)) {
                    continue;
                }
                Path out = root.resolve(name).normalize();
                if (!out.startsWith(root) || out.equals(root)) {
                    throw new CliException("BlobFS file name " + name + " would be written outside " + target + ": not exporting it");
                }
                if (Files.exists(out) && !force) {
                    throw new CliException("export target " + out + " exists (use --force to overwrite)");
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = Files.newInputStream(f.path(name))) {
                    bytes += Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new CliException("cannot export " + name + " to " + out + ": " + e, e);
                }
                files++;
                if (files % 100 == 0) {
                    note("exported " + files + " files");
                }
            }
        }
        note("exported " + files + " files, " + bytes + " bytes, to " + target);
        return ExitCodes.OK;
    }
}
