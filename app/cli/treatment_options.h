#pragma once
// The treatment flags shared by `render` and `play`:
//   --eq TYPE:FREQ_HZ:GAIN_DB:Q (repeatable), --compress THRESHOLD_DB:RATIO:ATTACK_MS:RELEASE_MS[:KNEE_DB[:MAKEUP_DB]],
//   --gain DB, --pan P, --match-loudness

#include "audio/audio_buffer.h"
#include "audio/audio_error.h"
#include "audio/treatment.h"

#include <QCommandLineParser>

#include <string>

namespace earlab::cli {

struct TreatmentOptions {
    Treatment treatment;
    bool matchLoudness = false;
};

void addTreatmentOptions(QCommandLineParser& parser);
// Throws UsageError naming the flag, the value as typed and its allowed range (the ranges
// audio/treatment.h documents). Only the EQ frequency's upper limit depends on the sample
// rate: the DSP checks that one (AudioError InvalidArgument naming it and its range).
TreatmentOptions readTreatmentOptions(const QCommandLineParser& parser);

// The treatment to apply to `source`, the audio of the user's file `path`: loudness-matched to
// the source when --match-loudness was given. When there is no loudness to match, throws
// AudioError InvalidArgument naming the file and saying whether the file itself or the
// treated result is silent.
Treatment treatmentFor(const TreatmentOptions& options, const AudioBuffer& source, const std::string& path);

// Rethrows `e`, an error of loudness matching the user's file `path` against itself treated:
// loudness.h names its two buffers by role ("reference", "candidate"), which means nothing to
// the user, so those become the file's name and what was silent. Other errors pass unchanged.
[[noreturn]] void rethrowNamingTheFile(const AudioError& e, const std::string& path);

} // namespace earlab::cli
