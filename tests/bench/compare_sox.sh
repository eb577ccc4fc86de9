#!/usr/bin/env bash
# earlab-cli render against sox on the same job: 60 s of stereo 48 kHz pink noise through five
# peaking bands and a compressor (threshold -30 dB, ratio 4, attack 5 ms, release 50 ms,
# knee 6 dB), float WAV in and out. Best wall time of 3 runs each. Goal: EarLab >= 3x sox.
# Usage: tests/bench/compare_sox.sh [path/to/earlab-cli]   (default: build/app/earlab-cli)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cli="${1:-$here/../../build/app/earlab-cli}"
[[ -x "$cli" ]] || { echo "compare_sox.sh: no earlab-cli at $cli (build it, or pass its path)" >&2; exit 2; }
command -v sox >/dev/null || { echo "compare_sox.sh: sox is not installed" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/earlab-compare-sox-XXXXXX")"
trap 'rm -rf "$work"' EXIT
seconds=60
sox -n -r 48000 -c 2 -b 32 -e float "$work/pink.wav" synth "$seconds" pinknoise vol 0.25

# The same settings in each tool's words. sox's compand takes seconds and a transfer curve:
# unity up to -30 dB, then 1/4 slope (0 dB in -> -30 + 30/4 = -22.5 dB out), 6 dB soft knee.
bands=("100:4:1" "400:-3:1.4" "1000:6:1" "3000:-4:2" "8000:3:0.7")
earlab_args=()
sox_effects=()
for b in "${bands[@]}"; do
    IFS=: read -r f g q <<<"$b"
    earlab_args+=(--eq "peak:$f:$g:$q")
    sox_effects+=(equalizer "$f" "${q}q" "$g")
done
earlab_args+=(--compress -30:4:5:50:6)
sox_effects+=(compand 0.005,0.05 6:-30,-30,0,-22.5)

now() { date +%s.%N; }
best_of_3() { # command...
    local best="" t0 t1 dt
    for _ in 1 2 3; do
        t0=$(now); "$@" >/dev/null; t1=$(now)
        dt=$(echo "$t1 - $t0" | bc -l)
        if [[ -z "$best" ]] || (( $(echo "$dt < $best" | bc -l) )); then best=$dt; fi
    done
    echo "$best"
}

earlab_s=$(best_of_3 "$cli" render "$work/pink.wav" -o "$work/out.wav" "${earlab_args[@]}")
sox_s=$(best_of_3 sox -V1 "$work/pink.wav" "$work/out2.wav" "${sox_effects[@]}")

printf 'job: %d s stereo 48 kHz float pink noise, 5 peaking bands + compressor, best of 3\n' "$seconds"
printf 'earlab-cli render: %6.3f s  %6.1f x realtime\n' "$earlab_s" "$(echo "$seconds / $earlab_s" | bc -l)"
printf 'sox:               %6.3f s  %6.1f x realtime\n' "$sox_s" "$(echo "$seconds / $sox_s" | bc -l)"
ratio=$(echo "$sox_s / $earlab_s" | bc -l)
printf 'earlab-cli is %.2fx as fast as sox (goal >= 3x)\n' "$ratio"
