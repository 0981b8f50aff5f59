package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec types from Guice modules: the built-in ones, those ServiceLoader finds, and those given to the builder. */
class DiscoveryTest {

    @TempDir
    Path dir;

    private ClassLoader servicesListing(String... moduleClasses) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("com.google.inject.Module"), String.join("\n", moduleClasses) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    @DisplayName("The built-in types are kubo's: mount, measure, log, mem, flatfs and levelds")
    void builtIns() {
        assertEquals(List.of("flatfs", "levelds", "log", "measure", "mem", "mount"), List.copyOf(Composer.create().typeNames()));
    }

    @Test
    @DisplayName("A third-party module listed in META-INF/services/com.google.inject.Module is found and its type works like a built-in")
    void serviceLoader() throws IOException {
        try (URLClassLoader loader = (URLClassLoader) servicesListing(RecordingModule.class.getName())) {
            Composer composer = Composer.builder().classLoader(loader).build();
            assertTrue(composer.typeNames().contains("recording"), composer.typeNames().toString());
            Composition c = composer.parse("{\"type\": \"mount\", \"mounts\": [{\"mountpoint\": \"/\", \"type\": \"recording\", \"name\": \"r\"}]}");
            assertEquals("{\"mounts\":[{\"mountpoint\":\"/\",\"name\":\"r\",\"type\":\"recording\"}],\"type\":\"mount\"}", c.diskSpec().toString());
            try (Batching ds = c.create(dir)) {
                assertEquals("MountDatastore[/=Recording(MapDatastore)]", Specs.shape(Specs.root(ds)));
            }
            assertEquals(List.of("$.mounts[0].name: missing required field (a string)",
                            "$.mounts[0].nmae: unknown field of recording mount; did you mean \"name\"? (known fields: \"blobfs\", \"fail\","
                            + " \"failClose\", \"mountpoint\", \"name\", \"type\")"),
                    assertThrows(SpecException.class, () -> composer.parse(
                            "{\"type\": \"mount\", \"mounts\": [{\"mountpoint\": \"/\", \"type\": \"recording\", \"nmae\": \"r\"}]}"))
                            .problems().stream().map(SpecProblem::toString).toList());
            assertEquals(Composer.builder().classLoader(loader).discoverModules(false).build().typeNames(), Composer.create().typeNames());
        }
    }

    @Test
    @DisplayName("Two modules contributing different types under one name fail the composer, naming it")
    void duplicateType() {
        DatastoreException e = assertThrows(DatastoreException.class,
                () -> Composer.builder().discoverModules(false).modules(new SpecTypeModule("mem", LogSpecType.class) { }).build());
        assertTrue(e.getMessage().contains("\"mem\""), e.getMessage());
    }

    @Test
    @DisplayName("A services entry naming a missing class fails the composer, saying where modules are listed")
    void brokenServices() throws IOException {
        try (URLClassLoader loader = (URLClassLoader) servicesListing("com.example.Missing")) {
            DatastoreException e = assertThrows(DatastoreException.class, () -> Composer.builder().classLoader(loader).build());
            assertTrue(e.getMessage().contains("META-INF/services/com.google.inject.Module"), e.getMessage());
        }
    }

    @Test
    @DisplayName("A spec of a type the composer lacks, built in code, fails when created; so does a record of the wrong class")
    void unknownTypeInCode() {
        Composition c = Specs.COMPOSER.of(new RecordingSpec("x", false, false, java.util.Optional.empty()));
        DatastoreException e = assertThrows(DatastoreException.class, () -> c.create(dir));
        assertTrue(e.getMessage().contains("no spec type \"recording\" is registered"), e.getMessage());
        DatastoreSpec impostor = new DatastoreSpec() {
            @Override
            public String type() {
                return "mem";
            }

            @Override
            public DiskSpec diskSpec() {
                return DiskSpec.NONE;
            }
        };
        DatastoreException wrongClass = assertThrows(DatastoreException.class, () -> Specs.COMPOSER.of(impostor).create(dir));
        assertTrue(wrongClass.getMessage().contains("takes a MemSpec"), wrongClass.getMessage());
    }

    @Test
    @DisplayName("Module names and builder arguments are checked")
    void arguments() {
        assertThrows(InvalidArgumentException.class, () -> new SpecTypeModule("", MemSpecType.class) { });
        assertEquals("mem", new MemModule().typeName());
        assertThrows(InvalidArgumentException.class, () -> Composer.builder().modules((com.google.inject.Module) null));
        assertThrows(InvalidArgumentException.class, () -> Composer.builder().meterRegistry(null));
        assertThrows(InvalidArgumentException.class, () -> Composer.builder().classLoader(null));
    }

    @Test
    @DisplayName("A type whose parse returns a record of another type is a programming error, said plainly")
    void lyingType() {
        Composer c = Composer.builder().discoverModules(false).modules(new SpecTypeModule("liar", LiarType.class) { }).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.parse("{\"type\": \"liar\"}"));
        assertTrue(e.getMessage().contains("spec type \"liar\""), e.getMessage());
    }

    /** Reads every spec as a mem spec. */
    static final class LiarType implements SpecType<MemSpec> {
        @Override
        public Class<MemSpec> specClass() {
            return MemSpec.class;
        }

        @Override
        public MemSpec parse(SpecObject spec) {
            return new MemSpec();
        }

        @Override
        public io.github.blobds.datastore.Datastore create(MemSpec spec, Assembly assembly) {
            throw new AssertionError();
        }
    }
}
