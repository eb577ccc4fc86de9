#pragma once
// One row of the attempts table as an Attempt: what may be stored, how it is written and
// read back. ProgressStore runs the statements inside its transactions.

#include "exercises/attempt.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace earlab::store {

// A new Attempt::uid (random, 32 lowercase hex digits), and whether `uid` is one in form.
QString newAttemptUid();
bool isAttemptUid(const QString& uid);

// The attempts columns every SELECT of answers names, in the order readAttempt() reads.
const QString& attemptColumns();

// The answer in the current row of `query`, selected with attemptColumns().
Attempt readAttempt(const QSqlQuery& query);

// Why `attempt` cannot be stored, as the end of a sentence ("score 1.5 is outside 0..1"),
// or empty if it can.
QString whyInvalid(const Attempt& attempt);

// Inserts `attempt` (its id is ignored; an empty uid gets a new one) in the open transaction;
// returns the new row's id. A uid already stored fails the UNIQUE index (StoreError).
// Throws StoreError naming `path`.
qint64 insertAttempt(const QSqlDatabase& db, const QString& path, const Attempt& attempt,
                     const QString& doing);

// The same, for many answers in one transaction (an import): the INSERT prepared once by
// prepareInsertAttempt, run by insertPreparedAttempt for each.
QSqlQuery prepareInsertAttempt(const QSqlDatabase& db, const QString& path, const QString& doing);
qint64 insertPreparedAttempt(QSqlQuery& insert, const QString& path, const Attempt& attempt, const QString& doing);

} // namespace earlab::store
