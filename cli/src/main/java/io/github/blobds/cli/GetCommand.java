package io.github.blobds.cli;

import io.github.blobds.datastore.Batching;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blobds get KEY [--output F]}: the value's raw bytes on standard output, or in a file. */
@Command(name = "get", description = "Write a key's value, raw bytes, to standard output or --output F.")
final class GetCommand extends RepoCommand {

    @Parameters(paramLabel = "KEY", description = "The key.")
    String key;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the value to this file instead.")
    Path output;

    @Override
    int call(Batching ds) throws IOException {
        byte[] value = ds.get(key(key));
        if (output != null) {
            try {
                Files.write(output, value);
            } catch (IOException e) {
                throw new CliException("cannot write output file " + output + ": " + e, e);
            }
        } else {
            console().out().write(value);
            console().out().flush();
        }
        return ExitCodes.OK;
    }
}
