#pragma once
// Internal to the Library: one row of its model, and the names its rows go by.

#include "app/src/material.h"

#include "exercises/library_store.h"

#include <QString>

#include <optional>

namespace earlab::app {

struct LibraryEntry {
    MaterialRef material;
    QString detail;            // built-in entries
    QString status = "ready";
    std::optional<LibraryItem> item; // user files: as stored (or about to be)
    QString unusable; // why a "missing" or "broken" entry cannot be played, when its scan did not say
};

// The material id of a user's file.
inline QString libraryFileId(const QString& path) { return QStringLiteral("file:") + path; }

// A row in the scan queue ("waiting" or "scanning").
inline bool isInScanQueue(const QString& status)
{
    return status == QLatin1String("waiting") || status == QLatin1String("scanning");
}

} // namespace earlab::app
