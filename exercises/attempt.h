#pragma once
// One answered question, as the progress store keeps it. Plain data: exercises fill it in,
// the store persists it, statistics and the UI read it back.

#include <QDateTime>
#include <QDebug>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

namespace earlab {

struct Attempt {
    qint64 id = 0;          // assigned by the store; ignored by recordAttempt
    QString exercise;       // stable exercise key, e.g. "eq-band"; must not be empty
    int level = 1;          // difficulty level the question was generated at
    quint64 seed = 0;       // RNG seed that regenerates the question exactly
    QJsonObject hidden;     // the hidden treatment's parameters
    QJsonObject answer;     // what the listener answered
    double score = 0.0;     // 0..1, partial credit included
    bool correct = false;   // exact answer (score alone cannot say, partial credit exists)
    int responseMs = 0;     // from question shown to answer given, ms, >= 0
    QString source;         // what was played: built-in loop key or the user's file path
    QDateTime answeredAt;   // kept in UTC with millisecond precision; must be valid

    // Field by field; QDateTime compares instants, so a local and a UTC time can be equal.
    friend bool operator==(const Attempt&, const Attempt&) = default;
};

// For logs and test failure messages: every field on one line.
QDebug operator<<(QDebug debug, const Attempt& attempt);

} // namespace earlab
