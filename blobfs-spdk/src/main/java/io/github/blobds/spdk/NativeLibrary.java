package io.github.blobds.spdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the JNI shim {@code libblobds_spdk.so} once per class loader, from the first of:
 * <ol>
 *   <li>the file named by the system property {@value #PROPERTY}, when it is set (and nothing else);</li>
 *   <li>the class path resource {@code native/<os>-<arch>/libblobds_spdk.so} (the {@code native} jar),
 *       copied to a temporary file;</li>
 *   <li>{@code blobds_spdk} on {@code java.library.path}.</li>
 * </ol>
 * A failure names every place tried and why each failed, and is remembered: {@link #load()} throws it
 * again without retrying.
 */
final class NativeLibrary {

    /** System property naming the shim's file, overriding the class path and {@code java.library.path}. */
    static final String PROPERTY = "blobds.spdk.library";

    static final String NAME = "blobds_spdk";

    private static boolean attempted;
    private static String failure;

    private NativeLibrary() {
    }

    /** Loads the shim, or throws why it cannot be loaded. */
    static synchronized void load() {
        if (!attempted) {
            attempted = true;
            failure = tryLoad(System.getProperty(PROPERTY), platform(System.getProperty("os.name"), System.getProperty("os.arch")),
                    NativeLibrary.class.getClassLoader());
        }
        if (failure != null) {
            throw new SpdkUnavailableException(failure);
        }
    }

    /** Whether the shim is loaded or loads now. */
    static boolean isAvailable() {
        try {
            load();
            return true;
        } catch (SpdkUnavailableException e) {
            return false;
        }
    }

    /** Why the shim cannot be loaded, if it cannot (loading it now if not tried yet). */
    static synchronized java.util.Optional<String> unavailableReason() {
        isAvailable();
        return java.util.Optional.ofNullable(failure);
    }

    /** The platform folder for an {@code os.name} and {@code os.arch}, such as {@code linux-x86_64}. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT).startsWith("linux") ? "linux" : osName.toLowerCase(Locale.ROOT).replace(' ', '_');
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch;
        };
        return os + "-" + arch;
    }

    /** The resource of the shim for a platform folder. */
    static String resource(String platform) {
        return "native/" + platform + "/" + System.mapLibraryName(NAME);
    }

    /** Tries every place in order; returns {@code null} when loaded, else why not, naming every place tried. */
    static String tryLoad(String override, String platform, ClassLoader loader) {
        List<String> tried = new ArrayList<>();
        if (override != null && !override.isBlank()) {
            try {
                System.load(Path.of(override).toAbsolutePath().toString());
                return null;
            } catch (UnsatisfiedLinkError | SecurityException e) {
                tried.add("-D" + PROPERTY + "=" + override + ": " + e.getMessage());
                return failure(tried);
            }
        }
        String resource = resource(platform);
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                tried.add("class path resource " + resource + ": not found (the native jar was built without SPDK, or for another platform)");
            } else {
                Path dir = Files.createTempDirectory("blobds-spdk");
                Path file = dir.resolve(System.mapLibraryName(NAME));
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                try {
                    System.load(file.toString());
                    return null;
                } catch (UnsatisfiedLinkError e) {
                    tried.add("class path resource " + resource + " (copied to " + file + "): " + e.getMessage());
                }
            }
        } catch (IOException e) {
            tried.add("class path resource " + resource + ": " + e);
        }
        try {
            System.loadLibrary(NAME);
            return null;
        } catch (UnsatisfiedLinkError | SecurityException e) {
            tried.add("java.library.path (" + System.getProperty("java.library.path") + "): " + e.getMessage());
        }
        return failure(tried);
    }

    private static String failure(List<String> tried) {
        return "cannot load the SPDK shim " + System.mapLibraryName(NAME) + "; tried "
                + String.join("; ", tried) + ". Install SPDK and rebuild the native module (docs/spdk.md), or set -D" + PROPERTY + "=<path>";
    }
}
