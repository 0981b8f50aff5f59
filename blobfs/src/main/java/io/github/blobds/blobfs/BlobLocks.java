package io.github.blobds.blobfs;

import io.github.blobds.blobstore.BlobId;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.ArrayList;
import java.util.List;

/** Advisory file locks within one BlobFS file system: a lock conflicts with any overlapping lock on the same file. */
final class BlobLocks {

    private final List<Held> held = new ArrayList<>();

    private final class Held extends FileLock {
        final BlobId id;
        boolean valid = true;

        Held(FileChannel channel, BlobId id, long position, long size, boolean shared) {
            super(channel, position, size, shared);
            this.id = id;
        }

        @Override
        public boolean isValid() {
            synchronized (BlobLocks.this) {
                return valid && channel().isOpen();
            }
        }

        @Override
        public void release() {
            synchronized (BlobLocks.this) {
                valid = false;
                held.remove(this);
            }
        }
    }

    synchronized FileLock tryLock(FileChannel channel, BlobId id, long position, long size, boolean shared) {
        for (Held h : held) {
            if (h.id.equals(id) && h.overlaps(position, size) && !(shared && h.isShared())) {
                return null;
            }
        }
        Held h = new Held(channel, id, position, size, shared);
        held.add(h);
        return h;
    }

    synchronized void releaseAll(FileChannel channel) {
        held.removeIf(h -> {
            if (h.channel() == channel) {
                h.valid = false;
                return true;
            }
            return false;
        });
    }
}
