package io.github.blobds.spdk;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.BlobFsSuite;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The BlobFS suite with BlobFS over SPDK's Blobstore (64 MiB, 64 KiB clusters) on a malloc bdev and on an aio bdev. */
@Tag("spdk")
class SpdkBlobFsSuiteTest {

    /** Skips every nested suite, with the reason, where SPDK is not available. */
    SpdkBlobFsSuiteTest() {
        SpdkTests.environment();
    }

    static final BlobstoreOptions OPTIONS = BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(64 << 10);

    abstract static class OnBdev extends BlobFsSuite {
        private String bdev;
        private BlobFileSystem fs;

        abstract String freshBdev();

        @Override
        protected FileSystem createFileSystem() throws IOException {
            bdev = freshBdev();
            return fs = BlobFileSystem.open(SpdkBlobstore.init(SpdkTests.environment(), bdev, OPTIONS), true);
        }

        @Override
        protected FileSystem reopen() throws IOException {
            fs.close();
            return fs = BlobFileSystem.open(SpdkBlobstore.load(SpdkTests.environment(), bdev, OPTIONS), true);
        }

        @Override
        protected long clusterSize() {
            return OPTIONS.clusterSize();
        }
    }

    @Nested
    class OnMallocBdev extends OnBdev {
        @Override
        String freshBdev() {
            return SpdkTests.freshMalloc(64 << 20, 4096);
        }
    }

    @Nested
    class OnAioBdev extends OnBdev {
        @TempDir
        Path dir;
        private int images;

        @Override
        String freshBdev() {
            return SpdkTests.freshAio(dir.resolve("blobfs" + ++images + ".img"), 64 << 20, 4096);
        }
    }

    /** On a namespace of SPDK's NVMe-oF target, attached over NVMe/TCP ({@link NvmfTarget}; skipped where it is absent). */
    @Nested
    class OnNvmeOverTcp extends OnBdev {
        OnNvmeOverTcp() {
            NvmfTarget.shared();
        }

        @Override
        String freshBdev() {
            return SpdkTests.freshNvme();
        }
    }
}
