#pragma once
// "Today's workout": a mixed session of about ten minutes drawn from the listener's weak
// spots, as a pure function of the evidence (practice_evidence.h builds it from the store)
// and of "now" and a seed, so it is testable without a database and the same plan comes back
// for the same day. How items are chosen and weighted, with the numbers: docs/practice_plan.md.
//
// In short, every candidate gets a priority and the highest fill the ten minutes:
// - a missed EQ band due again under the spaced-repetition schedule (Leitner boxes, below)
//   comes first;
// - weak bands (EQ) and weak exercises: 1 − their recency-weighted accuracy (half-life
//   kHalfLifeDays, smoothed towards 1/2 by one right and one wrong pseudo-answer, so two
//   misses are not a disaster); a staircase's weakness is where its threshold lies between
//   the hardest and the easiest value (0 at the hardest, 1 at the easiest, on a log scale),
//   since its accuracy hovers near 79 % by design;
// - staleness: days since the exercise was last practised, up to kStaleDays;
// - an exercise never practised is a candidate of fixed priority, between a clear weak spot
//   and an exercise that goes fairly well.

#include "exercises/exercise.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace earlab {

// One past answer as the planner weighs it.
struct PracticeAnswer {
    QDateTime answeredAt; // UTC
    bool correct = false;
    double bandHz = 0;    // the hidden EQ band; 0 when the answer has none (or a flat trial)
    int responseMs = 0;
};

// What the store knows of one exercise.
struct ExerciseEvidence {
    QString id;
    QString title;
    // Answers since the exercise's last reset, heard ones only, newest first (capped by the
    // evidence builder).
    std::vector<PracticeAnswer> answers;
    int level = 1;            // where it resumes
    QString levelText;        // "Level 3 of 8" / "2.0 dB"
    MaterialNeed material = MaterialNeed::PinkNoise; // what that level plays
    bool staircase = false;
    // A staircase's value it resumes at (its threshold so far) and its bounds, in `unit`.
    double thresholdValue = 0, easiest = 0, hardest = 0;
    QString unit;
};

struct PracticeEvidence {
    std::vector<ExerciseEvidence> exercises; // the catalogue's order
    QStringList genres;      // the genres tagged in the user's library (distinct, sorted)
    bool hasOwnMusic = false; // the library has music the training can play
};

// The spaced-repetition schedule of a missed band (Leitner boxes). A miss puts the band into
// box 1; a right answer moves it one box up and its next review is that box's interval after
// that answer; a right answer in the last box takes it out of the boxes (learned). A band
// missed and then answered right in the same session is therefore due in 3 days, not
// tomorrow: it was answered right since.
inline constexpr int kLeitnerIntervalsDays[] = {1, 3, 7, 14};

struct BandReview {
    double bandHz = 0;
    int box = 0;         // 1..4; 0: not in the boxes (never missed, or learned)
    QDateTime lastMiss;  // the newest miss
    QDateTime dueAt;     // invalid when box == 0
    bool due(const QDateTime& now) const { return box > 0 && dueAt.isValid() && dueAt <= now; }
};
// The boxes of every band `answers` (any order) hold, sorted by band.
std::vector<BandReview> bandReviews(const std::vector<PracticeAnswer>& answers);

struct PlanOptions {
    QDateTime now;             // UTC; recency and due dates are measured from it
    std::uint64_t seed = 0;    // where the genre rotation starts
    double targetMinutes = 10; // the plan stops adding items past 90 % of it
};

struct PlanItem {
    enum class Why { Review, WeakBand, WeakExercise, HighThreshold, NotLately, New };
    QString exercise;        // the catalogue id
    QString title;
    Why why = Why::New;
    double focusHz = 0;      // the band to listen for (EQ); 0: none
    QString focusLabel;      // "1 kHz", or empty
    QString material;        // attempt_material's "noise", "builtin" or "music"
    QString genre;           // with "music": the genre to draw from; empty: any
    int questions = 5;
    double minutes = 0;      // questions × the exercise's time per question
    // One sentence with the numbers, shown under the title: "1 kHz: 4 of 11 right this week.",
    // "Not practised yet; it starts at Level 1 of 8.", "Threshold 2.0 dB, between ...".
    QString reason;
};

// Half-life of an answer's weight in days: an answer a week old counts half as much.
inline constexpr double kHalfLifeDays = 7.0;
inline constexpr double kStaleDays = 14.0;   // staleness is full at two weeks
inline constexpr int kMinBandAnswers = 3;    // a band is judged on at least this many answers
inline constexpr int kQuestionsPerItem = 5;
inline constexpr int kMaxItemsPerExercise = 2;
inline constexpr int kMaxItems = 5; // a plan fits on Home beside the title, and stays a short list

// The recency-weighted, smoothed accuracy of `answers` at `now` (0.5 for none).
double weightedAccuracy(const std::vector<PracticeAnswer>& answers, const QDateTime& now);
// Seconds a question of this exercise takes: the median response time of `answers` plus
// 10 s for the reveal and the next question's preparation, within 12 to 60 s (25 s without
// answers).
double secondsPerQuestion(const std::vector<PracticeAnswer>& answers);

// The ordered workout. Deterministic for the same evidence and options.
std::vector<PlanItem> planPractice(const PracticeEvidence& evidence, const PlanOptions& options);
double totalMinutes(const std::vector<PlanItem>& plan);

} // namespace earlab
