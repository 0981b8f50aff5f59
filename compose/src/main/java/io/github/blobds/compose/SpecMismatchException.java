package io.github.blobds.compose;

import io.github.blobds.datastore.DatastoreException;
import java.nio.file.Path;
import java.util.List;

/**
 * A repo's {@code datastore_spec} differs from the disk spec of the spec it is opened with: the data on
 * disk was written by another layout (kubo refuses to start in this case too). The message names the
 * file, gives both values and lists what differs, one JSON path per difference.
 */
public final class SpecMismatchException extends DatastoreException {

    private final Path specFile;
    private final String onDisk;
    private final String fromSpec;
    private final List<String> differences;

    SpecMismatchException(Path specFile, String onDisk, String fromSpec, List<String> differences) {
        super(specFile + " does not match the datastore spec: the repo holds '" + onDisk + "' but the spec describes '"
                + fromSpec + "'" + (differences.isEmpty() ? "" : "; differences: " + String.join("; ", differences)));
        this.specFile = specFile;
        this.onDisk = onDisk;
        this.fromSpec = fromSpec;
        this.differences = List.copyOf(differences);
    }

    /** The repo's {@code datastore_spec} file. */
    public Path specFile() {
        return specFile;
    }

    /** The file's content, trimmed. */
    public String onDisk() {
        return onDisk;
    }

    /** The disk spec of the spec being opened. */
    public String fromSpec() {
        return fromSpec;
    }

    /**
     * What differs, one entry per JSON path ({@code $.mounts[0].shardFunc: "/repo/flatfs/shard/v1/next-to-last/2"
     * on disk, "/repo/flatfs/shard/v1/prefix/2" in the spec}); empty when the file is not JSON.
     */
    public List<String> differences() {
        return differences;
    }
}
