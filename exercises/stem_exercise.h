#pragma once
// "stems" — Stem balance: one stem of a multitrack (the built-in songs, the user's stem
// folders) raised or lowered, the mix brought back to its loudness; which stem, which way,
// how much. A staircase on the size of the change, 6 dB down to 0.5 dB; the rung decides
// what is asked, so every answer is simply right or wrong for the staircase:
//   rungs 1–2 (6, 4 dB):        which stem was raised (always raised; one of the stem names);
//   rungs 3–5 (3, 2, 1.5 dB):   which stem, and raised or lowered (both must be right);
//   rungs 6–8 (1, 0.7, 0.5 dB): which stem, which way, and how much: the change is 1, 2 or 3
//                               times the staircase value (drawn evenly), named as
//                               "stem, size" options; all three must be right.
// The staircase value is always the smallest change the question can hold. A stem silent in
// the loop (more than 40 dB under the loudest) is neither changed nor offered, and said so.

#include "exercises/staircase_exercise.h"

namespace earlab {

// A stem this far under the loudest one in the loop (mean square, dB) is not asked: it is
// silent there (a part that enters later in the song), and a change to it cannot be heard.
inline constexpr double kStemAudibleWithinDb = 40.0;
// The stems of `mt` a change can be heard on (see kStemAudibleWithinDb), by index.
std::vector<std::size_t> audibleStems(const Multitrack& mt);
// How the UI names a stem: "bass" -> "Bass".
QString stemLabel(const std::string& name);

// What a stem question is about, kept in Question::detail for grade().
struct StemQuestion {
    int level = 1;
    double valueDb = 6;                 // the staircase value asked at
    int stem = -1;                      // index into names; -1 when the material has no stems
    double gainDb = 0;                  // signed change of that stem
    bool directionAsked = false;
    bool amountAsked = false;
    std::vector<double> sizesDb;        // the sizes offered when amountAsked, ascending
    std::vector<std::string> names;     // the stems, in Treatment::stems order
};

class StemExercise final : public StaircaseExercise {
public:
    StemExercise();

    QString id() const override { return QStringLiteral("stems"); }
    QString title() const override { return QStringLiteral("Stem balance"); }
    QString summary() const override;
    Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const override;
    Grade grade(const Question& question, const Answer& answer) const override;
    RevealKind revealKind() const override { return RevealKind::Levels; }

    // The rung's mode (see the file comment).
    static bool asksDirection(int level) { return level >= 3; }
    static bool asksAmount(int level) { return level >= 6; }
    // The option id for a stem (and a size, when the amount is asked): "bass", "bass@1.5".
    static QString optionId(const std::string& stem, double sizeDb = 0);
};

} // namespace earlab
