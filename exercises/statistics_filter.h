#pragma once
// Which answers the statistics count (issue 9 §1's filters): a time range, one exercise, one
// material category, one genre of the user's music. Every filter narrows the SQL that
// progress_statistics.cpp runs, so nothing is read into C++ to be thrown away.

#include <QDateTime>
#include <QString>
#include <QVariantList>

namespace earlab {

struct StatisticsFilter {
    QDateTime since;  // answers at or after this instant; invalid: from the first answer
    QDateTime until;  // answers before this instant; invalid: up to the last
    QString exercise; // an exercise id ("eq-band"); empty: every exercise
    QString material; // attempt_material::noise, builtin or music; empty: any
    // A library genre (library_items.genre, compared ignoring ASCII case): only answers
    // played on the user's files ("file:<path>" sources) whose genre this is. Empty: any.
    QString genre;

    // True when only the time range is set: blind tests (which belong to no exercise,
    // material or genre) are counted only then.
    bool timeOnly() const { return exercise.isEmpty() && material.isEmpty() && genre.isEmpty(); }
};

// The SQL condition on the attempts table that selects the filter's answers, its values
// appended to `values` in placeholder order. Answers given before anything was heard
// (heard = 0) are never counted: they are guesses, not measurements.
QString attemptCondition(const StatisticsFilter& filter, QVariantList& values);

// Where "the last `days` days" start at `now`: local midnight `days` - 1 days before now's
// local day, so the range is today and the days before it, whole calendar days (24-hour
// steps back would cut the first day in two, and count one hour more or less across a DST
// change). Invalid for days <= 0 (every answer).
QDateTime lastDaysStart(int days, const QDateTime& now);

} // namespace earlab
