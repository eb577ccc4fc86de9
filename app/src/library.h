#pragma once
// What can be listened to: pink noise, the built-in loops and the user's own files and
// folders of stems (one multitrack each, library_scan_stems.h). Files and folders are added by dialog or drag and drop, scanned one after another on a worker
// thread (LibraryScanner: duration, format, loudness, octave spectrum, the densest loop
// region, a level overview for the loop editor's picture) with a progress bar, and kept in the progress database (LibraryStore), broken
// files with their error. The user may pin a loop region of their own; questions on a file
// play its pinned region, else the one the scan picked.
//
// The scan queue is kept too: a file is stored as waiting the moment it is added, so files
// a quit interrupted are scanned when the library opens again. A cancelled scan leaves the
// files it never reached in the library, not scanned yet.
//
// Threads: the model, its LibraryStore (reads only) and the scanner's signals live on the UI
// thread. Every write goes through the database writer (DatabaseWriter), as answers do, so
// no commit (an fsync) ever waits on the UI thread. A change shows at once; once every write
// of a file is acknowledged its row is read back, so it shows what is really stored, and a
// write that failed becomes `problem`.
//
// The pieces: the rows and their roles (library_model.cpp, a row is a LibraryEntry), the scan
// queue (LibraryScanQueue) and the writes (LibraryWrites); this class joins them.


#include "app/src/library_entry.h"
#include "app/src/library_scan_queue.h"
#include "app/src/library_writes.h"
#include "app/src/material.h"

#include "exercises/library_scanner.h"
#include "exercises/library_store.h"

#include <QAbstractListModel>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class DatabaseWriter;
class Preferences;

class Library : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Library belongs to App")
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanChanged)
    Q_PROPERTY(int scanDone READ scanDone NOTIFY scanChanged)   // files finished in this batch
    Q_PROPERTY(int scanTotal READ scanTotal NOTIFY scanChanged) // files in this batch
    Q_PROPERTY(QString scanFile READ scanFile NOTIFY scanChanged) // file name being scanned
    Q_PROPERTY(double scanFileProgress READ scanFileProgress NOTIFY scanChanged) // 0..1
    Q_PROPERTY(double scanProgress READ scanProgress NOTIFY scanChanged) // whole batch, 0..1
    Q_PROPERTY(QString scanText READ scanText NOTIFY scanChanged)
    Q_PROPERTY(int brokenCount READ brokenCount NOTIFY countsChanged)
    Q_PROPERTY(int userCount READ userCount NOTIFY countsChanged)
    Q_PROPERTY(bool hasBuiltinMusic READ hasBuiltinMusic CONSTANT)
    Q_PROPERTY(QString selectedId READ selectedId NOTIFY selectedChanged)
    Q_PROPERTY(QString selectedTitle READ selectedTitle NOTIFY selectedChanged)
    // Training music (library_model.cpp): the genres of the usable music ("Unknown genre" for
    // none), and the set in a few words ("3 ticked tracks, rotated").
    Q_PROPERTY(QStringList genres READ genres NOTIFY countsChanged)
    Q_PROPERTY(QString trainingText READ trainingText NOTIFY trainingChanged)
    // The last thing that went wrong saving the library or pinning a region ("" = none).
    Q_PROPERTY(QString problem READ problem NOTIFY problemChanged)
    Q_PROPERTY(QStringList spectrumBands READ spectrumBands CONSTANT) // "63", "125", … "16k"

