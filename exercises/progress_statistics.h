#pragma once
// The progress review's figures (issue 9 §1, earlab-cli stats): accuracy per exercise, day
// and session, levels and thresholds, the EQ miss map (per band, confusions, tendencies), the
// other exercises' mistakes and left/right bias, practice time, streak, response times and
// the blind tests. Everything is counted by aggregate SQL on the progress database: only
// the totals (a few hundred rows for a month of training) reach C++, never the answers.
// What each figure means, and how it is computed: docs/statistics.md.
//
// Threads: runs on any connection to the database (the app's UI-thread reading
// connection: WAL lets it read beside the writer; earlab-cli's read-only one), on that
// connection's thread. Errors: StoreError naming the database file and the cause.

#include "exercises/staircase.h"
#include "exercises/statistics_filter.h"

#include <QDate>
#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <vector>

namespace earlab {

class ProgressStore;

// Answers and how many were right. accuracy() is NaN for none (no answer has no accuracy).
struct Tally {
    int answers = 0;
    int correct = 0;
    double accuracy() const;
};

// Answers whose hidden EQ band is bandHz (0 Hz stands for a flat trial, no change at all).
struct BandTally {
    double bandHz = 0;
    Tally tally;
};

// `count` wrong answers to trueValue answered as answerValue (bands in Hz, flat = 0 Hz;
// gains in dB). Only wrong answers: trueValue == answerValue is an answer right in this
// respect and wrong in another (a band with the wrong direction, a gain in eq-gain).
struct ValueConfusion {
    double trueValue = 0;
    double answerValue = 0;
    int count = 0;
};

// The same for exercises answered by name: which stem was taken for which, "a" louder
// for "b", "left" for "right".
struct NameConfusion {
    QString truth;
    QString answer;
    int count = 0;
};

// How the EQ exercises' wrong answers lean.
struct EqTendencies {
    int tooHigh = 0;            // wrong band answers above the true band (neither flat)
    int tooLow = 0;             // ... below it
    double meanOctaveError = 0; // their mean log2(answer / true): > 0 too high; NaN for none
    int boostsTakenForCuts = 0; // a boost answered as a cut (only where the direction was asked)
    int cutsTakenForBoosts = 0; // a cut answered as a boost
    double meanGainErrorDb = 0; // eq-gain: mean (answer - true) dB of wrong answers; NaN otherwise or none
    Tally lowBands;             // answers on bands below 1 kHz (flat trials excluded)
    Tally highBands;            // on bands from 1 kHz up
};

// Where pan answers lie against the truth (pan units, -1 left .. +1 right).
struct SideBias {
    int answers = 0;
    double meanError = 0;  // mean (answer - true): > 0 answers lie right of the truth; NaN for none
    int rightOfTruth = 0;  // answers right of the truth
    int leftOfTruth = 0;
};

struct ExerciseDay {
    QDate date; // local calendar day
    Tally tally;
    std::optional<double> meanValue; // staircases: mean value asked at that day, in the unit
};

struct ExerciseStatistics {
    QString id;
    Tally tally;
    // The level the exercise resumes at (its saved difficulty; 1 when never saved or reset).
    // Not filtered: it is the exercise's state now.
    int level = 1;
    QString unit; // the staircase's unit ("dB", "%"); empty for a ladder
    // The staircase's threshold estimate now (staircase.h: the value answered right ~79 %
    // of the time, with its 95 % interval); none for a ladder or before its first reversal.
    // ready false: too few reversals yet for the estimate to be trusted.
    std::optional<ThresholdEstimate> threshold;
    // Why the saved difficulty could not be used (Session then starts the exercise afresh
    // too, at level and threshold as given here); empty when it could.
    QString difficultyProblem;
    std::optional<int> medianResponseMs;
    std::vector<ExerciseDay> days;           // by local day, oldest first
    std::vector<BandTally> bands;            // EQ exercises: by hidden band, flat (0) first
    std::vector<ValueConfusion> confusion;   // EQ exercises: by true band, then answer
    std::vector<ValueConfusion> gainConfusion; // eq-gain: by true gain (dB), then answer
    std::optional<EqTendencies> eq;          // EQ exercises
    std::vector<NameConfusion> mistakes;     // stems, level, pan-direction, width
    std::optional<SideBias> sideBias;        // pan
};

struct DayStatistics {
    QDate date; // local calendar day (the computer's time zone)
    Tally tally;
    // Sum of the day's response times, each capped at kPracticeCapMs: time spent listening
    // to and answering questions (reveals and pauses not counted).
    qint64 practiceMs = 0;
};

struct SessionStatistics {
    QString session;
    QDateTime started; // first answer, UTC
    QDateTime ended;   // last answer, UTC
    Tally tally;
};

struct BlindTestResult {
    qint64 id = 0;
    QDateTime savedAt; // UTC
    QString mode;      // "abx", "preference", "mushra"
    int k = 0;
    int n = 0;
    std::optional<double> pValue; // none for MUSHRA and logs without a trial
};

struct ProgressStatistics {
    Tally tally;
    std::vector<ExerciseStatistics> exercises; // the catalogue's order, then other ids by name
    std::vector<DayStatistics> days;           // oldest first, days with answers only
    std::vector<SessionStatistics> sessions;   // by start, oldest first; answers without a session left out
    // Consecutive days with answers, ending today (or yesterday while today has none yet:
    // a streak is not broken before the day is over).
    int streakDays = 0;
    std::vector<BlindTestResult> blindTests;   // oldest first; only when the filter is timeOnly()
};

// A response time longer than this counts as this much practice (the question was left open).
inline constexpr qint64 kPracticeCapMs = 120000;

// The statistics of the answers `filter` selects on `db` (`path` names it in errors);
// `today` is the local day the streak ends on.
ProgressStatistics progressStatistics(const QSqlDatabase& db, const QString& path, const StatisticsFilter& filter,
                                      const QDate& today = QDate::currentDate());
// The same on a store's connection (its thread).
ProgressStatistics progressStatistics(const ProgressStore& store, const StatisticsFilter& filter,
                                      const QDate& today = QDate::currentDate());

} // namespace earlab
