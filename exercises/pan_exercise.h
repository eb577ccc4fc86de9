#pragma once
// Balance and pan, on the pan law of audio/dsp/gain_pan.h (constant power:
// theta = (pan + 1) pi / 4, left = sqrt2 cos theta, right = sqrt2 sin theta).
//   "pan": where is the mix's balance placed? Answered on a stereo field (-1 .. +1), graded by
//          distance; a ladder from a few coarse positions to any position. Its upper levels
//          place one stem of a multitrack (seeded, among the stems with sound in the loop;
//          the prompt names it) while the others stay where they are: the same grids again.
//   "pan-direction": is B left or right of A? A staircase on the interchannel level difference
//          (ILD) between them, 6 dB down to 0.2 dB.
// ILD(pan) = 20 log10(right / left) = 20 log10(tan theta), so a pan for a wanted ILD is
//   pan = 4 / pi * atan(10^(ILD / 20)) - 1.

#include "exercises/staircase_exercise.h"

namespace earlab {

// dB, right over left, of a pan position (the law's own gains, makeGainPanParams); +-inf at +-1.
double panIldDb(double pan);
// The pan position with this ILD (the inverse of panIldDb); clamped to -1 .. +1.
double panForIldDb(double ildDb);

struct PanLevel {
    int number = 1;
    double gridStep = 0; // truths on multiples of it in -1 .. +1 (e.g. 0.5: five positions)
    double tolerance = 0; // |answer - truth| <= this counts as correct
    bool stem = false;    // one stem is placed, not the mix (MaterialNeed::Multitrack)
};

struct PanQuestion {
    double pan = 0;       // the processed variant's balance (of the mix, or of `stem`)
    double tolerance = 0;
    int stem = -1;        // index into names: the stem placed; -1 = the whole mix
    std::vector<std::string> names; // the material's stems, in Treatment::stems order
};

class PanExercise final : public Exercise {
public:
    PanExercise();

    QString id() const override { return QStringLiteral("pan"); }
    QString title() const override { return QStringLiteral("Balance and pan"); }
    QString summary() const override;
    const std::vector<LevelInfo>& levels() const override { return m_levels; }
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::StereoField; }

    static const std::vector<PanLevel>& panLevels();
    // How `pq`'s placement at `pan` is heard: the mix's balance, or that stem's.
    static Treatment placed(const PanQuestion& pq, double pan);
    // Full marks at the truth, none half the field's half-width (0.5) or more away.
    static double score(double truth, double answer) { return std::max(0.0, 1.0 - std::abs(answer - truth) / 0.5); }

private:
    std::vector<LevelInfo> m_levels;
};

struct PanDirectionQuestion {
    bool right = true; // B is right of A
    double ildDb = 0;  // |ILD(B) - ILD(A)|
    double panA = 0, panB = 0;
};

class PanDirectionExercise final : public StaircaseExercise {
public:
    PanDirectionExercise();

    QString id() const override { return QStringLiteral("pan-direction"); }
    QString title() const override { return QStringLiteral("Pan direction"); }
    QString summary() const override;
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::StereoField; }

    static constexpr double kBaseSpread = 0.2; // A's pan is uniform in -0.2 .. +0.2
};

} // namespace earlab
