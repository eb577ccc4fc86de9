#pragma once
// The two EQ exercises on the Exercise contract:
//   "eq-band": which band was boosted or cut (and which way, at levels with cuts);
//   "eq-gain": the band is shown, the listener names the signed gain.
// Questions, scoring and levels are eq_question.h and eq_levels.h; this class turns them into
// the contract's Question and Grade (texts, options, variants, the reveal's curves).

#include "exercises/band_focus.h"
#include "exercises/eq_question.h"
#include "exercises/exercise.h"

namespace earlab {

class EqExercise final : public Exercise, public BandFocusable {
public:
    explicit EqExercise(EqExerciseKind kind);

    QString id() const override;
    QString title() const override;
    QString summary() const override;
    const std::vector<LevelInfo>& levels() const override { return m_levels; }
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    Question askFocused(const Setting& setting, std::uint64_t seed, const MaterialFacts& material,
                        double focusHz) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::EqCurves; }

    const std::vector<EqLevel>& eqLevels() const;
    // The bands of `level` the loop has energy in (within 30 dB of its loudest band, measured
    // with filters of the level's band width); empty when the material's levels are unknown.
    static std::vector<double> audibleBandsHz(const EqLevel& level, const MaterialFacts& material);

private:
    EqExerciseKind m_kind;
    std::vector<LevelInfo> m_levels;
};

} // namespace earlab
