# Shared by scripts/run and scripts/test: install what is missing, configure, build.
# Sourced, not executed.

EARLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EARLAB_BUILD_DIR="${EARLAB_BUILD_DIR:-$EARLAB_ROOT/build}"

# Debian 12 packages the build needs (see ../shared/DESIGN.md, "Dependencies").
EARLAB_BUILD_PACKAGES=(
  cmake g++ ninja-build pkg-config mold
  qt6-base-dev qt6-declarative-dev qt6-charts-dev libqt6sql6-sqlite
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtqml-workerscript
  qml6-module-qttest qml6-module-qtcharts
  portaudio19-dev libsndfile1-dev libmpg123-dev libebur128-dev libsoxr-dev libfftw3-dev
  libreaderwriterqueue-dev libbenchmark-dev
)
# Extra packages the tests need: a JACK dummy server for real-time pacing, sox for the
# reference signals and the sox comparison benchmark, opus-tools (opusdec) to check written
# Opus files with a decoder that is not EarLab's.
EARLAB_TEST_PACKAGES=(jackd2 sox libsox-fmt-all opus-tools)

earlab_missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"
  done
}

earlab_ensure_packages() {
  local missing
  missing=$(earlab_missing_packages "$@")
  [ -z "$missing" ] && return 0
  echo "earlab: installing missing packages:" $missing >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "earlab: need root (or sudo) to install:" $missing >&2; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
}

# earlab_build [BUILD_DIR [CMAKE_OPTION...]]: configure and build in BUILD_DIR (default
# $EARLAB_BUILD_DIR) with the given extra options, e.g. -DEARLAB_SANITIZE=ON.
earlab_build() {
  local dir="${1:-$EARLAB_BUILD_DIR}"
  [ $# -gt 0 ] && shift
  local generator=()
  [ -f "$dir/CMakeCache.txt" ] || generator=(-G Ninja)
  cmake -S "$EARLAB_ROOT" -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  cmake --build "$dir" --parallel "$(nproc)"
}
