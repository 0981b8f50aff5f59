package io.github.blobds.flatfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.InvalidKeyException;
import io.github.blobds.datastore.Key;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlatfsKeysTest {

    // go-ds-flatfs key_test.go TestKeyIsValid (validKeys, invalidKeys), plus the root key and the empty name.
    @Test
    void keyIsValid() {
        for (String k : List.of("/FOO", "/1BAR1", "/=EMACS-IS-KING=", "/A+B_C")) {
            assertTrue(FlatfsKeys.isValid(Key.of(k)), () -> k + " should be valid");
        }
        for (String k : List.of("/foo/bar", "/foo\\bar", "/foo\u0000bar", "/=Vim-IS-KING=", "/", "/FOO/BAR", "/É")) {
            assertFalse(FlatfsKeys.isValid(Key.of(k)), () -> Key.of(k) + " should be invalid");
        }
        assertFalse(FlatfsKeys.isValid(""));
        assertFalse(FlatfsKeys.isValid("FOO"));
    }

    @Test
    void invalidKeyMessageNamesTheKey() {
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> FlatfsKeys.requireValid(Key.of("/foo/bar")));
        assertTrue(e.getMessage().startsWith("key /foo/bar not supported by flatfs: "), e.getMessage());
    }

    @Test
    void fileNamesDecodeBackToKeys() {
        assertEquals("QUUX.data", FlatfsKeys.fileName(Key.of("/QUUX")));
        assertEquals(Optional.of(Key.of("/QUUX")), FlatfsKeys.decode("QUUX.data"));
        assertEquals(Optional.empty(), FlatfsKeys.decode("put-123"));
        assertEquals(Optional.empty(), FlatfsKeys.decode("lower.data"));
        assertEquals(Optional.empty(), FlatfsKeys.decode(".data"));
    }
}
