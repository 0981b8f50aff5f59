package io.github.blobds.bench;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the report says about the machine, read from {@code /proc} where there is one. */
final class MachineFacts {

    private MachineFacts() {
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    static String cpu() {
        String model = "unknown model";
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String l : lines) {
                if (l.startsWith("model name")) {
                    model = l.substring(l.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the processor count still says something
        }
        return Runtime.getRuntime().availableProcessors() + " × " + model;
    }

    static String memory() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal")) {
                    long kib = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    return kib / (1 << 20) + " GiB";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return "unknown";
    }

    static String fileStore(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return store.type() + " on " + store.name();
        } catch (IOException e) {
            return "unknown file store";
        }
    }
}
