package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.flatfs.FlatfsDatastore;
import io.github.blobds.flatfs.InvalidShardFunctionException;
import io.github.blobds.flatfs.ShardFunction;

/** {@code flatfs} → {@link FlatfsDatastore}, created or opened as kubo's {@code flatfs.CreateOrOpen}. */
final class FlatfsSpecType implements SpecType<FlatfsSpec> {

    @Override
    public Class<FlatfsSpec> specClass() {
        return FlatfsSpec.class;
    }

    @Override
    public FlatfsSpec parse(SpecObject spec) {
        String path = spec.requiredString("path");
        ShardFunction shardFunc = ShardFunction.DEFAULT;
        if (spec.has("shardFunc") && spec.value("shardFunc").isTextual()) {
            try {
                shardFunc = ShardFunction.parse(spec.requiredString("shardFunc"));
            } catch (InvalidShardFunctionException e) {
                spec.problem("shardFunc", e.getMessage() + " (shard functions look like \"" + ShardFunction.DEFAULT + "\")");
            }
        } else {
            spec.requiredString("shardFunc");
        }
        boolean sync = spec.requiredBoolean("sync");
        return new FlatfsSpec(path, shardFunc, sync, spec.placement(path));
    }

    @Override
    public Datastore create(FlatfsSpec spec, Assembly assembly) {
        return FlatfsDatastore.createOrOpen(assembly.directory(spec.path(), spec.blobfs()), spec.shardFunc(), spec.sync());
    }
}
