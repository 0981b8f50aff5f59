package io.github.blobds.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Events of {@link RecordingSpecType} datastores, in order: "open a", "close a (blobfs open)". */
final class Recorder {

    private final List<String> events = new ArrayList<>();
    private final Map<String, Path> directories = new HashMap<>();

    synchronized void add(String event) {
        events.add(event);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized void directory(String name, Path dir) {
        directories.put(name, dir);
    }

    /** The directory the datastore {@code name} was given. */
    synchronized Path directory(String name) {
        return directories.get(name);
    }
}
