package io.github.blobds.flatfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Key;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * go-ds-flatfs's op map: a write that starts while another on its key runs waits for it and is skipped
 * when that one succeeded, retried when it failed. The waiter is seen waiting through its thread state
 * (spinning on it, never sleeping).
 */
class OpMapTest {

    private final OpMap ops = new OpMap();
    private final Key key = Key.of("/K");

    /** Runs {@code second} on another thread while the first operation runs, once the second is waiting. */
    private boolean[] overlap(boolean firstSucceeds, AtomicInteger secondRuns) throws Exception {
        boolean[] ran = new boolean[2];
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                second.complete(ops.run(key, secondRuns::incrementAndGet));
            } catch (IOException | RuntimeException e) {
                second.completeExceptionally(e);
            }
        });
        try {
            ran[0] = ops.run(key, () -> {
                waiter.start();
                while (waiter.getState() != Thread.State.WAITING) {
                    Thread.onSpinWait();
                }
                if (!firstSucceeds) {
                    throw new IOException("first write fails");
                }
            });
        } catch (IOException e) {
            ran[0] = false;
        }
        ran[1] = second.get();
        return ran;
    }

    @Test
    @DisplayName("A write waiting for a successful one on its key is skipped and reports success")
    void coalesced() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        boolean[] ran = overlap(true, runs);
        assertTrue(ran[0]);
        assertFalse(ran[1], "the waiting write was skipped");
        assertEquals(0, runs.get());
    }

    @Test
    @DisplayName("A write waiting for a failed one on its key runs")
    void retried() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        boolean[] ran = overlap(false, runs);
        assertFalse(ran[0]);
        assertTrue(ran[1], "the waiting write ran");
        assertEquals(1, runs.get());
    }

    @Test
    @DisplayName("Sequential writes all run, and a failure propagates")
    void sequential() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        assertTrue(ops.run(key, runs::incrementAndGet));
        assertTrue(ops.run(key, runs::incrementAndGet));
        assertEquals(2, runs.get());
        assertThrows(IOException.class, () -> ops.run(key, () -> {
            throw new IOException("boom");
        }));
        assertTrue(ops.run(key, runs::incrementAndGet), "a failure leaves no entry behind");
    }
}
