#pragma once
// The progress store's schema, versioned with PRAGMA user_version (as KDE Kasts does):
// a list of steps, each applied in one transaction that also bumps user_version, so a
// crash mid-migration leaves the previous version intact, never half of the next.

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace earlab::store {

struct MigrationStep {
    int version;            // user_version after this step
    QStringList statements; // run in order inside the step's transaction
};

// Every step, oldest first. Append new steps; never edit a released one.
const QList<MigrationStep>& migrationSteps();

// The newest schema this build knows (the last step's version).
int latestSchemaVersion();

// PRAGMA user_version. Throws StoreError.
int userVersion(const QSqlDatabase& db, const QString& path);

// Throws StoreError, naming `path`, when `found` is newer than this build knows: such a
// file belongs to a newer EarLab and must be left exactly as it is.
void requireKnownVersion(const QString& path, int found);

// Applies every step newer than the database's version. Throws StoreError, naming `path`,
// if a step fails (that step is rolled back) or the database is newer than this build.
void migrate(const QSqlDatabase& db, const QString& path);

} // namespace earlab::store
