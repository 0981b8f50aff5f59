package io.github.blobds.flatfs;

import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Result;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Optional;

/**
 * The entries of a flatfs directory, produced one at a time (go-ds-flatfs v0.6.1 {@code walkTopLevel}
 * and {@code walk}): each top-level directory not starting with {@code .}, each {@code *.data} file in
 * it not starting with {@code .}. At most one directory stream of each level is open; {@link #close()}
 * closes them and ends the walk, also from another thread (it waits for a step in progress).
 *
 * <p>A file that vanishes between listing and reading (a concurrent delete) is left out; go reports it
 * as an error result. Any other failure to read a file is an error result and the walk goes on, as in
 * go; a failure to list a directory is thrown, which ends the results.
 */
final class ShardWalk {

    private final Path root;
    private final boolean keysOnly;
    private final boolean returnsSizes;
    private DirectoryStream<Path> top;
    private Iterator<Path> topEntries;
    private DirectoryStream<Path> shard;
    private Iterator<Path> shardEntries;
    private boolean closed;

    ShardWalk(Path root, boolean keysOnly, boolean returnsSizes) {
        this.root = root;
        this.keysOnly = keysOnly;
        this.returnsSizes = returnsSizes;
    }

    /** The next entry or error; empty at the end or after {@link #close()}. */
    synchronized Optional<Result> next() {
        try {
            return advance();
        } catch (IOException e) {
            close();
            throw FlatfsIoException.of("walk failed: list", root, e);
        } catch (DirectoryIteratorException e) {
            close();
            throw FlatfsIoException.of("walk failed: list", root, e.getCause());
        }
    }

    private Optional<Result> advance() throws IOException {
        while (!closed) {
            if (shardEntries != null && shardEntries.hasNext()) {
                Path file = shardEntries.next();
                String name = file.getFileName().toString();
                Optional<Key> key = name.startsWith(".") ? Optional.empty() : FlatfsKeys.decode(name);
                if (key.isPresent()) {
                    Optional<Result> r = read(file, key.get());
                    if (r.isPresent()) {
                        return r;
                    }
                }
                continue;
            }
            closeShard();
            if (top == null) {
                top = Files.newDirectoryStream(root);
                topEntries = top.iterator();
            }
            if (!topEntries.hasNext()) {
                close();
                break;
            }
            Path dir = topEntries.next();
            String name = dir.getFileName().toString();
            if (name.isEmpty() || name.startsWith(".") || !Files.isDirectory(dir)) {
                continue;
            }
            try {
                shard = Files.newDirectoryStream(dir);
                shardEntries = shard.iterator();
            } catch (NoSuchFileException e) {
                // removed since it was listed
            }
        }
        return Optional.empty();
    }

    private Optional<Result> read(Path file, Key key) {
        try {
            if (!keysOnly) {
                return Optional.of(Result.of(Entry.of(key.toString(), Files.readAllBytes(file))));
            }
            if (returnsSizes) {
                long size = Files.readAttributes(file, BasicFileAttributes.class).size();
                return Optional.of(Result.of(Entry.keyOnly(key.toString(), (int) Math.min(size, Integer.MAX_VALUE))));
            }
            return Optional.of(Result.of(Entry.keyOnly(key.toString(), -1)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(Result.error(FlatfsIoException.of("read key " + key + " from", file, e)));
        }
    }

    private void closeShard() throws IOException {
        shardEntries = null;
        if (shard != null) {
            DirectoryStream<Path> s = shard;
            shard = null;
            s.close();
        }
    }

    /** Ends the walk and closes its directory streams; idempotent. */
    synchronized void close() {
        closed = true;
        try {
            closeShard();
        } catch (IOException e) {
            // nothing more is read from it
        }
        if (top != null) {
            try {
                top.close();
            } catch (IOException e) {
                // nothing more is read from it
            }
            top = null;
            topEntries = null;
        }
    }
}
