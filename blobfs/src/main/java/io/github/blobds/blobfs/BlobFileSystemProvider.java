package io.github.blobds.blobfs;

import io.github.blobds.blobstore.Blobstore;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code blobfs} file system provider, found through {@link java.util.ServiceLoader}. Create a file
 * system over a loaded {@link Blobstore} with
 * {@code FileSystems.newFileSystem(URI.create("blobfs://name/"), Map.of("blobstore", bs))} (optional
 * env key {@code "ownsBlobstore"}: {@code true} to unload the blobstore when the file system closes), or
 * directly with {@link BlobFileSystem#open}.
 */
public final class BlobFileSystemProvider extends FileSystemProvider {

    private static volatile BlobFileSystemProvider instance;
    private final Map<String, BlobFileSystem> systems = new ConcurrentHashMap<>();

    public BlobFileSystemProvider() {
        synchronized (BlobFileSystemProvider.class) {
            if (instance == null) {
                instance = this;
            }
        }
    }

    static BlobFileSystemProvider instance() {
        if (instance == null) {
            new BlobFileSystemProvider();
        }
        return instance;
    }

    @Override
    public String getScheme() {
        return "blobfs";
    }

    private static String key(URI uri) {
        if (!"blobfs".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("not a blobfs URI: " + uri);
        }
        return uri.getAuthority() == null ? "" : uri.getAuthority();
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) throws IOException {
        String key = key(uri);
        if (!(env.get("blobstore") instanceof Blobstore bs)) {
            throw new IllegalArgumentException("env must map \"blobstore\" to a loaded io.github.blobds.blobstore.Blobstore, got " + env.keySet());
        }
        boolean owns = Boolean.TRUE.equals(env.get("ownsBlobstore")) || "true".equals(env.get("ownsBlobstore"));
        synchronized (systems) {
            if (systems.containsKey(key)) {
                throw new FileSystemAlreadyExistsException("blobfs://" + key + "/");
            }
            BlobFileSystem fs = new BlobFileSystem(this, key, BlobFs.load(bs), owns);
            systems.put(key, fs);
            return fs;
        }
    }

    void unregister(BlobFileSystem fs) {
        systems.remove(fs.key(), fs);
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        BlobFileSystem fs = systems.get(key(uri));
        if (fs == null) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        return getFileSystem(uri).getPath(uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
    }

    private static BlobPath cast(Path p) {
        if (!(p instanceof BlobPath bp)) {
            throw new ProviderMismatchException("not a BlobFS path: " + p);
        }
        return bp;
    }

    private static BlobFileSystem fs(Path p) {
        return (BlobFileSystem) cast(p).getFileSystem();
    }

    // ------------------------------------------------------------------ files

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        BlobPath p = cast(path);
        BlobFileSystem fs = fs(p);
        String name = p.blobName();
        boolean append = options.contains(StandardOpenOption.APPEND);
        boolean write = append || options.contains(StandardOpenOption.WRITE);
        boolean read = options.contains(StandardOpenOption.READ) || !write;
        boolean createNew = write && options.contains(StandardOpenOption.CREATE_NEW);
        boolean create = createNew || write && options.contains(StandardOpenOption.CREATE);
        if (options.contains(StandardOpenOption.DELETE_ON_CLOSE)) {
            throw new UnsupportedOperationException("BlobFS does not support DELETE_ON_CLOSE");
        }
        if (name.isEmpty() || isDirectory(fs, name)) {
            throw new FileSystemException(p.toString(), null, "is a directory");
        }
        if (create && !fs.blobFs().exists(name)) {
            checkNoFileAbove(fs, p);
        }
        BlobFile file = fs.blobFs().open(name, create, createNew);
        boolean sync = options.contains(StandardOpenOption.SYNC) || options.contains(StandardOpenOption.DSYNC);
        BlobFileChannel ch = new BlobFileChannel(fs, file, read, write, append, sync);
        if (write && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            try {
                ch.truncate(0);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }
        return ch;
    }

    /** Rejects a new name below a regular file: {@code /f/x} cannot exist while {@code /f} is a file. */
    private static void checkNoFileAbove(BlobFileSystem fs, BlobPath p) throws IOException {
        for (Path parent = p.toAbsolutePath().normalize().getParent(); parent != null; parent = parent.getParent()) {
            String name = cast(parent).blobName();
            if (!name.isEmpty() && fs.blobFs().exists(name)) {
                throw new FileSystemException(p.toString(), null, "parent " + parent + " is a file, not a directory");
            }
        }
    }

    private static boolean isDirectory(BlobFileSystem fs, String name) {
        if (name.isEmpty() || fs.directories().contains(name)) {
            return true;
        }
        return !fs.blobFs().namesStartingWith(name + "/").isEmpty();
    }

    @Override
    public void delete(Path path) throws IOException {
        BlobPath p = cast(path);
        BlobFileSystem fs = fs(p);
        String name = p.blobName();
        if (fs.blobFs().exists(name)) {
            fs.blobFs().delete(name);
            return;
        }
        if (!fs.blobFs().namesStartingWith(name + "/").isEmpty() || hasChildDirectory(fs, name)) {
            throw new DirectoryNotEmptyException(p.toString());
        }
        if (!fs.directories().remove(name)) {
            throw new NoSuchFileException(p.toString());
        }
    }

    private static boolean hasChildDirectory(BlobFileSystem fs, String name) {
        String prefix = name.isEmpty() ? "" : name + "/";
        return fs.directories().stream().anyMatch(d -> d.startsWith(prefix) && !d.equals(name));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        boolean replace = List.of(options).contains(StandardCopyOption.REPLACE_EXISTING);
        BlobFileSystem fs = fs(source);
        if (isSameFile(source, target)) {
            checkAccess(source);
            return;
        }
        String from = cast(source).blobName();
        if (!fs.blobFs().exists(from)) {
            if (isDirectory(fs, from)) {
                createDirectory(target);
                return;
            }
            throw new NoSuchFileException(source.toString());
        }
        if (!replace && exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        if (replace && fs(target).blobFs().exists(cast(target).blobName())) {
            delete(target);
        }
        try (FileChannel in = newFileChannel(source, Set.of(StandardOpenOption.READ));
             FileChannel out = newFileChannel(target, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW))) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (in.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                buf.clear();
            }
            out.force(true);
        }
    }

    private boolean exists(Path p) {
        try {
            checkAccess(p);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Renames a file, atomically replacing the target with {@code REPLACE_EXISTING}; every move is atomic. */
    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        BlobPath s = cast(source);
        BlobPath t = cast(target);
        if (s.getFileSystem() != t.getFileSystem()) {
            throw new ProviderMismatchException("cannot move between BlobFS file systems: " + source + " -> " + target);
        }
        BlobFileSystem fs = fs(s);
        String from = s.blobName();
        String to = t.blobName();
        boolean replace = List.of(options).contains(StandardCopyOption.REPLACE_EXISTING);
        if (fs.blobFs().exists(from)) {
            if (isDirectory(fs, to)) {
                throw new FileAlreadyExistsException(target.toString(), null, "is a directory");
            }
            if (!fs.blobFs().exists(to)) {
                checkNoFileAbove(fs, t);
            }
            fs.blobFs().rename(from, to, replace);
            return;
        }
        if (fs.directories().contains(from) && fs.blobFs().namesStartingWith(from + "/").isEmpty() && !hasChildDirectory(fs, from)) {
            if (from.equals(to)) {
                return;
            }
            if (!replace && exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            fs.directories().remove(from);
            fs.directories().add(to);
            return;
        }
        if (isDirectory(fs, from)) {
            throw new UnsupportedOperationException("BlobFS cannot move a non-empty directory (" + source + "): names are flat, move its files");
        }
        throw new NoSuchFileException(source.toString());
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return path.toAbsolutePath().normalize().equals(path2.toAbsolutePath().normalize());
    }

    @Override
    public boolean isHidden(Path path) {
        return false;
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("BlobFS has no file stores; ask the Blobstore for its free clusters");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        BlobPath p = cast(path);
        BlobFileSystem fs = fs(p);
        String name = p.blobName();
        if (!fs.blobFs().exists(name) && !isDirectory(fs, name)) {
            throw new NoSuchFileException(p.toString());
        }
    }

    // ------------------------------------------------------------------ directories

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        BlobPath p = cast(dir);
        BlobFileSystem fs = fs(p);
        String name = p.blobName();
        if (name.isEmpty() || fs.blobFs().exists(name) || isDirectory(fs, name)) {
            throw new FileAlreadyExistsException(p.toString());
        }
        BlobFs.checkName(name);
        Path parent = p.toAbsolutePath().normalize().getParent();
        if (parent != null && !isDirectory(fs, cast(parent).blobName())) {
            if (fs.blobFs().exists(cast(parent).blobName())) {
                throw new FileSystemException(p.toString(), null, "parent " + parent + " is a file, not a directory");
            }
            throw new NoSuchFileException(parent.toString(), null, "parent directory does not exist");
        }
        fs.directories().add(name);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        BlobPath p = cast(dir);
        BlobFileSystem fs = fs(p);
        String name = p.blobName();
        if (fs.blobFs().exists(name)) {
            throw new NotDirectoryException(p.toString());
        }
        if (!isDirectory(fs, name)) {
            throw new NoSuchFileException(p.toString());
        }
        String prefix = name.isEmpty() ? "" : name + "/";
        Set<String> children = new LinkedHashSet<>();
        for (String n : fs.blobFs().namesStartingWith(prefix)) {
            String rest = n.substring(prefix.length());
            int slash = rest.indexOf('/');
            children.add(slash < 0 ? rest : rest.substring(0, slash));
        }
        for (String d : fs.directories()) {
            if (d.startsWith(prefix) && d.length() > prefix.length() && d.indexOf('/', prefix.length()) < 0) {
                children.add(d.substring(prefix.length()));
            }
        }
        List<Path> entries = new ArrayList<>();
        for (String c : children) {
            Path child = p.resolve(c);
            if (filter == null || filter.accept(child)) {
                entries.add(child);
            }
        }
        return new DirectoryStream<>() {
            private boolean iterated;

            @Override
            public Iterator<Path> iterator() {
                if (iterated) {
                    throw new IllegalStateException("a directory stream can be iterated once");
                }
                iterated = true;
                return entries.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    // ------------------------------------------------------------------ attributes

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return BlobFileSystemProvider.this.readAttributes(path, BasicFileAttributes.class);
            }

            @Override
            public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) {
                throw new UnsupportedOperationException("BlobFS keeps no timestamps");
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        if (!type.isAssignableFrom(BlobFileAttributes.class)) {
            throw new UnsupportedOperationException("BlobFS has only basic attributes, not " + type.getName());
        }
        BlobPath p = cast(path);
        BlobFileSystem fs = fs(p);
        String name = p.blobName();
        if (fs.blobFs().exists(name)) {
            return (A) new BlobFileAttributes(false, fs.blobFs().size(name), fs.blobFs().blobId(name));
        }
        if (isDirectory(fs, name)) {
            return (A) new BlobFileAttributes(true, 0, null);
        }
        throw new NoSuchFileException(p.toString());
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        String spec = attributes.startsWith("basic:") ? attributes.substring(6) : attributes;
        if (attributes.contains(":") && !attributes.startsWith("basic:")) {
            throw new UnsupportedOperationException("BlobFS has only basic attributes: " + attributes);
        }
        BasicFileAttributes a = readAttributes(path, BasicFileAttributes.class);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("size", a.size());
        all.put("isDirectory", a.isDirectory());
        all.put("isRegularFile", a.isRegularFile());
        all.put("isSymbolicLink", false);
        all.put("isOther", false);
        all.put("lastModifiedTime", a.lastModifiedTime());
        all.put("lastAccessTime", a.lastAccessTime());
        all.put("creationTime", a.creationTime());
        all.put("fileKey", a.fileKey());
        if (spec.equals("*")) {
            return all;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : spec.split(",")) {
            if (!all.containsKey(k)) {
                throw new IllegalArgumentException("unknown basic attribute " + k);
            }
            out.put(k, all.get(k));
        }
        return out;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new UnsupportedOperationException("BlobFS attributes cannot be set: " + attribute);
    }
}
