#pragma once
// EQ questions and their grading, for both EQ exercises:
//   band identification: which band was boosted or cut (and which way, at levels with cuts);
//   gain identification: the band is shown, the listener names the signed gain.
//
// Scoring (shown in the reveal; docs/exercises.md):
//   band:  score = max(0, 1 - d/2) · (right direction ? 1 : 0.5), d = distance in octaves
//          between the exact centres of the answer's band and the truth's (octavesBetween,
//          eq_bands.h), so one third-octave off scores 0.83, one octave off 0.5, two octaves
//          or more 0.
//   gain:  score = max(0, 1 - |answer - truth| / 6 dB) · (right direction ? 1 : 0.5).
//   "flat" trials: answering flat scores 1, anything else 0; answering flat to a real
//   change scores 0.
//   `correct` (what accuracy and promotion count) means the exact band and direction, or
//   the exact gain, or flat for a flat trial.

#include "audio/treatment.h"
#include "exercises/eq_levels.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace earlab {

enum class EqExerciseKind { BandIdentification, GainIdentification };

struct EqQuestion {
    EqExerciseKind kind = EqExerciseKind::BandIdentification;
    int level = 1;
    std::uint64_t seed = 0;
    bool flat = false;          // a catch trial: nothing was changed
    double frequencyHz = 1000;  // the hidden band's centre
    double gainDb = 0;          // the hidden gain, signed
    double q = 1.41;
    std::vector<double> bandOptionsHz; // what the listener may answer (band identification)
    std::vector<double> gainOptionsDb; // signed (gain identification)
    bool directionAsked = false;       // boost vs cut is part of the answer

    Treatment treatment() const; // the hidden change as the engine plays it
    QJsonObject toJson() const;  // for the progress store ("hidden")
};

struct EqAnswer {
    bool flat = false;
    double frequencyHz = 0; // band identification
    double gainDb = 0;      // signed; for band identification only its sign matters
    QJsonObject toJson() const;
};

struct EqGrade {
    double score = 0;  // 0..1
    bool correct = false;
    QString explanation; // one sentence for the reveal, with the formula's numbers
};

const char* exerciseId(EqExerciseKind kind); // "eq-band", "eq-gain": the store's exercise key

// audibleBandsHz: the bands the current loop has energy in (see band_energy.h); bands of the
// level outside it are never asked. Empty means no filtering. focusHz > 0: that band is asked
// more often when it is one of the question's bands (band_focus.h); 0 changes nothing.
// Deterministic for a seed (and focus).
EqQuestion makeEqQuestion(EqExerciseKind kind, const EqLevel& level, std::uint64_t seed,
                          std::span<const double> audibleBandsHz = {}, double focusHz = 0);

EqGrade gradeEqAnswer(const EqQuestion& question, const EqAnswer& answer);

} // namespace earlab
