#pragma once
// "level": two presentations of the same music, one louder; which one, and from level
// kLevelAmountFromLevel on also by how many dB (sided_amount.h). A staircase on the level
// difference in dB, 6 dB down to 0.1 dB. The only exercise that is not loudness-matched: the
// level is the question.
//
// Headroom: the app's master limiter (audio/dsp/limiter.h, ceiling -1 dBFS sample and true
// peak) must never act, or it would shrink the very difference asked. The two gains are
// c + d/2 and c - d/2 around a common level c = min(0, H - d/2), where
//   H = -1 dBFS - kLevelHeadroomMarginDb - max(sample peak, true peak of the loop)
// is the most gain the louder one may get; without a loop the peak is taken as
// kLevelUnknownPeakDbtp. Neither variant is the loop as it is (c = 0 still moves both).

#include "exercises/staircase_exercise.h"

namespace earlab {

inline constexpr double kLevelCeilingDb = -1.0;        // the master limiter's ceiling (PlayerConfig)
inline constexpr double kLevelHeadroomMarginDb = 0.5;  // dB kept under the ceiling (crossfades, rounding)
inline constexpr double kLevelUnknownPeakDbtp = 1.5;   // dBTP assumed without a loop (hot masters)
inline constexpr int kLevelAmountFromLevel = 4;        // 2 dB and below: the amount is asked too

struct LevelQuestion {
    int louder = 1;           // 0 = A, 1 = B
    double differenceDb = 0;  // > 0
    double commonDb = 0;      // c: the mean of the two gains
    double gainDb[2] = {0, 0};
    double maxGainDb = 0;     // H: no variant (or answer) is heard above it
    std::vector<double> amounts; // the amount choices, empty when only the side is asked
};

class LevelExercise final : public StaircaseExercise {
public:
    LevelExercise();

    QString id() const override { return QStringLiteral("level"); }
    QString title() const override { return QStringLiteral("Level difference"); }
    QString summary() const override;
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::Levels; }

    // H above for this loop (kLevelUnknownPeakDbtp without one; +inf for silence).
    static double maxGainDb(const MaterialFacts& material);
};

} // namespace earlab
