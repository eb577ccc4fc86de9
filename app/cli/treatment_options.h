#pragma once
// The treatment flags shared by `render` and `play`:
//   --eq TYPE:FREQ_HZ:GAIN_DB:Q (repeatable), --compress THRESHOLD_DB:RATIO:ATTACK_MS:RELEASE_MS[:KNEE_DB[:MAKEUP_DB]],
//   --gain DB, --pan P, --match-loudness

#include "audio/treatment.h"

#include <QCommandLineParser>

namespace earlab::cli {

struct TreatmentOptions {
    Treatment treatment;
    bool matchLoudness = false;
};

void addTreatmentOptions(QCommandLineParser& parser);
// Throws UsageError naming the flag and the bad field. Ranges are checked later by the DSP
// (AudioError InvalidArgument names the parameter and its range).
TreatmentOptions readTreatmentOptions(const QCommandLineParser& parser);

} // namespace earlab::cli
