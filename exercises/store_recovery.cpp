#include "exercises/store_recovery.h"

#include "exercises/store_error.h"

#include <QFile>
#include <QFileInfo>

namespace earlab::store {

namespace {

// Companions first: a stale -wal left next to a fresh database would be replayed into it.
const QStringList kCompanions = {QStringLiteral("-wal"), QStringLiteral("-shm"),
                                 QStringLiteral("-journal")};

bool anyExists(const QString& base)
{
    if (QFileInfo::exists(base))
        return true;
    for (const QString& suffix : kCompanions) {
        if (QFileInfo::exists(base + suffix))
            return true;
    }
    return false;
}

} // namespace

QString asidePath(const QString& path, const QDateTime& when)
{
    const QString stem = path + QStringLiteral(".corrupt-")
        + when.toLocalTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString candidate = stem;
    for (int counter = 2; anyExists(candidate); ++counter)
        candidate = stem + QLatin1Char('-') + QString::number(counter);
    return candidate;
}

QString moveAside(const QString& path, const QDateTime& when)
{
    const QString target = asidePath(path, when);
    auto move = [&](const QString& from, const QString& to) {
        if (!QFileInfo::exists(from))
            return;
        QFile file(from);
        // QFile::rename never replaces an existing file, which is what we want.
        if (!file.rename(to)) {
            throw StoreError(path, QStringLiteral("The progress database %1 is damaged and could "
                                                  "not be moved aside to %2: %3")
                                       .arg(from, to, file.errorString()));
        }
    };
    for (const QString& suffix : kCompanions)
        move(path + suffix, target + suffix);
    move(path, target);
    return target;
}

} // namespace earlab::store
