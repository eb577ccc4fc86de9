#pragma once
// One answered question, as the progress store keeps it. Plain data: exercises fill it in,
// the store persists it, statistics and the UI read it back. Exercise-specific content
// lives in `hidden` and `answer` (JSON laid out as `format` says), so the store records any
// exercise without knowing it.

#include <QDateTime>
#include <QDebug>
#include <QJsonObject>
#include <QLatin1String>
#include <QString>
#include <QtGlobal>

namespace earlab {

// The material categories `Attempt::material` names (issue 7 §4's per-exercise choice).
namespace attempt_material {
inline constexpr QLatin1String noise{"noise"};     // pink noise
inline constexpr QLatin1String builtin{"builtin"}; // a built-in loop or song
inline constexpr QLatin1String music{"music"};     // the user's own file
} // namespace attempt_material

struct Attempt {
    qint64 id = 0;          // assigned by the store; ignored by recordAttempt
    // Stable and unique across databases: 32 lowercase hex digits. Empty on an answer not yet
    // stored: recordAttempt makes one; import keeps the file's. Export and import merge on it.
    QString uid;
    QString exercise;       // stable exercise key, e.g. "eq-band"; must not be empty
    int level = 1;          // difficulty level the question was generated at
    quint64 seed = 0;       // RNG seed that regenerates the question exactly
    QJsonObject hidden;     // the hidden treatment's parameters (finite numbers only)
    QJsonObject answer;     // what the listener answered (finite numbers only)
    double score = 0.0;     // 0..1, partial credit included
    bool correct = false;   // exact answer (score alone cannot say, partial credit exists)
    int responseMs = 0;     // from question shown to answer given, ms, >= 0
    QString source;         // what was played: "pink-noise", "builtin:<id>", "file:<path>"
    QDateTime answeredAt;   // kept in UTC with millisecond precision; must be valid
    // The training session the answer was given in (the app makes one id per session, e.g.
    // a UUID without braces); empty for answers stored before sessions were recorded.
    QString session;
    // attempt_material::noise, builtin or music; empty only if unknown. Answers stored
    // before schema 6 get it from `source`.
    QString material;
    // The staircase value the question was asked at, in the exercise's own unit (dB, %...);
    // NaN for ladder exercises (stored as NULL). ±infinity is rejected.
    double value = qQNaN();
    int format = 1;         // version of this exercise's hidden/answer layout, >= 1
    bool heard = true;      // false: answered before anything was played (not counted)

    // Field by field except uid (identity, not content: a stored answer's uid is random, and
    // tests compare what they wrote with what they read); QDateTime compares instants, so a local and a UTC time can be equal;
    // two NaN values are equal (both mean "no staircase value").
    friend bool operator==(const Attempt& a, const Attempt& b);
};

// For logs and test failure messages: every field on one line.
QDebug operator<<(QDebug debug, const Attempt& attempt);

} // namespace earlab
