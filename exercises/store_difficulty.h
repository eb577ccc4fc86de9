#pragma once
// Each exercise's difficulty as the progress store keeps it (the exercise_state table: the
// level and the difficulty's own JSON state, e.g. a staircase's value, step and reversals)
// and its resets (exercise_resets). ProgressStore runs these inside its transactions.

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace earlab {

// An exercise's difficulty as it was last saved.
struct SavedDifficulty {
    int level = 1;       // the ladder's level (a staircase exercise may keep its own here too)
    QJsonObject state;   // the difficulty's own state; empty for a plain ladder
    QDateTime updatedAt; // when it was saved, UTC

    friend bool operator==(const SavedDifficulty&, const SavedDifficulty&) = default;
};

} // namespace earlab

namespace earlab::store {

// Why this difficulty cannot be stored, as the end of a sentence, or empty if it can.
QString whyInvalidDifficulty(const QString& exercise, const QJsonObject& state);

// Replaces the exercise's saved difficulty (one statement). Throws StoreError naming `path`.
void upsertDifficulty(const QSqlDatabase& db, const QString& path, const QString& exercise, int level,
                      const QJsonObject& state, const QString& doing);

// Nothing if it was never saved (or reset since). Throws StoreError naming `path`, also when
// the stored state is not a JSON object (another program wrote it).
std::optional<SavedDifficulty> selectDifficulty(const QSqlDatabase& db, const QString& path,
                                                const QString& exercise, const QString& doing);

// Drops the saved difficulty and records a reset at `at`, in the open transaction.
void recordReset(const QSqlDatabase& db, const QString& path, const QString& exercise, const QDateTime& at,
                 const QString& doing);

// The newest reset of the exercise, if any.
std::optional<QDateTime> selectLastReset(const QSqlDatabase& db, const QString& path, const QString& exercise,
                                         const QString& doing);

// An SQL condition on attempts (placeholders: the exercise, once) that holds for answers
// given after the exercise's last reset, or for all when it was never reset.
const QString& answeredSinceResetSql();

} // namespace earlab::store
