#pragma once
// Two-sided staircase questions, whose answers may also name an amount: shared by the level
// exercise ("A louder" / "B louder", then "B louder · 2 dB"), the width exercise ("narrower" /
// "wider · 35 %") and pan-direction ("left" / "right", never an amount).
// The staircase counts only the side (`correct`): its threshold stays a discrimination
// threshold, and naming the amount adds to the score.
//
// Amount choices are a window of consecutive rungs of the exercise's own staircase that holds
// the rung nearest the true amount at a random place in the window, so the true amount is not
// always the middle button.

#include "exercises/exercise.h"
#include "exercises/seeded_random.h"

#include <vector>

namespace earlab {

inline constexpr int kAmountChoices = 4;

struct SidedAnswer {
    bool found = false; // the option id names one of the sides
    int side = 0;       // 0 or 1
    double amount = std::numeric_limits<double>::quiet_NaN(); // the named amount, NaN if not asked
};

// Rungs of `values` (easiest first) described as `format` with %1 the value in `unit` and %2
// `sideQuestion`, or `amountQuestion` from level `amountFrom` on.
std::vector<LevelInfo> sidedRungs(const std::vector<double>& values, const QString& unit, int amountFrom,
                                  const QString& format, const QString& sideQuestion, const QString& amountQuestion);

// kAmountChoices rung values (ascending) around `truth`, chosen by `rng`.
std::vector<double> amountChoices(const std::vector<LevelInfo>& rungs, double truth, SeededRandom& rng);

// Without amounts: one option per side, id = sideIds[i]. With amounts: every side x amount,
// id "<side>:<amount>", labelled "<side label> · <amount unit>".
std::vector<AnswerOption> sidedOptions(const QStringList& sideIds, const QStringList& sideLabels,
                                       const std::vector<double>& amounts, const QString& unit);

// The option id that is right: the true side, with the amount nearest `truth` (by ratio).
QString sidedCorrect(const QStringList& sideIds, int side, const std::vector<double>& amounts, double truth);

SidedAnswer parseSided(const QStringList& sideIds, const std::vector<double>& amounts, const QString& optionId);

// 1 for the amount nearest the truth (by ratio), 0.5 for its neighbour, 0 otherwise; 1 when no
// amount was asked.
double amountScore(const std::vector<double>& amounts, double truth, double answered);

inline constexpr const char* kSidedAmountFormula =
    "score = 0 for the wrong side; the right side scores 1 (amount not asked) or 1 for the amount nearest "
    "the truth, 0.5 for its neighbour, 0 further off. Correct = the right side (what the staircase counts).";

} // namespace earlab
