package io.github.blobds.flatfs;

import static io.github.blobds.flatfs.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Result;
import io.github.blobds.datastore.query.Results;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries: the walk of go-ds-flatfs v0.6.1 {@code walkTopLevel}/{@code walk}, and flatfs_test.go TestQueryLeak. */
class FlatfsQueryTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("Only root queries find keys; entries starting with '.', foreign files and other names are skipped")
    void walkSkipsWhatIsNotData() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.prefix(2), false)) {
            fs.put(Key.of("/QUUX"), bytes("foobar"));
            fs.put(Key.of("/ABC"), bytes("x"));
            Files.writeString(temp.resolve("QU").resolve(".QUIET.data"), "hidden");
            Files.writeString(temp.resolve("QU").resolve("put-77"), "temporary");
            Files.writeString(temp.resolve("QU").resolve("lower.data"), "not a flatfs key");
            Files.createDirectories(temp.resolve(".hidden"));
            Files.writeString(temp.resolve(".hidden").resolve("HID.data"), "hidden");
            Files.writeString(temp.resolve("STRAY.data"), "a file at the top");
            Query q = Query.builder().order(new OrderByKey()).build();
            try (Results r = fs.query(q)) {
                assertSame(q, r.query());
                assertEquals(List.of(Entry.of("/ABC", bytes("x")), Entry.of("/QUUX", bytes("foobar"))), r.rest());
            }
            for (String prefix : List.of("", "/", "/./", "/QU/..")) {
                try (Results r = fs.query(Query.builder().prefix(prefix).keysOnly(true).build())) {
                    assertEquals(2, r.rest().size(), () -> "prefix " + prefix);
                }
            }
            for (String prefix : List.of("/QUUX", "/QU", "/capital")) {
                Query p = Query.builder().prefix(prefix).build();
                try (Results r = fs.query(p)) {
                    assertSame(p, r.query());
                    assertEquals(List.of(), r.rest(), () -> "prefix " + prefix);
                }
            }
            try (Results r = fs.query(Query.builder().keysOnly(true).returnsSizes(true).order(new OrderByKey()).build())) {
                assertEquals(List.of(Entry.keyOnly("/ABC", 1), Entry.keyOnly("/QUUX", 6)), r.rest());
            }
        }
    }

    @Test
    @DisplayName("A file that cannot be read is an error result and the walk goes on")
    void readErrorsAreResults() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.prefix(2), false)) {
            fs.put(Key.of("/QUUX"), bytes("foobar"));
            Files.createDirectories(temp.resolve("QU").resolve("QUIRK.data"));
            List<Result> results = new ArrayList<>();
            try (Results r = fs.query(Query.all())) {
                for (Optional<Result> x = r.nextResult(); x.isPresent(); x = r.nextResult()) {
                    results.add(x.get());
                }
            }
            assertEquals(2, results.size(), results::toString);
            Result error = results.stream().filter(Result::isError).findFirst().orElseThrow();
            assertInstanceOf(FlatfsIoException.class, error.error());
            assertTrue(error.error().getMessage().contains("/QUIRK"), error.error().getMessage());
            assertEquals("/QUUX", results.stream().filter(x -> !x.isError()).findFirst().orElseThrow().entry().key());
        }
    }

    @Test
    @DisplayName("Closing results early ends them; a vanished directory ends the walk with an error")
    void closeEarly() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.prefix(2), false)) {
            for (int i = 0; i < 20; i++) {
                fs.put(Key.of("/K" + i), bytes("v" + i));
            }
            Results r = fs.query(Query.builder().keysOnly(true).build());
            assertTrue(r.nextResult().isPresent());
            r.close();
            r.close();
            assertEquals(Optional.empty(), r.nextResult());
        }
        Path gone = temp.resolve("gone");
        FlatfsDatastore fs = FlatfsDatastore.createOrOpen(gone, ShardFunction.prefix(2), false);
        Results r = fs.query(Query.builder().keysOnly(true).build());
        fs.close();
        PathIo.deleteRecursively(gone);
        Optional<Result> first = r.nextResult();
        assertTrue(first.isPresent() && first.get().isError(), () -> "an error result, got " + first);
        assertTrue(first.get().error().getMessage().startsWith("walk failed"), first.get().error().getMessage());
        assertEquals(Optional.empty(), r.nextResult());
    }

    // go-ds-flatfs flatfs_test.go TestQueryLeak: 200 keys-only queries closed right away leave no directory
    // streams open (go counts goroutines; here the process's open file descriptors are counted).
    @Test
    @DisplayName("TestQueryLeak: queries closed early do not leak directory streams")
    void queryLeak() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(os instanceof UnixOperatingSystemMXBean, "counting descriptors needs a Unix JVM");
        UnixOperatingSystemMXBean unix = (UnixOperatingSystemMXBean) os;
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.prefix(2), false)) {
            FlatfsBatch b = fs.batch();
            for (int i = 0; i < 1000; i++) {
                b.put(Key.of("/" + i), bytes("foobar"));
            }
            b.commit();
            long before = unix.getOpenFileDescriptorCount();
            for (int i = 0; i < 200; i++) {
                Results r = fs.query(Query.builder().keysOnly(true).build());
                r.nextResult();
                r.close();
            }
            long after = unix.getOpenFileDescriptorCount();
            assertTrue(after - before < 10, () -> "leaked " + (after - before) + " descriptors");
        }
    }
}
