#!/usr/bin/env bash
# Peak resident memory of earlab-cli on a long file: `info`, `render --master` and
# `render --match-loudness` of 30 minutes of 96 kHz stereo pink noise (24-bit WAV, 1.0 GB;
# made by sox), FLAC out. Each command runs once under /usr/bin/time -v (the child's peak RSS
# as the kernel counts it, plus its wall and CPU time). Goal: <= 256 MB for any length.
# Usage: tests/bench/bench_memory.sh [path/to/earlab-cli [path/to/another/earlab-cli]]
#   (default: build/app/earlab-cli; a second CLI, e.g. main's build, is measured the same way)
# EARLAB_BENCH_MEMORY_SECONDS overrides the length (default 1800).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clis=("${1:-$here/../../build/app/earlab-cli}")
[[ $# -ge 2 ]] && clis+=("$2")
for cli in "${clis[@]}"; do
    [[ -x "$cli" ]] || { echo "bench_memory.sh: no earlab-cli at $cli (build it, or pass its path)" >&2; exit 2; }
done
command -v sox >/dev/null || { echo "bench_memory.sh: sox is not installed" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench_memory.sh: /usr/bin/time is not installed (apt install time)" >&2; exit 2; }

seconds="${EARLAB_BENCH_MEMORY_SECONDS:-1800}"
goal_kb=$((256 * 1024))
work="$(mktemp -d "${TMPDIR:-/tmp}/earlab-bench-memory-XXXXXX")"
trap 'rm -rf "$work"' EXIT
sox -n -r 96000 -c 2 -b 24 "$work/long.wav" synth "$seconds" pinknoise vol 0.7 2>/dev/null

status=0
measure() { # label, cli, args...
    local label="$1" cli="$2"
    shift 2
    /usr/bin/time -v "$cli" "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; status=1; return; }
    local rss wall user sys
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
    sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
    printf '%-40s peak RSS %8.1f MB   wall %8s   user %7ss   sys %6ss   %s\n' \
        "$label" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$wall" "$user" "$sys" "$cli"
    [[ "$cli" == "${clis[0]}" && "$rss" -gt "$goal_kb" ]] && status=1
    rm -f "$work/out.flac"
}

echo "input: $seconds s of 96 kHz stereo, $(du -h "$work/long.wav" | cut -f1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for cli in "${clis[@]}"; do
    measure "info" "$cli" info "$work/long.wav"
    measure "render --master" "$cli" render "$work/long.wav" -o "$work/out.flac" --master
    measure "render --eq ... --match-loudness" "$cli" render "$work/long.wav" -o "$work/out.flac" \
        --eq peak:1000:6:1 --match-loudness
done
[[ $status -eq 0 ]] && echo "goal (<= 256 MB for ${clis[0]}): met" || echo "goal (<= 256 MB for ${clis[0]}): NOT met"
exit $status
