package io.github.blobds.levelds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.levelds.LeveldbOptions.Compression;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LeveldbOptionsTest {

    @Test
    @DisplayName("Defaults: no compression (kubo's spec), synced writes (go-ds-leveldb), LevelDB's sizes")
    void defaults() {
        LeveldbOptions o = LeveldbOptions.defaults();
        assertEquals(Compression.NONE, o.compression());
        assertTrue(o.syncWrites());
        assertEquals(4 << 20, o.writeBufferSize());
        assertEquals(4 << 10, o.blockSize());
        assertEquals(8 << 20, o.cacheSize());
        assertEquals(1000, o.maxOpenFiles());
        assertTrue(o.createIfMissing());
        assertFalse(o.errorIfExists());
        assertFalse(o.paranoidChecks());
    }

    @Test
    @DisplayName("Every field maps through the builder and back")
    void fullMapping() {
        LeveldbOptions o = LeveldbOptions.builder().compression(Compression.SNAPPY).syncWrites(false)
                .writeBufferSize(1 << 16).blockSize(1 << 12).cacheSize(1 << 20).maxOpenFiles(100)
                .createIfMissing(false).errorIfExists(true).paranoidChecks(true).build();
        assertEquals(new LeveldbOptions(Compression.SNAPPY, false, 1 << 16, 1 << 12, 1 << 20, 100, false, true, true), o);
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    @DisplayName("Sizes must be positive and compression given; errors name the field")
    void validation() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> LeveldbOptions.builder().writeBufferSize(0).build());
        assertTrue(e.getMessage().contains("writeBufferSize"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> LeveldbOptions.builder().blockSize(-1).build());
        assertThrows(InvalidArgumentException.class, () -> LeveldbOptions.builder().cacheSize(0).build());
        assertThrows(InvalidArgumentException.class, () -> LeveldbOptions.builder().maxOpenFiles(0).build());
        assertThrows(InvalidArgumentException.class, () -> LeveldbOptions.builder().compression(null).build());
    }

    @Test
    @DisplayName("kubo's compression names: none, snappy, and empty for goleveldb's default (snappy)")
    void kuboNames() {
        assertEquals(Compression.NONE, Compression.fromSpec("none"));
        assertEquals(Compression.SNAPPY, Compression.fromSpec("snappy"));
        assertEquals(Compression.SNAPPY, Compression.fromSpec(""));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Compression.fromSpec("zlib"));
        assertTrue(e.getMessage().contains("unrecognized value for compression") && e.getMessage().contains("zlib"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> Compression.fromSpec(null));
        assertEquals("none", Compression.NONE.specName());
        assertEquals("snappy", Compression.SNAPPY.specName());
    }
}
