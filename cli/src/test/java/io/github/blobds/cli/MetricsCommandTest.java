package io.github.blobds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics: the measure meters of a repo's tree in Prometheus text. */
class MetricsCommandTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("A kubo-measure repo shows go-ds-measure's meters after the read-only probe")
    void measured() {
        Cli cli = new Cli(dir);
        String repo = dir.resolve("repo").toString();
        assertEquals(0, cli.run("init", "-p", "kubo-measure", repo).code());
        assertEquals(0, cli.run("put", "-r", repo, "/blocks/CIQA", "block").code());
        assertEquals(0, cli.run("put", "-r", repo, "/local/x", "value").code());
        Cli.Result r = cli.run("metrics", "-r", repo);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("flatfs_datastore_get_total 1.0"), r::toString);
        assertTrue(r.out().contains("leveldb_datastore_query_total 1.0"), r::toString);
        assertTrue(r.out().contains("# TYPE leveldb_datastore_get_latency_seconds histogram"), r::toString);
        Cli.Result none = cli.run("metrics", "-r", repo, "--sample", "0");
        assertTrue(none.out().contains("flatfs_datastore_get_total 0.0"), none::toString);
        assertTrue(cli.run("metrics", "-r", repo, "--sample", "-1").err().contains("--sample must not be negative"));
    }

    @Test
    @DisplayName("A repo without measure datastores says it has no meters")
    void unmeasured() {
        Cli cli = new Cli(dir);
        String repo = dir.resolve("repo").toString();
        assertEquals(0, cli.run("init", "-p", "kubo", repo).code());
        Cli.Result r = cli.run("metrics", "-r", repo);
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("has no measure datastore"), r::toString);
    }
}
