package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real NVMe device for tests on a machine without one: SPDK's own NVMe-oF target ({@code nvmf_tgt}, a
 * separate process) exporting malloc namespaces over NVMe/TCP on 127.0.0.1, which this JVM's environment
 * attaches with {@code bdev_nvme_attach_controller} — SPDK's NVMe driver and bdev_nvme module, as with
 * a PCIe controller, over a TCP transport instead of PCIe. One per test JVM, stopped at exit.
 *
 * <p>{@code nvmf_tgt} is found at {@code -Dblobds.spdk.nvmfTgt=<path>} or on the {@code PATH}; SPDK
 * builds it with its apps ({@code make -C app/nvmf_tgt} in SPDK's tree, docs/spdk.md). Where it is
 * absent or does not start, {@link #shared()} skips the calling test, saying why.
 */
final class NvmfTarget {

    static final String NQN = "nqn.2016-06.io.spdk:blobds-test";

    /** Namespaces exported, each a zeroed malloc bdev of {@link #NAMESPACE_BYTES}. */
    static final int NAMESPACES = 4;

    static final long NAMESPACE_BYTES = 64L << 20;

    private static NvmfTarget shared;
    private static String unavailable;

    private final Process process;
    private final Path dir;
    private final int port;
    private final String filePrefix;

    private NvmfTarget(Process process, Path dir, int port, String filePrefix) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.filePrefix = filePrefix;
    }

    /** The target of this JVM, started on first use; skips the caller where it cannot run. */
    static synchronized NvmfTarget shared() {
        assumeTrue(unavailable == null, () -> unavailable);
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | RuntimeException e) {
                unavailable = "NVMe-oF suites skipped: " + e.getMessage();
            }
            assumeTrue(unavailable == null, () -> unavailable);
            NvmfTarget t = shared;
            // Shutdown hooks run in no order: this one closes SPDK (detaching the controller) before the target goes.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                SpdkEnvironment.current().ifPresent(SpdkEnvironment::close);
                t.stop();
            }, "blobds-nvmf-target-stop"));
        }
        return shared;
    }

    private static Optional<Path> binary() {
        String configured = System.getProperty("blobds.spdk.nvmfTgt");
        if (configured != null && !configured.isEmpty()) {
            return Optional.of(Path.of(configured));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nvmf_tgt")).filter(Files::isExecutable).findFirst();
    }

    private static NvmfTarget start() throws IOException {
        Path bin = binary().orElseThrow(() -> new IllegalStateException("SPDK's nvmf_tgt is neither on the PATH nor given with"
                + " -Dblobds.spdk.nvmfTgt=<path> (SPDK builds it with its apps: make -C app/nvmf_tgt; docs/spdk.md)"));
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " (-Dblobds.spdk.nvmfTgt) is not an executable file");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("blobds-nvmf");
        StringBuilder bdevs = new StringBuilder();
        StringBuilder namespaces = new StringBuilder();
        for (int i = 0; i < NAMESPACES; i++) {
            bdevs.append(i == 0 ? "" : ",").append("{\"method\": \"bdev_malloc_create\", \"params\": {\"name\": \"Ns").append(i)
                    .append("\", \"num_blocks\": ").append(NAMESPACE_BYTES / 4096).append(", \"block_size\": 4096}}");
            namespaces.append(",{\"method\": \"nvmf_subsystem_add_ns\", \"params\": {\"nqn\": \"").append(NQN)
                    .append("\", \"namespace\": {\"bdev_name\": \"Ns").append(i).append("\", \"nsid\": ").append(i + 1).append("}}}");
        }
        String config = "{\"subsystems\": [{\"subsystem\": \"bdev\", \"config\": [" + bdevs + "]},"
                + "{\"subsystem\": \"nvmf\", \"config\": [{\"method\": \"nvmf_create_transport\", \"params\": {\"trtype\": \"TCP\"}},"
                + "{\"method\": \"nvmf_create_subsystem\", \"params\": {\"nqn\": \"" + NQN + "\", \"allow_any_host\": true,"
                + " \"serial_number\": \"BLOBDS00000001\"}}" + namespaces
                + ",{\"method\": \"nvmf_subsystem_add_listener\", \"params\": {\"nqn\": \"" + NQN + "\", \"listen_address\": {\"trtype\": \"TCP\","
                + " \"adrfam\": \"IPv4\", \"traddr\": \"127.0.0.1\", \"trsvcid\": \"" + port + "\"}}}]}]}";
        Path configFile = Files.writeString(dir.resolve("nvmf_tgt.json"), config);
        String prefix = "blobds_nvmf_" + ProcessHandle.current().pid();
        // Its reactor busy-polls one core: the last one, away from this JVM's SPDK thread (DPDK core 0).
        int core = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
        Process p = new ProcessBuilder(bin.toString(), "--no-huge", "-s", "1024", "-m", "[" + core + "]", "-c", configFile.toString(),
                "-r", dir.resolve("rpc.sock").toString(), "--disable-cpumask-locks", "--env-context=--file-prefix=" + prefix)
                .redirectErrorStream(true).start();
        NvmfTarget target = new NvmfTarget(p, dir, port, prefix);
        target.awaitListening(bin);
        return target;
    }

    /** Reads the target's output until it listens (or ends), then drains it on a daemon thread. */
    private void awaitListening(Path bin) throws IOException {
        Deque<String> tail = new ArrayDeque<>();
        CountDownLatch ready = new CountDownLatch(1);
        boolean[] listening = {false};
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 8) {
                            tail.removeFirst();
                        }
                    }
                    if (line.contains("Listening on 127.0.0.1 port " + port)) {
                        listening[0] = true;
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                ready.countDown();
            }
        }, "blobds-nvmf-target-output");
        reader.setDaemon(true);
        reader.start();
        try {
            // A guard against a target that neither listens nor ends, not a timing assertion.
            if (!ready.await(120, TimeUnit.SECONDS) || !listening[0]) {
                stop();
                synchronized (tail) {
                    throw new IllegalStateException(bin + " did not start listening: " + String.join(" | ", List.copyOf(tail)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while " + bin + " started", e);
        }
    }

    /**
     * SPDK's JSON config attaching the target's controller as {@code name}: bdevs {@code <name>n1} to
     * {@code <name>n<NAMESPACES>}.
     */
    String attachConfig(String name) {
        return "{\"subsystems\": [{\"subsystem\": \"bdev\", \"config\": [{\"method\": \"bdev_nvme_attach_controller\", \"params\": {"
                + "\"name\": \"" + name + "\", \"trtype\": \"TCP\", \"adrfam\": \"IPv4\", \"traddr\": \"127.0.0.1\", \"trsvcid\": \"" + port
                + "\", \"subnqn\": \"" + NQN + "\"}}]}]}";
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delete(dir);
        delete(Path.of("/var/run/dpdk", filePrefix));
    }

    private static void delete(Path tree) {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
