#pragma once
// "width": the mix's mid/side width changed (Treatment::widthPercent: side x width / 100, mid
// unchanged); narrower or wider, and from level kWidthAmountFromLevel on by how much
// (sided_amount.h). A staircase on the size of the change in %, 100 % (mono, or double side)
// down to 2 %. Loudness-matched. It needs stereo music with side content: when the loop is
// (nearly) mono the question says so.

#include "exercises/staircase_exercise.h"

namespace earlab {

inline constexpr int kWidthAmountFromLevel = 4;          // 35 % and below: the amount is asked too
inline constexpr double kWidthMonoBelowDb = -30.0;       // side this far under mid: "nearly mono"

struct WidthQuestion {
    bool wider = true;
    double changePercent = 0;  // > 0
    double widthPercent = 100; // the processed variant's width
    std::vector<double> amounts;
};

class WidthExercise final : public StaircaseExercise {
public:
    WidthExercise();

    QString id() const override { return QStringLiteral("width"); }
    QString title() const override { return QStringLiteral("Stereo width"); }
    QString summary() const override;
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::Levels; }

    // Side energy over mid energy, dB ((L - R) / 2 over (L + R) / 2); -inf for mono, NaN
    // without a loop or for silence.
    static double sideToMidDb(const AudioBuffer& audio);
};

} // namespace earlab
