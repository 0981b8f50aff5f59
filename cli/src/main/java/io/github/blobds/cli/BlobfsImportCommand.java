package io.github.blobds.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code blobds blobfs import IMAGE SOURCE…}: copies local files and directory trees into BlobFS. A file
 * becomes {@code PREFIX + its name}; a directory's files become {@code PREFIX + dir/relative/path}.
 * Each file is forced before the next, so what was imported survives a crash. With {@code --size}, a
 * missing image is created first.
 */
@Command(name = "import", description = {"Copy local files or directory trees into a BlobFS image (names: --to PREFIX + name",
        "relative to the source's parent). --size creates the image if it does not exist."})
final class BlobfsImportCommand extends BaseCommand {

    @Mixin
    ImageOption image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SOURCE", description = "Files or directories to import.")
    List<Path> sources;

    @Option(names = "--to", paramLabel = "PREFIX", description = "Prefix of the imported names, e.g. backup/ (default: none).")
    String to = "";

    @Option(names = "--size", paramLabel = "SIZE", description = "Create the image with this size (e.g. 1GiB) if it does not exist.")
    String size;

    @Option(names = "--cluster-size", paramLabel = "SIZE", defaultValue = "256KiB",
            description = "The cluster size of a created image (default: ${DEFAULT-VALUE}; every file takes at least one).")
    String clusterSize;

    @Option(names = "--force", description = "Replace files that already exist in the image.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        for (Path s : sources) {
            if (!Files.exists(s)) {
                throw new CliException("import source " + s + " does not exist");
            }
        }
        int files = 0;
        long bytes = 0;
        try (BlobFsImageFile f = size != null && !Files.exists(image.image)
                ? BlobFsImageFile.create(image.image, Sizes.parse(size, "--size"), Sizes.parse(clusterSize, "--cluster-size"))
                : BlobFsImageFile.openForWriting(image)) {
            for (Path source : sources) {
                Path base = source.toAbsolutePath().normalize().getParent();
                List<Path> regular;
                try (Stream<Path> walk = Files.walk(source)) {
                    regular = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : regular) {
                    String name = to + base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
                    bytes += copy(f, file, name);
                    files++;
                    if (files % 100 == 0) {
                        note("imported " + files + " files, " + Sizes.human(bytes));
                    }
                }
            }
        }
        note("imported " + files + " files, " + bytes + " bytes, into " + image.image);
        return ExitCodes.OK;
    }

    private long copy(BlobFsImageFile f, Path file, String name) {
        if (f.fs().engine().exists(name) && !force) {
            throw new CliException("BlobFS file " + name + " exists in " + image.image + " (use --force to replace it)");
        }
        Path target = f.path(name);
        try {
            if (f.fs().engine().exists(name)) {
                Files.delete(target);
            }
            long n;
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                try (OutputStream os = java.nio.channels.Channels.newOutputStream(out)) {
                    n = Files.copy(file, os);
                    out.force(true);
                }
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw new CliException("cannot import " + file + " as " + name + ": " + ErrorHandler.message(e), e);
        }
    }
}
