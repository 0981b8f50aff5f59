package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's platform folder and what its failure says; runs without SPDK. */
class NativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("platform folders follow os.name and os.arch as Linux JVMs report them")
    void platforms() {
        assertEquals("linux-x86_64", NativeLibrary.platform("Linux", "amd64"));
        assertEquals("linux-x86_64", NativeLibrary.platform("Linux", "x86_64"));
        assertEquals("linux-aarch64", NativeLibrary.platform("Linux", "aarch64"));
        assertEquals("mac_os_x-aarch64", NativeLibrary.platform("Mac OS X", "arm64"));
        assertEquals("linux-riscv64", NativeLibrary.platform("Linux", "riscv64"));
        assertEquals("native/linux-x86_64/libblobds_spdk.so", NativeLibrary.resource("linux-x86_64"));
    }

    @Test
    @DisplayName("a failing override names the file and tries nothing else")
    void overrideFailure() {
        Path missing = dir.resolve("nothing.so");
        String failure = NativeLibrary.tryLoad(missing.toString(), "linux-x86_64", getClass().getClassLoader());
        assertTrue(failure.contains("-Dblobds.spdk.library=" + missing), failure);
        assertTrue(!failure.contains("java.library.path"), failure);
        assertTrue(failure.contains("docs/spdk.md"), failure);
    }

    @Test
    @DisplayName("without an override, the failure names the class path resource and java.library.path")
    void everyPlaceNamed() {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            String failure = NativeLibrary.tryLoad(null, "nowhere-none", empty);
            assertTrue(failure.contains("class path resource native/nowhere-none/libblobds_spdk.so: not found"), failure);
            assertTrue(failure.contains("java.library.path ("), failure);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("a resource that is not a loadable library is named with the loader's error")
    void brokenResource() throws Exception {
        Path root = dir.resolve("cp");
        Path lib = root.resolve("native/test-arch/libblobds_spdk.so");
        java.nio.file.Files.createDirectories(lib.getParent());
        java.nio.file.Files.writeString(lib, "not an ELF file");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            String failure = NativeLibrary.tryLoad("", "test-arch", loader);
            assertTrue(failure.contains("class path resource native/test-arch/libblobds_spdk.so (copied to "), failure);
        }
    }

    @Test
    @DisplayName("availability and the reason agree")
    void availability() {
        assertEquals(!NativeLibrary.isAvailable(), NativeLibrary.unavailableReason().isPresent());
    }
}
