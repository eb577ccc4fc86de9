#pragma once
// The user's music library, kept in the progress database (table library_items, schema
// step 3): one row per file with its last scan and its loop region. A region the user
// pinned survives rescans; a picked one is replaced by each rescan.
//
// Errors: every failure throws StoreError naming the database file and the cause, as
// ProgressStore does. Threads: a LibraryStore uses its ProgressStore's connection, so use
// it on the thread that opened that store, and only while it is open.

#include "exercises/library_scan.h"
#include "exercises/progress_store.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace earlab {

struct LibraryItem {
    ScanResult scan;     // the last scan; scan.region is the pinned region when `pinned`
    bool pinned = false; // the user chose scan.region
    QDateTime addedAt;   // UTC, when the file first entered the library
    QDateTime scannedAt; // UTC, when scan was stored
};

class LibraryStore {
public:
    // `store` must outlive this object; it may be opened (or re-opened) after construction.
    explicit LibraryStore(ProgressStore& store);

    // Adds or replaces the file's row, in one transaction. On a rescan the pinned region is
    // kept if the new scan failed (the file may be back tomorrow) or if the region still
    // lies inside the file; a pinned region that no longer fits (the file got shorter) is
    // dropped for the new scan's region, and the row is unpinned. addedAt never changes.
    // Rejects a result without a path.
    void upsert(const ScanResult& result);

    // Every item, sorted by path ignoring ASCII letter case (SQLite's NOCASE), then exactly.
    // Paths given to these functions are looked up by libraryKey(path).
    QList<LibraryItem> items() const;
    std::optional<LibraryItem> item(const QString& path) const;
    int count() const;

    // False if the path was not in the library.
    bool remove(const QString& path);

    // Pins `region` as the file's loop region. Rejects a path not in the library, a file
    // whose last scan failed, and a region that is not inside the file
    // (start >= 0, length > 0, start + length <= duration + 1 ms).
    void pinRegion(const QString& path, TimeRegion region);
    // Clears the pin; the region stays until the next rescan replaces it with a picked one.
    // Rejects a path not in the library.
    void unpinRegion(const QString& path);

private:
    QSqlDatabase database(const QString& doing) const;
    QString databasePath() const;

    ProgressStore& m_store;
};

} // namespace earlab
