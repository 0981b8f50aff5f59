package io.github.blobds.compose;

import java.util.Map;
import java.util.Optional;

/** A third-party spec type of the tests: {@code {"type": "recording", "name": "a", "fail": false, "failClose": false, "blobfs": {...}}}. */
record RecordingSpec(String name, boolean fail, boolean failClose, Optional<BlobFsPlacement> blobfs) implements DatastoreSpec {

    @Override
    public String type() {
        return RecordingSpecType.NAME;
    }

    @Override
    public DiskSpec diskSpec() {
        return DiskSpec.of(Map.of("type", type(), "name", name));
    }
}
