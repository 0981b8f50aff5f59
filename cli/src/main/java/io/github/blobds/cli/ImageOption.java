package io.github.blobds.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The image argument of the Blobstore and BlobFS tools, with its block size. */
final class ImageOption {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file (a .gz file is read decompressed, in memory).")
    Path image;

    @Option(names = "--block-size", paramLabel = "BYTES", defaultValue = "0",
            description = "The device's block size, 512 or 4096 (default: the super block's io_unit size).")
    int blockSize;

    void checkBlockSize() {
        if (blockSize != 0 && blockSize != 512 && blockSize != 4096) {
            throw new CliException("--block-size must be 512 or 4096, was " + blockSize);
        }
    }
}
