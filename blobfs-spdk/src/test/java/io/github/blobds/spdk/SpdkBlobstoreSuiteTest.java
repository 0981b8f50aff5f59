package io.github.blobds.spdk;

import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.BlobstoreSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The Blobstore suite on SPDK: malloc bdevs with 4096- and 512-byte blocks, and an aio bdev on a file. */
@Tag("spdk")
class SpdkBlobstoreSuiteTest {

    /** Skips every nested suite, with the reason, where SPDK is not available. */
    SpdkBlobstoreSuiteTest() {
        SpdkTests.environment();
    }

    @Nested
    class OnMallocBdev extends BlobstoreSuite {
        private String bdev;

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            bdev = SpdkTests.freshMalloc(deviceBytes(), blockSize());
            return SpdkBlobstore.init(SpdkTests.environment(), bdev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            return SpdkBlobstore.load(SpdkTests.environment(), bdev, options);
        }
    }

    @Nested
    class OnMallocBdevWith512ByteBlocks extends BlobstoreSuite {
        private String bdev;

        @Override
        protected int blockSize() {
            return 512;
        }

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            bdev = SpdkTests.freshMalloc(deviceBytes(), blockSize());
            return SpdkBlobstore.init(SpdkTests.environment(), bdev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            return SpdkBlobstore.load(SpdkTests.environment(), bdev, options);
        }
    }

    @Nested
    class OnAioBdev extends BlobstoreSuite {
        @TempDir
        Path dir;
        private String bdev;
        private int images;

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            bdev = SpdkTests.freshAio(dir.resolve("blobstore" + ++images + ".img"), deviceBytes(), blockSize());
            return SpdkBlobstore.init(SpdkTests.environment(), bdev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            return SpdkBlobstore.load(SpdkTests.environment(), bdev, options);
        }
    }

    /**
     * A namespace of SPDK's NVMe-oF target in another process, attached over NVMe/TCP with
     * {@code bdev_nvme_attach_controller}: SPDK's NVMe driver and bdev_nvme under the Blobstore
     * ({@link NvmfTarget}; skipped, saying why, where {@code nvmf_tgt} is not installed).
     */
    @Nested
    class OnNvmeOverTcp extends BlobstoreSuite {
        private String bdev;

        OnNvmeOverTcp() {
            NvmfTarget.shared();
        }

        @Override
        protected long deviceBytes() {
            return NvmfTarget.NAMESPACE_BYTES;
        }

        @Override
        protected Blobstore init(BlobstoreOptions options) {
            bdev = SpdkTests.freshNvme();
            return SpdkBlobstore.init(SpdkTests.environment(), bdev, options);
        }

        @Override
        protected Blobstore load(BlobstoreOptions options) {
            return SpdkBlobstore.load(SpdkTests.environment(), bdev, options);
        }
    }
}
