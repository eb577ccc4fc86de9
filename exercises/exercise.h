#pragma once
// The one contract every exercise keeps. Session, Home's model, the store and the QML know an
// exercise only through it: an exercise says what it asks and how hard it can get, turns a
// difficulty setting, a seed and the facts of the material into a Question (what to hear and
// how to answer), and grades an Answer. It never touches the engine or a file: it returns
// data (Treatments), and the app plays them. Everything is pure and deterministic for a seed.
//
// A new exercise is a new class here and one line in the catalogue (exercise_catalogue.cpp),
// plus an answer panel or a reveal in app/qml when it brings a new AnswerKind or RevealKind.

#include "audio/audio_buffer.h"
#include "audio/engine/scene.h"
#include "audio/treatment.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <any>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace earlab {

// How the listener answers; QML picks the answer panel by it.
enum class AnswerKind {
    Bands,       // one of `options` laid out along the frequency axis (+ boost/cut when asked)
    Choice,      // one of `options` as buttons (A or B, a ratio, a stem, narrower/wider)
    Continuous,  // a value in `range` on a slider/field
    StereoField, // a position in `range` (−1 left .. +1 right) on a stereo field
    EqMatch,     // the listener's own EQ band (frequency, gain, Q), heard against the hidden one
};

// What the reveal draws; QML picks the reveal by it.
enum class RevealKind {
    EqCurves,      // the hidden and the answered magnitude response (dB over Hz)
    GainReduction, // the compressor's gain reduction over time (dB over s)
    StereoField,   // the true and the answered position (pan, −1..+1)
    Levels,        // bars: the variants' levels or the stems' gains in dB
};

// What a level plays.
enum class MaterialNeed {
    PinkNoise,  // steady noise
    Music,      // the chosen music (built-in or the user's), any
    Transients, // music with transients (drums): steady noise hides compression
    Multitrack, // a source with stems (the built-in songs, the user's stem folders)
};

// Where on its difficulty an exercise asks. `level` is always meaningful (for a staircase it
// is the rung the value falls on, which decides the material and the answer mode); `value`
// is the staircase's quantity in the exercise's unit, NaN for a ladder.
struct Setting {
    int level = 1;
    double value = std::numeric_limits<double>::quiet_NaN();
    bool hasValue() const { return !std::isnan(value); }
};

// One rung of an exercise's difficulty, as Home and docs/exercises.md show it.
struct LevelInfo {
    int number = 1;
    QString description; // one line: "9 octave bands, ±12 dB, pink noise"
    MaterialNeed material = MaterialNeed::PinkNoise;
    // Staircases: the value this rung starts at (in the exercise's unit); NaN for ladders.
    double value = std::numeric_limits<double>::quiet_NaN();
};

enum class DifficultyKind { Ladder, Staircase };

// What ask() may know of the loop that will be played.
struct MaterialFacts {
    bool music = false;
    QString category = QStringLiteral("noise");    // "noise", "builtin", "music" (the store's `material`)
    std::shared_ptr<const AudioBuffer> loop;       // the loop as played (stereo, engine rate); may be null
    std::vector<double> octaveLevelsDb;            // band levels over octaveCentresHz(), empty if unknown
    std::vector<double> thirdLevelsDb;             // over thirdOctaveCentresHz()
    std::shared_ptr<const Multitrack> stems;       // the loop's stems when the source is multitrack, else null
};

// AnswerKind::EqMatch: the listener's own band starts here and moves within these bounds
// (the gain within Question::range).
inline constexpr double kEqMatchMinHz = 20.0;
inline constexpr double kEqMatchMaxHz = 20000.0;
inline constexpr double kEqMatchMinQ = 0.3;
inline constexpr double kEqMatchMaxQ = 10.0;
inline constexpr EqBand kEqMatchStartBand{FilterType::Peak, 1000.0, 0.0, 1.41};

struct AnswerOption {
    QString id;       // stable, for the store and the CLI: "1000", "6", "a", "flat"
    QString label;    // for the UI: "1 kHz", "6 dB", "A"
    double value = 0; // what it stands for, in the exercise's unit (Hz, dB, ...)
    bool flat = false; // "no change"
};

