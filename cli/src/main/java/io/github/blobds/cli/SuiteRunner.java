package io.github.blobds.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs {@link ScratchSuite} on one {@link SuiteTarget} through the JUnit Platform launcher (the Jupiter
 * engine, nothing else discovered), printing a line per test group to {@code progress} as it finishes.
 */
final class SuiteRunner {

    private SuiteRunner() {
    }

    static SuiteSummary run(String name, SuiteTarget target, PrintStream progress) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ScratchSuite.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        Listener listener = new Listener(progress);
        long start = System.nanoTime();
        ScratchSuite.target = target;
        try {
            launcher.execute(request, listener);
        } finally {
            ScratchSuite.target = null;
        }
        return new SuiteSummary(name, listener.passed, listener.failed, listener.skipped, Duration.ofNanos(System.nanoTime() - start),
                List.copyOf(listener.failures));
    }

    /** Counts tests and prints each direct child of the suite class (a test, or the 1151 combinations) when it ends. */
    private static final class Listener implements TestExecutionListener {

        private final PrintStream progress;
        private String classId;
        private int passed;
        private int failed;
        private int skipped;
        private final List<String> failures = new ArrayList<>();
        private int[] atStart = new int[3];

        Listener(PrintStream progress) {
            this.progress = progress;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                classId = id.getUniqueId();
            } else if (isGroup(id)) {
                atStart = new int[] {passed, failed, skipped};
            }
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                skipped++;
                report(id, "skipped: " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Optional<Throwable> error = result.getThrowable();
            switch (result.getStatus()) {
                case SUCCESSFUL -> {
                    if (id.isTest()) {
                        passed++;
                    }
                }
                case ABORTED -> {
                    if (id.isTest()) {
                        skipped++;
                    }
                }
                case FAILED -> {
                    failed++;
                    failures.add(id.getDisplayName() + ": " + error.map(SuiteRunner::firstLine).orElse("failed"));
                }
            }
            if (isGroup(id)) {
                int p = passed - atStart[0];
                int f = failed - atStart[1];
                int s = skipped - atStart[2];
                String status = f > 0 ? "FAILED" : s > 0 && p == 0 ? "skipped" : "ok";
                String counts = id.isTest() ? "" : " (" + p + " passed, " + f + " failed" + (s > 0 ? ", " + s + " skipped" : "") + ")";
                String why = f > 0 && id.isTest() ? ": " + error.map(SuiteRunner::firstLine).orElse("") : "";
                report(id, status + counts + why);
            } else if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                report(id, "FAILED: " + error.map(SuiteRunner::firstLine).orElse(""));
            }
        }

        private boolean isGroup(TestIdentifier id) {
            return classId != null && id.getParentId().filter(classId::equals).isPresent();
        }

        private void report(TestIdentifier id, String what) {
            progress.println("    " + id.getDisplayName().replaceFirst(":.*", "") + ": " + what);
            progress.flush();
        }
    }

    static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        Throwable cause = t.getCause();
        if (t.getMessage() != null && cause != null && cause.getMessage() != null && !m.contains(cause.getMessage())) {
            m = m + ": " + cause.getMessage();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
