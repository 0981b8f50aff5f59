package io.github.blobds.cli;

import io.github.blobds.datastore.Batching;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code blobds put KEY [VALUE | --file F]}: stores a value (the argument's UTF-8 bytes, a file's bytes, or standard input). */
@Command(name = "put", description = "Store a value under a key: VALUE (UTF-8), --file F, or standard input.")
final class PutCommand extends RepoCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key, e.g. /local/hello (cleaned as go-datastore's NewKey).")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value as text; omit to read --file or standard input.")
    String value;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the value from this file.")
    Path file;

    @Override
    int call(Batching ds) throws IOException {
        if (value != null && file != null) {
            throw new CliException("give the value either as an argument or with --file " + file + ", not both");
        }
        byte[] bytes;
        if (value != null) {
            bytes = value.getBytes(StandardCharsets.UTF_8);
        } else if (file != null) {
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CliException("cannot read value file " + file + ": " + e, e);
            }
        } else {
            bytes = console().in().readAllBytes();
        }
        ds.put(key(key), bytes);
        return ExitCodes.OK;
    }
}
