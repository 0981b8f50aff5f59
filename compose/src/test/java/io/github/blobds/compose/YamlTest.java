package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.DatastoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Specs in YAML, in files, in kubo's config file, and text that is not a spec at all. */
class YamlTest {

    private static final String DEFAULT_YAML = """
            # kubo's default Datastore.Spec, in YAML
            type: mount
            mounts:
              - mountpoint: /blocks
                type: flatfs
                prefix: flatfs.datastore
                path: blocks
                sync: false
                shardFunc: /repo/flatfs/shard/v1/next-to-last/2
              - mountpoint: /
                type: levelds
                prefix: leveldb.datastore
                path: datastore
                compression: none
            """;

    @TempDir
    Path dir;

    @Test
    @DisplayName("kubo's default spec in YAML is the same spec as in JSON, with the same disk spec")
    void yamlEqualsJson() {
        Composition yaml = Specs.COMPOSER.parseYaml(DEFAULT_YAML);
        assertEquals(Specs.parse(KuboSpecs.DEFAULT), yaml.spec());
        assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, yaml.diskSpec().toString());
    }

    @Test
    @DisplayName("YAML problems carry the same JSON paths; YAML's own types are checked (a quoted \"false\" is not a boolean)")
    void yamlProblems() {
        List<String> problems = assertThrows(SpecException.class, () -> Specs.COMPOSER.parseYaml("""
                type: mount
                mounts:
                  - mountpoint: /
                    type: levelds
                    path: [datastore]
                  - mountpoint: /blocks
                    type: flatfs
                    path: blocks
                    sync: "false"
                    shardFunc: /repo/flatfs/shard/v1/next-to-last/2
                """)).problems().stream().map(SpecProblem::toString).toList();
        assertEquals(List.of("$.mounts[0].path: expected a string, got an array",
                "$.mounts[1].sync: expected a boolean, got a string (\"false\")"), problems);
    }

    @Test
    @DisplayName("Files: .yaml and .yml are YAML, anything else JSON; an unreadable file is a DatastoreException naming it")
    void files() throws Exception {
        Files.writeString(dir.resolve("spec.yaml"), DEFAULT_YAML);
        Files.writeString(dir.resolve("spec.YML"), DEFAULT_YAML);
        Files.writeString(dir.resolve("spec.json"), KuboSpecs.DEFAULT);
        Files.writeString(dir.resolve("spec"), KuboSpecs.MEASURE);
        for (String name : List.of("spec.yaml", "spec.YML", "spec.json", "spec")) {
            assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, Specs.COMPOSER.parse(dir.resolve(name)).diskSpec().toString(), name);
        }
        DatastoreException e = assertThrows(DatastoreException.class, () -> Specs.COMPOSER.parse(dir.resolve("absent.json")));
        assertTrue(e.getMessage().contains("absent.json"), e.getMessage());
    }

    @Test
    @DisplayName("kubo's config file: its Datastore.Spec, problems named from the file's root; old-style and missing specs refused")
    void kuboConfig() throws Exception {
        Path config = dir.resolve("config");
        Files.writeString(config, "{\"Identity\": {}, \"Datastore\": {\"StorageMax\": \"10GB\", \"Spec\": " + KuboSpecs.DEFAULT + "}}");
        assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, Specs.COMPOSER.parseKuboConfig(config).diskSpec().toString());

        Files.writeString(config, "{\"Datastore\": {\"Spec\": {\"type\": \"levelds\"}}}");
        assertEquals(List.of("$.Datastore.Spec.path: missing required field (a string)"), problems(config));
        Files.writeString(config, "{\"Datastore\": {\"Type\": \"leveldb\", \"Path\": \"x\"}}");
        assertTrue(problems(config).getFirst().startsWith("$.Datastore: old-style datastore config detected"), problems(config).toString());
        Files.writeString(config, "{\"Datastore\": {\"StorageMax\": \"10GB\"}}");
        assertTrue(problems(config).getFirst().startsWith("$.Datastore.Spec: required Datastore.Spec entry missing"), problems(config).toString());
        Files.writeString(config, "{\"Identity\": {}}");
        assertTrue(problems(config).getFirst().startsWith("$.Datastore: required Datastore entry missing"), problems(config).toString());
    }

    private static List<String> problems(Path config) {
        return assertThrows(SpecException.class, () -> Specs.COMPOSER.parseKuboConfig(config)).problems().stream().map(SpecProblem::toString).toList();
    }

    @Test
    @DisplayName("Text that is not JSON or YAML, duplicate keys, trailing content and empty input are reported at $ with the position")
    void syntax() {
        assertTrue(single(() -> Specs.COMPOSER.parse("{\"type\": \"mem\",}")).startsWith("$: not valid JSON at line 1, column 16: "));
        assertTrue(single(() -> Specs.COMPOSER.parse("{\"type\": \"mem\", \"type\": \"mem\"}")).contains("Duplicate field 'type'"));
        assertTrue(single(() -> Specs.COMPOSER.parse("{\"type\": \"mem\"} {}")).startsWith("$: not valid JSON"));
        assertTrue(single(() -> Specs.COMPOSER.parseYaml("type: mem\ntype: mem\n")).startsWith("$: not valid YAML at line 2"));
        assertEquals("$: expected a datastore spec (an object with a \"type\"), got nothing", single(() -> Specs.COMPOSER.parse("")));
        assertEquals("$: expected a datastore spec (an object with a \"type\"), got nothing", single(() -> Specs.COMPOSER.parseYaml("")));
        assertEquals("$: expected a datastore spec (an object with a \"type\"), got an array", single(() -> Specs.COMPOSER.parse("[]")));
        assertEquals("$: expected a datastore spec (an object with a \"type\"), got null", single(() -> Specs.COMPOSER.parse("null")));
    }

    private static String single(org.junit.jupiter.api.function.Executable parse) {
        List<SpecProblem> problems = assertThrows(SpecException.class, parse).problems();
        assertEquals(1, problems.size(), problems.toString());
        return problems.getFirst().toString();
    }
}
