#!/bin/sh
# Builds the JNI shim with the Makefile when SPDK is installed, else says so in one line and succeeds.
# Usage: build.sh <classes dir> <object dir> <java.home>
set -eu
classes=$1
objdir=$2
java_home=$3

if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists spdk_blob; then
    echo "[native] SPDK not found by pkg-config (spdk_blob): native library not built; SPDK suites will be skipped"
    exit 0
fi

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86_64 ;;
    Linux-aarch64) platform=linux-aarch64 ;;
    *) echo "[native] unsupported platform $(uname -s)-$(uname -m): native library not built; SPDK suites will be skipped"; exit 0 ;;
esac

# spdk_blob's pkg-config version is its library version (12.0 in v25.05); SPDK's own is in spdk/version.h.
version=
for dir in $(pkg-config --cflags-only-I spdk_blob | sed 's/-I//g'); do
    if [ -f "$dir/spdk/version.h" ]; then
        version=$(awk '/^#define SPDK_VERSION_(MAJOR|MINOR|PATCH)[ \t]/ { v[$2] = $3 } END { printf "%d.%02d.%d", v["SPDK_VERSION_MAJOR"], v["SPDK_VERSION_MINOR"], v["SPDK_VERSION_PATCH"] }' "$dir/spdk/version.h")
        break
    fi
done
echo "[native] building libblobds_spdk.so against SPDK ${version:-?} (spdk_blob $(pkg-config --modversion spdk_blob)) for $platform"
make -f Makefile OBJDIR="$objdir" OUTDIR="$classes/native/$platform" JAVA_HOME="$java_home"
# What it was built against, for the manifest of blobfs-spdk's platform jar.
printf 'spdk.version=%s\nspdk_blob.version=%s\nplatform=%s\n' "${version:-unknown}" "$(pkg-config --modversion spdk_blob)" "$platform" \
    > "$classes/native/$platform/build.properties"
