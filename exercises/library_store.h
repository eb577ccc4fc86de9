#pragma once
// The user's music library, kept in the progress database (table library_items, schema
// steps 3 to 5 and 7): one row per file, or per folder of stems (library_scan_stems.h; since
// step 7, with the genre tag), with its last scan (with its level overview since step 5),
// its loop region and whether it waits for a scan (the error column holds a broken file's
// error, or a usable file's decoder warnings, one a line). A region the user pinned survives rescans; a picked one is replaced by each
// rescan. A file enters the library when it is added (queue()), before it is scanned, so a
// scan cut short by quitting is resumed at the next start rather than forgotten.
//
// Errors: every failure throws StoreError naming the database file and the cause, as
// ProgressStore does. Threads: a LibraryStore uses its ProgressStore's connection, so use
// it on the thread that opened that store, and only while it is open.

#include "exercises/library_scan.h"
#include "exercises/progress_store.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <optional>

namespace earlab {

struct LibraryItem {
    ScanResult scan;     // the last scan (only the path, ok = false, if never scanned);
                         // scan.region is the pinned region when `pinned`
    bool pinned = false; // the user chose scan.region
    bool queued = false; // waiting for a scan (the app queues it again at start)
    QDateTime addedAt;   // UTC, when the file first entered the library
    QDateTime scannedAt; // UTC, when scan was stored; invalid while never scanned

    bool scanned() const { return scannedAt.isValid(); }
};

// Whether `region` lies inside a file `durationSeconds` long (start >= 0, length > 0,
// start + length <= duration + 1 ms): the regions pinRegion() accepts.
bool regionFits(TimeRegion region, double durationSeconds);

// The row upsert() stores for `result` at `now`, over the file's row `stored` (if any): the
// rule for pinned regions below, addedAt kept, no longer queued. Lets a caller show a scan
// as it will be stored before the write is done.
LibraryItem itemAfterScan(const std::optional<LibraryItem>& stored, const ScanResult& result, const QDateTime& now);

class LibraryStore {
public:
    // `store` must outlive this object; it may be opened (or re-opened) after construction.
    explicit LibraryStore(ProgressStore& store);

    // Adds or replaces the file's row, in one transaction. On a rescan the pinned region is
    // kept if the new scan failed (the file may be back tomorrow) or if the region still
    // lies inside the file; a pinned region that no longer fits (the file got shorter) is
    // dropped for the new scan's region, and the row is unpinned. addedAt never changes; the
    // file no longer waits for a scan. Rejects a result without a path.
    void upsert(const ScanResult& result);

    // Records that `paths` wait for a scan, in one transaction: a file new to the library
    // enters it not scanned yet (as a folder of stems if `stemFolders`); one already there
    // keeps its last scan and pin until the new scan is stored.
    void queue(const QStringList& paths, bool stemFolders = false);
    // Their scan was cancelled: they no longer wait (a file never scanned stays in the
    // library, not scanned yet). One transaction; paths not in the library are ignored.
    void unqueue(const QStringList& paths);

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
    // Clears the pin and queues the file for a scan, which picks the region again (until it
    // is stored the old region stays). One statement. Rejects a path not in the library.
    void unpinRegion(const QString& path);

    // Sets the file's genre as the user named it (trimmed; empty: unknown) and marks it
    // edited (genre_edited = 1), so that a rescan keeps it instead of the file's tag. One
    // statement. Rejects a path not in the library.
    void setGenre(const QString& path, const QString& genre);

private:
    // Runs `sql` once per file (its key bound first, then `values`), in one transaction.
    void runForEachFile(const QString& doing, const QStringList& files, const QString& sql,
                        const QVariantList& values);
    QSqlDatabase database(const QString& doing) const;
    QString databasePath() const;

    ProgressStore& m_store;
};

} // namespace earlab
