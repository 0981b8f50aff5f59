package io.github.blobds.compose;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The creation of one datastore tree in a repo, as {@link SpecType#create} sees it: creates children,
 * resolves directories (on the repo's file system, or inside a shared BlobFS), and keeps everything
 * created so that the tree closes in reverse order of creation, each part once.
 *
 * <p>Ownership: a datastore made with {@link #create} belongs to the datastore its caller returns (a
 * mount owns its mounts, a measure wrapper its child), which closes it. A BlobFS opened by
 * {@link #directory} is shared by every datastore on its image and belongs to the tree: it closes after
 * the root, so after the last datastore using it. If creating fails, everything created so far is closed
 * in reverse order. Used by one thread, during one {@link Composition#create}.
 */
public final class Assembly {

    private final Map<String, SpecType<?>> types;
    private final Path repo;
    private final boolean existingRepo;
    private final List<Owned> owned = new ArrayList<>();
    private final Map<String, BlobFileSystem> fileSystems = new HashMap<>();

    private Assembly(Map<String, SpecType<?>> types, Path repo, boolean existingRepo) {
        this.types = types;
        this.repo = repo;
        this.existingRepo = existingRepo;
    }

    /**
     * The tree of {@code spec} in {@code repo}, behind a root that closes everything; {@code existingRepo}
     * when the repo's {@code datastore_spec} was there before (then a blank bdev is missing data, not new).
     */
    static Batching compose(Map<String, SpecType<?>> types, DatastoreSpec spec, Path repo, boolean existingRepo) {
        Assembly assembly = new Assembly(types, repo.toAbsolutePath().normalize(), existingRepo);
        try {
            Datastore root = assembly.create(spec);
            if (!(root instanceof Batching)) {
                throw new DatastoreException("the root datastore " + root + " of a " + spec.type()
                        + " spec is not Batching, as kubo's repo datastore must be");
            }
            return ComposedDatastore.of(root, List.copyOf(assembly.owned));
        } catch (RuntimeException e) {
            ComposedDatastore.closeAll(assembly.owned, e);
            throw e;
        }
    }

    /** The repo directory, absolute: relative paths in specs are resolved against it. */
    public Path repo() {
        return repo;
    }

    /**
     * Creates the datastore of {@code spec} with the spec type registered under its {@link DatastoreSpec#type()}.
     * The datastore returned to the caller owns it.
     *
     * @throws DatastoreException when no such type is registered, or creating fails
     */
    public Datastore create(DatastoreSpec spec) {
        InvalidArgumentException.requireNonNull(spec, "spec");
        SpecType<?> type = types.get(spec.type());
        if (type == null) {
            throw new DatastoreException("no spec type \"" + spec.type() + "\" is registered (known types: "
                    + Suggestions.list(types.keySet()) + ")");
        }
        int mark = owned.size();
        Datastore ds = createAs(type, spec);
        if (ds == null) {
            throw new DatastoreException("spec type \"" + spec.type() + "\" created no datastore for " + spec);
        }
        owned.subList(mark, owned.size()).removeIf(Owned::datastore);
        owned.add(new Owned(ds.toString(), ds, true));
        return ds;
    }

    private <S extends DatastoreSpec> Datastore createAs(SpecType<S> type, DatastoreSpec spec) {
        if (!type.specClass().isInstance(spec)) {
            throw new DatastoreException("spec type \"" + spec.type() + "\" takes a " + type.specClass().getSimpleName()
                    + ", not a " + spec.getClass().getSimpleName());
        }
        return type.create(type.specClass().cast(spec), this);
    }

    /**
     * Where a datastore keeps the directory {@code path}: relative to the repo (or absolute) on the
     * repo's file system, or, with a {@code placement}, that path inside the BlobFS on the placement's
     * image or bdev — opened (and formatted when the image is new, or the bdev blank in a new repo) on
     * first use and shared by every datastore naming the same image or bdev. The directory itself is left
     * for the datastore to create.
     *
     * @throws DatastoreException when the image cannot be opened, or its backend is not available
     */
    public Path directory(String path, Optional<BlobFsPlacement> placement) {
        InvalidArgumentException.requireNonNull(path, "path");
        InvalidArgumentException.requireNonNull(placement, "placement");
        if (placement.isEmpty()) {
            return repo.resolve(path).normalize();
        }
        BlobFsPlacement p = placement.get();
        BlobFileSystem fs = fileSystems.get(BlobFsPlacement.key(p));
        if (fs == null) {
            fs = BlobFsImage.open(p, repo, existingRepo, (what, resource) -> owned.add(new Owned(what, resource, false)));
            fileSystems.put(BlobFsPlacement.key(p), fs);
        }
        return fs.getPath(Key.of(path).toString());
    }

    /** Something the tree closes: a datastore (handed to its parent when the parent is made) or a shared resource. */
    record Owned(String what, AutoCloseable resource, boolean datastore) {
    }
}
