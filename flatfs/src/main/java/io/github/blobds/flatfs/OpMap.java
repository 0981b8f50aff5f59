package io.github.blobds.flatfs;

import io.github.blobds.datastore.Key;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Coalesces concurrent writes to one key (go-ds-flatfs v0.6.1 {@code opMap}): an operation on a key
 * whose previous operation is still running waits for it; if that one succeeded, the waiter does
 * nothing and reports success ("first successful writer wins" among <em>concurrent</em> writers, which
 * have no order between them anyway); if it failed, the waiter runs. Sequential writes are never
 * skipped. Waiting blocks on the running operation's completion, never on a timer.
 */
final class OpMap {

    private final ConcurrentMap<Key, CompletableFuture<Boolean>> running = new ConcurrentHashMap<>();

    /** Runs {@code op} on {@code key} unless a concurrent operation on it succeeds first; whether {@code op} ran. */
    boolean run(Key key, PathIo.IoAction op) throws IOException {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        while (true) {
            CompletableFuture<Boolean> other = running.putIfAbsent(key, mine);
            if (other == null) {
                break;
            }
            if (other.join()) {
                return false;
            }
        }
        boolean ok = false;
        try {
            op.run();
            ok = true;
            return true;
        } finally {
            running.remove(key, mine);
            mine.complete(ok);
        }
    }
}
