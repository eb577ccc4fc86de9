#pragma once
// "eq-match" (TrainYourEars' "correct the EQ" mode, graded by curves): a hidden peaking band
// plays; the listener dials their own band's frequency, gain and Q until it sounds the same,
// switching between theirs and the hidden one at any time. The app plays Answer::band live as
// a further, loudness-matched variant.
//
// Grading (shown in the reveal; docs/exercises.md):
//   d = the RMS difference in dB between the two magnitude responses (eqCurve: the RBJ designs
//       the engine plays, 241 log-spaced points over 20 Hz-20 kHz, the reveal's very points),
//       taken over the span from the lowest to the highest point where either curve departs
//       from 0 dB by more than kEqMatchRegionDb. Why that span: it is where the EQs act, so a
//       narrow band's error is not diluted by untouched octaves (a fixed 20 Hz-20 kHz window
//       would make every narrow answer look good); it follows the listener's band wherever it
//       is put (a window around the hidden centre alone would not see a band two octaves
//       away); and it treats both curves alike, so d(hidden, answer) = d(answer, hidden).
//   score = max(0, 1 - d / D), D per level; correct when d <= the level's tolerance.
//   Levels whose Q is fixed grade the listener's band with that Q (their own Q is ignored).

#include "audio/treatment.h"
#include "exercises/band_focus.h"
#include "exercises/exercise.h"

#include <cstdint>
#include <vector>

namespace earlab {

// The listener's controls, the same at every level (the app reads these).
// kEqMatchMinHz, kEqMatchMaxHz, kEqMatchMinQ, kEqMatchMaxQ and kEqMatchStartBand are the
// answer kind's, in exercise.h.
inline constexpr double kEqMatchMinGainDb = -15.0; // Question::range
inline constexpr double kEqMatchMaxGainDb = 15.0;
inline constexpr double kEqMatchGainStepDb = 0.5;
// Where a curve counts as acting: the grading span (above) starts and ends where either curve
// departs from 0 dB by more than this.
inline constexpr double kEqMatchRegionDb = 0.5;

// One rung of the ladder. Hidden centres are continuous (log-uniform within ±1/6 octave of a
// third-octave centre the loop has energy in, rounded to 3 significant figures); gains are
// multiples of 0.5 dB (reachable on the gain control); Q is log-uniform, to 0.1.
struct EqMatchLevel {
    int number = 1;
    MaterialNeed material = MaterialNeed::PinkNoise;
    double minHz = 100, maxHz = 10000;      // the third-octave centres a hidden band may sit at
    double minGainDb = 9, maxGainDb = 12;   // gain magnitude, dB
    bool cuts = false;                      // cuts as well as boosts
    double minQ = 1.41, maxQ = 1.41;        // equal: Q is fixed and not graded
    double toleranceDb = 1.5;               // correct when d <= this
    double zeroScoreDb = 6.0;               // D: d at which the score reaches 0
    const char* description = "";

    bool qFixed() const { return minQ == maxQ; }
};

const std::vector<EqMatchLevel>& eqMatchLevels();

// A question's typed detail (Question::detail).
struct EqMatchQuestion {
    int level = 1;
    EqBand hidden;       // FilterType::Peak
    bool qFixed = true;  // the listener's Q is replaced by hidden.q when grading
};

// The distance d between two bands' curves, and the span it was taken over (both 0 when
// neither curve departs from 0 dB by more than kEqMatchRegionDb).
struct EqCurveDistance {
    double rmsDb = 0;
    double fromHz = 0, toHz = 0;
};
EqCurveDistance eqCurveDistance(const EqBand& a, const EqBand& b);

class EqMatchExercise final : public Exercise, public BandFocusable {
public:
    EqMatchExercise();

    QString id() const override { return QStringLiteral("eq-match"); }
    QString title() const override { return QStringLiteral("EQ match"); }
    QString summary() const override;
    const std::vector<LevelInfo>& levels() const override { return m_levels; }
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    // The hidden centre is the focus's third-octave centre half the time (band_focus.h).
    Question askFocused(const Setting& setting, std::uint64_t seed, const MaterialFacts& material,
                        double focusHz) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::EqCurves; }

    // The third-octave centres of `level` a hidden band may sit at on this material: those
    // within 30 dB of the loop's loudest third-octave band (band_energy.h's rule, as the EQ
    // exercises use); all of the level's centres when the levels are unknown or fewer than two
    // are audible.
    static std::vector<double> hiddenCentresHz(const EqMatchLevel& level, const MaterialFacts& material);

private:
    std::vector<LevelInfo> m_levels;
};

} // namespace earlab
