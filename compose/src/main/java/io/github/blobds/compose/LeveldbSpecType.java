package io.github.blobds.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.levelds.LeveldbDatastore;
import io.github.blobds.levelds.LeveldbOptions;
import io.github.blobds.levelds.LeveldbOptions.Compression;
import java.util.List;

/** {@code levelds} → {@link LeveldbDatastore} with go-ds-leveldb's options and the spec's compression. */
final class LeveldbSpecType implements SpecType<LeveldbSpec> {

    private static final List<String> COMPRESSIONS = List.of("none", "snappy");

    @Override
    public Class<LeveldbSpec> specClass() {
        return LeveldbSpec.class;
    }

    @Override
    public LeveldbSpec parse(SpecObject spec) {
        String path = spec.requiredString("path");
        Compression compression = Compression.SNAPPY;
        JsonNode c = spec.value("compression");
        if (c != null && !c.isTextual()) {
            spec.wrongType("compression", "a string (\"none\" or \"snappy\")", c);
        } else if (c != null && !c.textValue().isEmpty()) {
            String name = c.textValue();
            if (COMPRESSIONS.contains(name)) {
                compression = Compression.fromSpec(name);
            } else {
                spec.problem("compression", "unrecognized value for compression: \"" + name + "\"" + Suggestions.didYouMean(name, COMPRESSIONS)
                        + " (expected \"none\" or \"snappy\"; \"\" or absent mean goleveldb's default, \"snappy\")");
            }
        }
        return new LeveldbSpec(path, compression, spec.placement(path));
    }

    @Override
    public Datastore create(LeveldbSpec spec, Assembly assembly) {
        return LeveldbDatastore.open(assembly.directory(spec.path(), spec.blobfs()),
                LeveldbOptions.defaults().toBuilder().compression(spec.compression()).build());
    }
}
