#pragma once
// Internal to the library scans (library_scan.cpp, library_scan_stems.cpp): the steps a scan
// of one file and a scan of a folder of stems share, so both fail, report progress and
// measure alike.

#include "exercises/library_scan.h"

#include "audio/audio_buffer.h"

#include <QString>

#include <atomic>
#include <functional>

namespace earlab::scan_steps {

// Thrown from a scan's body when the audio cannot be trained on (or a folder cannot be one
// multitrack); `message` names the file and the cause. Never escapes runScan.
struct Unusable {
    QString message;
};

// Why decoded audio cannot be trained on ("digital silence: …", "shorter than one loop …"),
// or empty.
QString unusableCause(const AudioBuffer& audio);

// Reports a fraction of the scan, 0..1 (clamped, never decreasing); throws to stop the scan
// when it was cancelled.
using Report = std::function<void(double)>;

// Runs `body` with what every scan shares: result.path = libraryKey(path); progress from 0
// to 1.0 (also on failure); the cancel flag polled at every report; any failure (AudioError,
// Unusable, cancellation, out of memory, anything else) turned into ok = false and one
// message naming the file. A failed result keeps stemFolder and stems.
ScanResult runScan(const QString& path, const std::function<void(double)>& progress, const std::atomic<bool>* cancel,
                   const std::function<void(ScanResult&, const Report&)>& body);

// Measures the decoded stereo `audio` into `result` (duration, overview, loudness, octave
// levels, loop region) and sets ok; the scan reached `decoded` (0..1) before it, and this
// step reports the rest of the way to 1.
void measure(ScanResult& result, const AudioBuffer& audio, const Report& report, double decoded);

// The share of a scan's time decoding takes when `files` files are decoded for one measured
// signal (see library_scan.cpp for the shares of one file).
double decodeShare(int files);

} // namespace earlab::scan_steps
