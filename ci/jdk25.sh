# Sourced by the ci/ scripts: exports JAVA_HOME pointing at a JDK 25 (Maven runs on it; the build
# itself selects JDK 25 for compiling and testing through maven-toolchains-plugin either way).
is_jdk25() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -q 'version "25'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk25 "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* "$HOME"/.jdks/*25*; do
    if is_jdk25 "$candidate"; then JAVA_HOME="$candidate"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "$0: no JDK 25 found (looked in \$JAVA_HOME, /usr/lib/jvm and ~/.jdks); install one and set JAVA_HOME" >&2
    exit 1
  fi
fi
export JAVA_HOME
