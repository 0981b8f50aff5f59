package io.github.blobds.blobfs;

import io.github.blobds.blobstore.Blobstore;
import java.io.IOException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BlobFS as a {@link FileSystem} (scheme {@code blobfs}). Paths are {@code /}-separated; the absolute
 * path {@code /a/b} is the BlobFS file {@code a/b}. Directories are implied by names: a directory exists
 * while a file lies below it, or after {@code createDirectory} until this file system closes (empty
 * directories are not stored). Files are append-only, readable anywhere, truncatable, renamable
 * (atomically replacing the target) and deletable; {@code force} makes a file's data and length
 * durable; create, move and delete are durable when they return.
 *
 * <p>Not supported (each throws {@link UnsupportedOperationException} saying so): writing anywhere but
 * the end, memory mapping, links, permissions, timestamps (every time reads as the epoch), watch
 * services, user principals. {@link #close()} closes every open channel's file, then unloads the
 * blobstore if this file system owns it.
 */
public final class BlobFileSystem extends FileSystem {

    private final BlobFileSystemProvider provider;
    private final String key;
    private final BlobFs fs;
    private final boolean ownsBlobstore;
    private final Set<String> directories = ConcurrentHashMap.newKeySet();
    private final BlobLocks locks = new BlobLocks();
    private volatile boolean open = true;

    BlobFileSystem(BlobFileSystemProvider provider, String key, BlobFs fs, boolean ownsBlobstore) {
        this.provider = provider;
        this.key = key;
        this.fs = fs;
        this.ownsBlobstore = ownsBlobstore;
    }

    /**
     * A file system on {@code blobstore} (loaded with any repairs of interrupted operations). When
     * {@code ownsBlobstore}, closing the file system unloads the blobstore.
     */
    public static BlobFileSystem open(Blobstore blobstore, boolean ownsBlobstore) throws IOException {
        return new BlobFileSystem(BlobFileSystemProvider.instance(), "", BlobFs.load(blobstore), ownsBlobstore);
    }

    BlobFs blobFs() {
        if (!open) {
            throw new ClosedFileSystemException();
        }
        return fs;
    }

    /** The BlobFS engine, for operations NIO has no name for (such as the blob id of a file). */
    public BlobFs engine() {
        return fs;
    }

    BlobLocks locks() {
        return locks;
    }

    Set<String> directories() {
        return directories;
    }

    String key() {
        return key;
    }

    @Override
    public BlobFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        provider.unregister(this);
        try {
            fs.close();
        } finally {
            if (ownsBlobstore) {
                fs.blobstore().close();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(getPath("/"));
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        return BlobPath.parse(this, first, more);
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher delegate = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return p -> delegate.matches(Path.of(p.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("BlobFS has no users or permissions");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("BlobFS has no watch service");
    }

    @Override
    public String toString() {
        return "BlobFileSystem(" + fs.blobstore() + ")";
    }
}