struct ValueRange {
    double minimum = 0, maximum = 1, step = 0.01;
    QString unit;                      // "dB", "%", "" for pan
    QString minimumLabel, maximumLabel; // "Left", "Right"
};

// One thing to hear: the reference comes first.
struct HeardVariant {
    QString id;    // "flat", "processed", "a", "b", "reference": the CLI's file names
    QString label; // "A", "B", "Flat", "Hidden change"
    QString note;  // one line under the label: "the music as it is"
    Treatment treatment;
};

struct Question {
    QString exercise;
    Setting setting;
    std::uint64_t seed = 0;
    QString prompt;
    QString focus;                 // what is given away on purpose ("1 kHz" for EQ gain), or ""
    AnswerKind answerKind = AnswerKind::Choice;
    bool directionAsked = false;   // Bands/Choice: boost or cut is part of the answer
    std::vector<AnswerOption> options; // Bands and Choice
    ValueRange range;              // Continuous, StereoField, EqMatch (gain)
    std::vector<HeardVariant> variants; // 2 or more; the first is the reference
    int hiddenVariant = 1;         // the variant that carries the hidden change
    // The app matches every variant's loudness to the reference (BS.1770) when true, and
    // keeps headroom instead when false (the level exercise).
    bool loudnessMatched = true;
    bool usesStems = false;        // the variants mix the material's stems (Treatment::stems)
    bool answerQFixed = false;     // EqMatch: the level fixes Q (kEqMatchStartBand's); the control is locked
    QJsonObject hidden;            // the hidden parameters, units in the key names; the store's `hidden`
    int format = 1;                // version of this exercise's hidden/answer layout
    QJsonValue correct;            // an option id, or the value
    QStringList notes;             // said with the question ("Not asked: 63 Hz, …")
    std::any detail;               // the exercise's own typed data, for grade()
};

// What the listener answered: only the fields its AnswerKind uses are read.
struct Answer {
    QString option;                // Bands, Choice: an option id
    int direction = +1;            // when directionAsked: +1 boost / louder / right, −1 cut
    double value = std::numeric_limits<double>::quiet_NaN(); // Continuous, StereoField
    EqBand band;                   // EqMatch
    bool heard = true;             // anything was played before answering
};

struct RevealPlot {
    RevealKind kind = RevealKind::EqCurves;
    QList<QPointF> truth, answer;  // in the kind's units (see RevealKind)
    QString xUnit, yUnit;
    QStringList labels;            // Levels: one per bar
};

struct Grade {
    double score = 0;              // 0..1
    bool correct = false;          // exact: what accuracy and difficulty count
    QString explanation;           // one sentence with the formula's numbers
    QString truthText;             // "+6 dB at 1 kHz, Q 1.41"
    QString answerText;            // "Boost at 2 kHz"
    QString formula;               // the scoring rule in words
    QString category;              // for statistics: the band in Hz, "flat", a stem, "left"
    QString categoryLabel;         // how the summary names it: "1 kHz"
    double categoryOrder = 0;      // where the summary lists it (ascending)
    QJsonObject answer;            // the store's `answer`
    std::optional<Treatment> answerTreatment; // the answer as something to hear
    RevealPlot plot;
};

class Exercise {
public:
    virtual ~Exercise() = default;

    virtual QString id() const = 0;      // stable store key: "eq-band"
    virtual QString title() const = 0;   // "EQ band"
    virtual QString summary() const = 0; // what it asks, one line for Home
    virtual DifficultyKind difficultyKind() const { return DifficultyKind::Ladder; }
    // The unit of a staircase's value ("dB", "%"); its rungs are levels()' values, easiest
    // first: the staircase runs from the first rung's value down to the last's.
    virtual QString unit() const { return {}; }
    // Level 1 is the easiest. Staircases list rungs of their value, easiest first.
    virtual const std::vector<LevelInfo>& levels() const = 0;
    // Staircases: the rung a value falls on (the last whose start value is not below it).
    int levelForValue(double value) const;

    virtual Question ask(const Setting& setting, std::uint64_t seed, const MaterialFacts& material) const = 0;
    virtual Grade grade(const Question& question, const Answer& answer) const = 0;
    virtual RevealKind revealKind() const = 0;

    const LevelInfo& level(int number) const; // clamped to the ladder
    int levelCount() const { return int(levels().size()); }
};

} // namespace earlab