public:
    enum Role {
        MaterialIdRole = Qt::UserRole + 1,
        TitleRole,
        DetailRole,   // one line: duration · format · rate · channels (built-in: a description)
        KindRole,     // "builtin" (pink noise and the loops) or "file"
        StatusRole,   // "ready", "waiting", "scanning", "broken", "unscanned" (a scan was cancelled),
                      // "missing" (no longer at its path)
        ErrorRole,
        SelectedRole,
        PathRole,
        FileNameRole,
        DurationRole,    // seconds (0 unknown)
        DurationTextRole,
        FormatRole,      // "FLAC · 44.1 kHz · 2 ch"
        LoudnessRole,    // LUFS, NaN when unknown or silent
        LoudnessTextRole,
        SpectrumRole,    // 9 bar heights 0..1 (octave bands, relative to the loudest, 48 dB range)
        SpectrumDbRole,  // the 9 levels in dB (-1000 for an empty band)
        RegionStartRole, // seconds; the loop a question plays
        RegionLengthRole,
        RegionTextRole,
        PinnedRole,
        // The whole file at a glance for the loop editor (LoopOverviewItem draws it): a
        // QByteArray, LevelOverview::toBytes() (library_scan.h): 400 peak codes then 400 RMS
        // codes, one byte each, amplitude = (code / 255)². Empty for built-in material, a
        // file not scanned or broken, and one scanned before the library kept overviews.
        OverviewRole,
        GenreRole,       // the music's genre: a file's genre tag, a built-in loop's style; "" unknown
        StemFolderRole,  // a folder of the user's stems (one multitrack entry)
    };

    // `store` is the UI thread's progress store (the library lives in its database), read
    // here; `writer` writes to the same database and must outlive the library. Files that
    // were waiting for a scan are queued again.
    Library(ProgressStore* store, DatabaseWriter* writer, Preferences* preferences, QObject* parent = nullptr);
    // Stops the scan (the files it did not reach stay queued in the database) and waits for
    // this library's writes.
    ~Library() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // True from adding files until their scans are done and stored (scanFinished()).
    bool scanning() const { return m_scanQueue.scanning(); }
    int scanDone() const { return m_scanQueue.done(); }
    int scanTotal() const { return m_scanQueue.total(); }
    QString scanFile() const { return m_scanQueue.file(); }
    double scanFileProgress() const { return m_scanQueue.fileProgress(); }
    double scanProgress() const { return m_scanQueue.progress(); }
    QString scanText() const;
    int brokenCount() const;
    int userCount() const;
    bool hasBuiltinMusic() const;
    QString selectedId() const;
    QString selectedTitle() const;
    QStringList genres() const;
    QString trainingText() const;
    QString problem() const { return m_problem; }
    QStringList spectrumBands() const;

    // Files and folders (searched recursively for audio files); URLs from a drop or dialog.
    // A file already in the library is scanned again only if its last scan failed or it was
    // never scanned.
    Q_INVOKABLE void addUrls(const QList<QUrl>& urls);
    Q_INVOKABLE void addPaths(const QStringList& paths);
    Q_INVOKABLE void addFilesWithDialog();
    Q_INVOKABLE void addFolderWithDialog();
    // A folder of stems as ONE entry (library_scan_stems.h): its audio files, not recursive,
    // are the stems of one multitrack whose mix is their sum. Refused at once (false, and
    // `problem` naming the folder and the cause) when its listing cannot be one (not a
    // folder, fewer than 2 audio files, more than 32); otherwise it is scanned like a file,
    // and a scan that refuses it (a stem unreadable, silent, or of another length: the message
    // names the file) adds nothing and says why in `problem`. A folder already in the library
    // is scanned again: its stems are the files in it now.
    Q_INVOKABLE bool addStemFolder(const QString& path);
    Q_INVOKABLE void addStemFolderWithDialog();
    Q_INVOKABLE void remove(const QString& materialId);
    Q_INVOKABLE void select(const QString& materialId);
    Q_INVOKABLE void rescan();      // every file and stem folder of the user's (pinned regions are kept)
    Q_INVOKABLE void cancelScan();
    // Pins [start, start + length) s as the file's loop; false (and `problem`) at once if it
    // is not a scanned file or the region is not inside it. Saving it may still fail later:
    // then `problem` says why and the row shows the region stored.
    Q_INVOKABLE bool pinRegion(const QString& materialId, double startSeconds, double lengthSeconds);
    // Back to the region the scan picked (the scan runs again to pick it); false (and
    // `problem`) if it is not a file of the user's.
    Q_INVOKABLE bool unpinRegion(const QString& materialId);
    // The genre of a file of the user's as they name it (trimmed; empty: unknown), kept across
    // rescans (LibraryStore::setGenre); false (and `problem`) at once if it is not one.
    Q_INVOKABLE bool setGenre(const QString& materialId, const QString& genre);
    Q_INVOKABLE void clearProblem();
    // Test-only: the scanner, to hold a scan at a known point (LibraryScanner::setBeforeFileHook).
    LibraryScanner& scannerForTests() { return m_scanQueue.scanner(); }

    // The music exercises play: the chosen material when it is usable music, else the first
    // built-in loop, else the first usable file; pink noise when there is none. A user file
    // carries its loop region.
    MaterialRef musicMaterial() const;
    // Every entry that can be played now (ready music), built-ins first: what training
    // music (training_music.h) is chosen from.
    QList<MaterialRef> usableMusic() const;
    // For levels that need stems: the chosen music when it is a multitrack, else the first
    // ready multitrack (a built-in song); pink noise (no stems) when there is none.
    MaterialRef multitrackMaterial() const;
    // The entry for `materialId` as a MaterialRef (with its region), if it is usable.
    std::optional<MaterialRef> material(const QString& materialId) const;
    // Music a question could not use (the session found the file gone, or it would not
    // decode): the entry is no longer offered ("missing", or "broken" with `reason`), so
    // musicMaterial() and selectedId() move on to the next usable choice and the Library and
    // Home show that one as the choice. Preferences::materialId keeps the user's pick: a file
    // that is back when EarLab starts again (or is added again) is used again.
    void markUnusable(const QString& materialId, const QString& reason);

signals:
    void scanChanged();
    void countsChanged();
    void selectedChanged();
    void trainingChanged();
    void scanFinished();
    void problemChanged();

private:
    using Entry = LibraryEntry;

    // The rows (library_model.cpp).
    int indexOf(const QString& id) const;
    void appendFile(const LibraryItem& item, const QString& status);
    // Row `row` shows `item` with `status` (default: what the item's scan says).
    void setEntry(int row, const LibraryItem& item, const QString& status = {});
    void setStatus(int row, const QString& status);
    void changed(int row); // the row's data, the counts and the choice may have changed
    void dropRow(int row);
    QVariant fileData(const Entry& e, int role) const;

    void load();
    void setProblem(const QString& problem);
    void queueForScan(const QStringList& paths); // stored as waiting, then scanned (files and stem folders)
    bool isStemFolder(const QString& path) const;
    void onFileStarted(const QString& path);
    void onScanned(const ScanResult& result);
    void onUnreached(const QStringList& paths);
    void onScanEnded();
    // Every write of `path` is acknowledged: its row shows what is stored.
    void showStored(const QString& path);

    LibraryStore m_library;
    LibraryWrites m_writes;
    Preferences* m_preferences;
    LibraryScanQueue m_scanQueue; // after m_writes: it reads them, and stops scanning first
    QList<Entry> m_entries;
    QString m_problem;
};

// The built-in loops as MaterialRefs with a detail line (empty when the assets are absent).
QList<std::pair<MaterialRef, QString>> builtinMaterials();

// "m:ss" for a number of seconds.
QString clockText(double seconds);

} // namespace earlab::app
