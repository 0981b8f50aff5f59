package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Validation reports every problem of a spec at once, each with its JSON path, and suggests what was meant. */
class SpecErrorsTest {

    @Test
    @DisplayName("Seven mistakes across a kubo spec are reported together, sorted by path, with suggestions")
    void allAtOnce() {
        SpecException e = assertThrows(SpecException.class, () -> Specs.COMPOSER.parse("""
                {
                  "type": "mount",
                  "mount": "/",
                  "mounts": [
                    {"mountpoint": "/blocks", "type": "flatfs", "path": "blocks",
                     "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2", "snyc": true},
                    {"mountpoint": "/", "type": "measure", "prefix": "leveldb.datastore",
                     "child": {"type": "leveldb", "path": "datastore"}},
                    {"mountpoint": "/cache", "type": "levelds", "path": 42, "compresion": "none"},
                    {"mountpoint": "/tmp", "type": "mem", "prefix": 7}
                  ]
                }"""));
        assertEquals(List.of(
                "$.mount: unknown field of mount; did you mean \"mounts\"? (known fields: \"mounts\", \"type\")",
                "$.mounts[0].snyc: unknown field of flatfs mount; did you mean \"sync\"? (known fields: \"blobfs\", \"mountpoint\", \"path\","
                        + " \"shardFunc\", \"sync\", \"type\")",
                "$.mounts[0].sync: missing required field (a boolean)",
                "$.mounts[1].child.type: unknown datastore type \"leveldb\"; did you mean \"levelds\"? (known types: \"flatfs\", \"levelds\","
                        + " \"log\", \"measure\", \"mem\", \"mount\")",
                "$.mounts[2].compresion: unknown field of levelds mount; did you mean \"compression\"? (known fields: \"blobfs\","
                        + " \"compression\", \"mountpoint\", \"path\", \"type\")",
                "$.mounts[2].path: expected a string, got a number (42)",
                "$.mounts[3].prefix: unknown field of mem mount (known fields: \"mountpoint\", \"type\"); kubo's leftover \"prefix\" is"
                        + " ignored only when it is a string"),
                e.problems().stream().map(SpecProblem::toString).toList());
        assertEquals("invalid datastore spec (7 problems):\n  " + String.join("\n  ", e.problems().stream().map(SpecProblem::toString).toList()),
                e.getMessage());
    }

    @Test
    @DisplayName("The type field: missing, not a string, or unknown (a far-off name gets no suggestion, only the list)")
    void typeField() {
        assertEquals(List.of("$.type: missing required field (a string: one of \"flatfs\", \"levelds\", \"log\", \"measure\", \"mem\", \"mount\")"),
                Specs.problems("{\"path\": \"x\"}"));
        assertEquals(List.of("$.type: expected a string: one of \"flatfs\", \"levelds\", \"log\", \"measure\", \"mem\", \"mount\","
                + " got a number (1)"), Specs.problems("{\"type\": 1}"));
        assertEquals(List.of("$.type: unknown datastore type \"pebbleds\" (known types: \"flatfs\", \"levelds\", \"log\", \"measure\","
                + " \"mem\", \"mount\")"), Specs.problems("{\"type\": \"pebbleds\", \"path\": \"pebbleds\"}"));
        assertEquals(List.of("$.child.type: unknown datastore type \"flat\"; did you mean \"flatfs\"? (known types: \"flatfs\", \"levelds\","
                + " \"log\", \"measure\", \"mem\", \"mount\")"), Specs.problems("{\"type\": \"log\", \"name\": \"\", \"child\": {\"type\": \"flat\"}}"));
    }

    @Test
    @DisplayName("Field names that are not plain identifiers are quoted in paths")
    void quotedPaths() {
        assertEquals(List.of("$['it\\'s']: unknown field of mem (known fields: \"type\")", "$['odd key']: unknown field of mem (known fields: \"type\")"),
                Specs.problems("{\"type\": \"mem\", \"odd key\": 1, \"it's\": 2}"));
    }

    @Test
    @DisplayName("Two datastores in one directory, or one image described two ways, are problems of the whole spec")
    void acrossTheSpec() {
        assertEquals(List.of(
                        "$.mounts[1].blobfs: image \"./one.img\" is described differently at $.mounts[0].blobfs (size 64MiB, clusterSize 65536,"
                                + " mdPages -1, backend \"sim\" there, size 128MiB, clusterSize 65536, mdPages -1, backend \"sim\" here); every"
                                + " datastore on one image must describe it alike",
                        "$.mounts[1].path: directory \"data/\" is also used by the datastore at $.mounts[0] on image \"./one.img\"",
                        "$.mounts[3].path: directory \"./x/../same\" is also used by the datastore at $.mounts[2]"),
                Specs.problems("""
                        {"type": "mount", "mounts": [
                          {"mountpoint": "/a", "type": "levelds", "path": "data", "blobfs": {"image": "one.img", "size": "64MiB", "clusterSize": 65536}},
                          {"mountpoint": "/b", "type": "levelds", "path": "data/", "blobfs": {"image": "./one.img", "size": "128MiB", "clusterSize": 65536}},
                          {"mountpoint": "/c", "type": "levelds", "path": "same"},
                          {"mountpoint": "/d", "type": "levelds", "path": "./x/../same"},
                          {"mountpoint": "/e", "type": "levelds", "path": "data", "blobfs": {"image": "two.img", "size": "64MiB"}},
                          {"mountpoint": "/f", "type": "levelds", "path": "/data"},
                          {"mountpoint": "/", "type": "levelds", "path": "data"}
                        ]}"""));
    }

    @Test
    @DisplayName("A path that is no path at all is refused")
    void invalidPath() {
        assertEquals(List.of("$.path: not a valid path: Nul character not allowed: a\u0000b"),
                Specs.problems("{\"type\": \"levelds\", \"path\": \"a\\u0000b\"}"));
    }
}
