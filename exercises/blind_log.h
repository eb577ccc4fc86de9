#pragma once
// The record of one blind test (ABX, preference, MUSHRA): what was compared and how it was
// played, every trial, the result, the seed commitment and seed, and a hash over all of it.
// Stored in the progress database, shown in the app, exported as JSON and as text, and
// checked by verifyBlindLog (blind_log_check.h) / earlab-cli verify-log.
//
// JSON (keys as written; the version is kBlindLogVersion):
//   format "earlab-blind-log", version, app_version, device, sample_rate (Hz),
//   buffer_frames, crossfade_ms, mode ("abx", "preference", "mushra"),
//   planned_trials (fixed before the run: a log with fewer trials was stopped early),
//   items: [{label, file, file_sha256, audio_sha256, gain_db, offset_samples, drift_ppm,
//            drift_corrected, polarity_inverted}],
//   trials: [{time (ISO 8601 UTC), truth, answer, correct, response_ms, switches}],
//   n, k, ties, p_value, d_prime, d_prime_low, d_prime_high, d_prime_model
//     (from summariseBlindTrials, blind_log_summary.h; a number not computed is null, and
//     d_prime_high null beside a d_prime means +infinity: every answer was right),
//   seed_sha256 (the commitment, there from the start), seed (hex, "" until revealed),
//   log_sha256.
// Trial values by mode: abx: truth is X ("A"/"B"), answer "A"/"B", correct = answer == truth.
// preference: truth is the item shown under label "A" ("A"/"B"), answer the item preferred
// ("A", "B" or "none"), correct = the answer is item A. mushra: truth is the page's order
// (item indices on screen, space-separated), answer the ratings in item order, correct false.
//
// log_sha256 = SHA-256 of the canonical form: the log's JSON object without the log_sha256
// key, written by store::compactJson (Qt's compact writer), specified byte for byte in
// docs/blind_tests.md "The canonical form" with a golden vector in test_blind_log.
// Re-parsing and re-writing an exported log gives the same canonical bytes, so indentation or
// key order in the file does not matter, but any changed value does.
// JSON has no NaN or infinity (Qt would write null): toJson refuses a log holding one,
// naming the key, except d_prime_high = +infinity, written as null (above).

#include "blind_schedule.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace earlab {

inline constexpr int kBlindLogVersion = 1;
inline constexpr const char* kBlindLogFormat = "earlab-blind-log";

// How the items were played.
struct BlindLogSetup {
    QString appVersion;
    QString device;
    double sampleRate = 0.0;   // Hz
    int bufferFrames = 0;      // the stream's buffer, frames
    double crossfadeMs = 0.0;  // the switch crossfade, ms [0 to 50]
};

// One compared item, as prepared (alignment and matching come from the comparison).
struct BlindLogItem {
    QString label;        // "A", "B", ... as the test names it
    QString file;         // the path as the user gave it
    QString fileSha256;   // fileSha256 (blind_hashes.h)
    QString audioSha256;  // audioSha256 of the decoded audio
    double gainDb = 0.0;
    double offsetSamples = 0.0; // relative to the first item, sub-sample
    double driftPpm = 0.0;
    bool driftCorrected = false;
    bool polarityInverted = false;
};

struct BlindLogTrial {
    QDateTime time; // when the answer was given, UTC
    QString truth;
    QString answer;
    bool correct = false;
    qint64 responseMs = 0;
    int switches = 0;
};

// The result: summariseBlindTrials (blind_log_summary.h) fills it from the trials.
struct BlindLogSummary {
    int n = 0;    // trials of the binomial test (preference: those not answered "none")
    int k = 0;
    int ties = 0; // preference: the "none" answers; 0 otherwise
    std::optional<double> pValue;
    std::optional<double> dPrime;
    std::optional<double> dPrimeLow, dPrimeHigh; // its 95 % interval; high +inf when k = n
    QString dPrimeModel;                         // sensitivityModelName: "2AFC", "ABX, differencing model", ...
};

struct BlindLog {
    BlindLogSetup setup;
    BlindMode mode = BlindMode::Abx;
    int plannedTrials = 0; // fixed before the run
    std::vector<BlindLogItem> items;
    std::vector<BlindLogTrial> trials;
    BlindLogSummary summary;
    QString seedSha256; // the commitment, from the start
    QString seed;       // hex, empty until the run has ended

    // The complete JSON object, log_sha256 included (computed now). Throws
    // std::invalid_argument naming the key ("items[1].gain_db is not a finite number") when a
    // number is NaN or infinite (other than d_prime_high = +infinity).
    QJsonObject toJson() const;
    // The log in `json`; nothing, and *problem says what is missing or wrong (naming the key),
    // when it is not a blind log this version can read. log_sha256 is not checked here.
    static std::optional<BlindLog> fromJson(const QJsonObject& json, QString* problem = nullptr);
    // A human-readable rendering for export, with every value of the JSON.
    QString toText() const;
};

// The canonical bytes log_sha256 is computed over (see above), for any log object.
QByteArray blindLogCanonicalBytes(QJsonObject json);
// sha256Hex(blindLogCanonicalBytes(json)).
QString blindLogSha256(const QJsonObject& json);

// ISO 8601 UTC with milliseconds ("2026-12-01T23:31:40.123Z"), as the log writes times.
QString blindLogTime(const QDateTime& time);

} // namespace earlab
