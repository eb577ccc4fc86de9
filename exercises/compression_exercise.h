#pragma once
// The compression exercises on the Exercise contract, two of them because they measure two
// different things:
//   "compression": which of A and B is compressed (loudness-matched), a staircase on the gain
//     reduction in dB from 12 down to 1. One task at every rung, so the staircase's threshold
//     is the smallest gain reduction the listener detects (a staircase whose task changed along
//     the way would converge on the rung where the task gets harder, not on a threshold, and
//     3-down/1-up's 79.4 % assumes one psychometric function over the quantity).
//   "compression-settings": a ladder of questions about the setting (ratio; attack fast or
//     slow; release fast or slow; all four ratios; attack and release together) at a fixed,
//     clearly audible gain reduction per level.
// Every setting's threshold is found on the loop being played so that it really reduces the
// loop by the wanted amount (gain_reduction.h gives the measure); a setting that cannot (too
// quiet material, too slow an attack for the hits) or that would peak above -1 dBFS once
// loudness-matched is drawn again (the staircase) or asked at 1 dB less (the settings ladder).

#include "exercises/exercise.h"
#include "exercises/gain_reduction.h"

#include <memory>

namespace earlab {

enum class CompressionExerciseKind { Detection, Settings };

// What a question asks (per level of "compression-settings"; always Compressed for "compression").
enum class CompressionAsk { Compressed, Ratio, Attack, Release, AttackRelease };

// The settings drawn from, and what "fast" and "slow" and "limiting" are.
inline constexpr double kCompressionRatios[] = {2.0, 4.0, 8.0, 20.0}; // 20:1 is "limiting"
inline constexpr double kFastAttackMs = 1.0, kSlowAttackMs = 30.0;
inline constexpr double kFastReleaseMs = 50.0, kSlowReleaseMs = 400.0;
// Nothing a variant plays may pass this after loudness matching (the master's safety limiter
// must not act on a question: it would compress it a second time).
inline constexpr double kCompressionPeakCeilingDb = -1.0;

// The typed data of a question (Question::detail).
struct CompressionQuestion {
    CompressionAsk ask = CompressionAsk::Compressed;
    CompressorSettings settings;            // the compressed variant's compressor
    int compressedVariant = 1;              // 0 = A, 1 = B
    double targetDb = 0;                    // the gain reduction wanted
    double gainReductionDb = 0;             // as measured on the loop (the target when unmeasured)
    bool measured = false;                  // false: no loop (unit tests), threshold from a nominal level
    std::shared_ptr<const LoopDynamics> dynamics; // the loop's, for the answer's trace; null if unmeasured
    QList<QPointF> truthTrace;              // the gain reduction over the loop, for the reveal
};

class CompressionExercise final : public Exercise {
public:
    explicit CompressionExercise(CompressionExerciseKind kind);

    QString id() const override;
    QString title() const override;
    QString summary() const override;
    DifficultyKind difficultyKind() const override;
    QString unit() const override;
    const std::vector<LevelInfo>& levels() const override { return m_levels; }
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::GainReduction; }

    // What level `number` asks and at how many dB of gain reduction (for the settings ladder;
    // the staircase always asks Compressed at its value).
    CompressionAsk askAt(int level) const;

private:
    CompressionExerciseKind m_kind;
    std::vector<LevelInfo> m_levels;
};

} // namespace earlab
