#pragma once
// Scanning one file of the user's music: what the library shows (format, duration,
// loudness, spectrum) and the loop region questions will play. A broken file is a result
// (ok = false with a message for the user), never an exception: one bad file in a folder
// of hundreds must not stop or crash a scan.

#include "exercises/loop_region.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace earlab {

// The whole file at a glance, for the loop editor's picture: `bins` stretches of equal
// length over the file (bin i holds frames [i·N/bins, (i+1)·N/bins)), each with the largest
// |sample| of either channel and the RMS of both channels together, of the stereo signal
// EarLab plays. Each value is one byte, round(255·√amplitude) with the amplitude linear re
// full scale clamped to 0..1: the square root spends the 256 steps where the eye needs them
// (0.5 comes back within ±0.002, -40 dBFS within ±0.4 dB, silence as exactly 0), so 400 bins
// cost 800 bytes in the database.
struct LevelOverview {
    QByteArray peak; // one code per bin
    QByteArray rms;  // one code per bin, the same bins

    int bins() const { return int(peak.size()); }
    bool isEmpty() const { return peak.isEmpty(); }
    double peakAt(int bin) const { return decode(std::uint8_t(peak.at(bin))); } // linear 0..1
    double rmsAt(int bin) const { return decode(std::uint8_t(rms.at(bin))); }   // linear 0..1
    // The peaks then the RMS values: what the library stores and hands to the picture.
    QByteArray toBytes() const { return peak + rms; }
    // Empty for an empty or odd-sized array (nothing, or not an overview).
    static LevelOverview fromBytes(const QByteArray& bytes);
    static std::uint8_t encode(double amplitude); // NaN gives 0, above 1 gives 255
    static double decode(std::uint8_t code) { return (code / 255.0) * (code / 255.0); }

    bool operator==(const LevelOverview&) const = default;
};

inline constexpr int kOverviewBins = 400;

// The overview of `audio` (any channel count; EarLab passes the stereo it plays). Empty for
// an empty buffer or bins <= 0; a file shorter than `bins` frames has empty bins, at 0.
LevelOverview levelOverview(const AudioBuffer& audio, int bins = kOverviewBins);

struct ScanResult {
    QString path;         // libraryKey() of the path scanned: absolute, cleaned
    bool ok = false;
    QString error;        // when !ok: the AudioError message, naming the file and the cause,
                          // or why the file cannot be trained on (digital silence, shorter
                          // than one loop: see scanFile)
    QStringList warnings; // when ok: damage the decoder worked around (AudioFileInfo::warnings),
                          // each naming the file
    QString format;       // "WAV", "FLAC", "MP3", ... (AudioFileInfo::format)
    int channels = 0;     // as stored in the file
    int sampleRate = 0;   // Hz, as stored in the file
    double durationSeconds = 0.0;
    double loudnessLufs = -std::numeric_limits<double>::infinity(); // BS.1770 integrated, of
                          // the stereo signal EarLab plays (mono as dual mono, > 2 channels
                          // downmixed); -inf for silence
    double truePeakDbtp = -std::numeric_limits<double>::infinity(); // dBTP, same signal
    std::vector<double> octaveLevelsDb; // 9 values, 63 Hz..16 kHz (octaveCentresHz()), dB re
                          // full scale RMS per band (band_energy.h); -inf where the band is
                          // empty or above 0.49 × sampleRate. Empty when !ok.
    TimeRegion region;    // pickDenseRegion(…, 15 s); {0, 0} when !ok
    LevelOverview overview; // kOverviewBins bins over the whole file; empty when !ok (and
                          // for rows the library stored before it kept overviews)
    QString genre;        // the file's genre tag (audio/io/file_tags.h), empty when it has none
                          // (or !ok); a folder of stems: the first stem's that has one
    // A folder of stems (library_scan_stems.h): `path` is the folder, one multitrack whose mix
    // is the stems' sum; every figure above is of that mix. Set even when !ok.
    bool stemFolder = false;
    QStringList stems;    // a folder's stem files (audioFilesIn, not recursive), as listed
                          // by its last scan; empty for a file
};

inline constexpr double kDefaultLoopSeconds = 15.0;
// The shortest loop the loop editor lets the user pin (LoopOverviewItem::kMinLoopSeconds):
// a file shorter than this cannot give a question.
inline constexpr double kShortestLoopSeconds = 5.0;
// Peak level under which a file counts as digital silence: below the dither of 16-bit audio
// (-96 dBFS per step), so exact zeros and dithered silence both qualify.
inline constexpr double kSilencePeakDbfs = -90.0;

// Decodes and measures `path` (at the file's own rate; stereo as EarLab plays it).
// progress (optional): called on the calling thread with increasing fractions, ending at
// 1.0 (also for a broken file). cancel (optional): polled throughout decoding and the band
// analysis and between stages; once true, the scan stops at the next poll and returns
// ok = false with the error "Scanning <path> was cancelled.". The one stage that cannot be
// interrupted is the loudness measurement (one libebur128 pass, about 0.1-0.4 s per minute
// of audio), so a cancel may wait that long.
// Never throws: an unreadable or broken file, an empty path, a folder, or running out of
// memory all give ok = false and a message that names the file. So does a file that decodes
// but cannot be trained on, flagged before it is measured: "<path>: digital silence: nothing
// to train on" (peak under kSilencePeakDbfs), "<path>: shorter than one loop (3.2 s; a loop
// needs 5 s)" (under kShortestLoopSeconds). Such a file is never offered as material.
ScanResult scanFile(const QString& path, const std::function<void(double)>& progress = {},
                    const std::atomic<bool>* cancel = nullptr);

// The key the library files a path under: absolute and cleaned (QDir::cleanPath); empty
// for an empty path. Symbolic links are not resolved (the file may be gone).
QString libraryKey(const QString& path);

// The extensions the library accepts, lower case, without the dot.
const QStringList& audioFileExtensions(); // wav aif aiff flac ogg oga opus mp3

// Every file under `folder` (recursively, or only directly in it) whose extension is one of
// audioFileExtensions() in any letter case, as absolute cleaned paths, sorted
// case-insensitively (ties by exact text, so the order is total). Hidden files and folders
// (".name", e.g. macOS "._x.wav" resource forks) are skipped; symbolic links to folders are
// not followed (no cycles), links to files are listed. A missing or unreadable folder gives
// an empty list.
enum class Recursion { Subfolders, FolderOnly };
QStringList audioFilesIn(const QString& folder, Recursion recursion = Recursion::Subfolders);

} // namespace earlab

Q_DECLARE_METATYPE(earlab::ScanResult)
