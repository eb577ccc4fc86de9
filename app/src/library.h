#pragma once

#include <functional>
// What can be listened to: pink noise, the built-in loops and the user's own files. Files
// and folders are added by dialog or drag and drop, scanned one after another on a worker
// thread (LibraryScanner: duration, format, loudness, octave spectrum, the densest loop
// region) with a progress bar, and kept in the progress database (LibraryStore), broken
// files with their error. The user may pin a loop region of their own; questions on a file
// play its pinned region, else the one the scan picked.
//
// Threads: the model, its LibraryStore and the scanner's signals all live on the UI thread
// (the library's writes are one small transaction per file; the answers have their own
// writer thread, see AttemptWriter).

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
    // The last thing that went wrong saving the library or pinning a region ("" = none).
    Q_PROPERTY(QString problem READ problem NOTIFY problemChanged)
    Q_PROPERTY(QStringList spectrumBands READ spectrumBands CONSTANT) // "63", "125", … "16k"

public:
    enum Role {
        MaterialIdRole = Qt::UserRole + 1,
        TitleRole,
        DetailRole,   // one line: duration · format · rate · channels (built-in: a description)
        KindRole,     // "builtin" (pink noise and the loops) or "file"
        StatusRole,   // "ready", "waiting", "scanning", "broken"
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
    };

    // `store` is the UI thread's progress store; the library lives in its database.
    Library(ProgressStore* store, Preferences* preferences, QObject* parent = nullptr);
    ~Library() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool scanning() const { return m_scanTotal > 0; }
    int scanDone() const { return m_scanDone; }
    int scanTotal() const { return m_scanTotal; }
    QString scanFile() const { return m_scanFile; }
    double scanFileProgress() const { return m_scanFileProgress; }
    double scanProgress() const;
    QString scanText() const;
    int brokenCount() const;
    int userCount() const;
    bool hasBuiltinMusic() const;
    QString selectedId() const;
    QString selectedTitle() const;
    QString problem() const { return m_problem; }
    QStringList spectrumBands() const;

    // Files and folders (searched recursively for audio files); URLs from a drop or dialog.
    // A file already in the library is scanned again only if its last scan failed.
    Q_INVOKABLE void addUrls(const QList<QUrl>& urls);
    Q_INVOKABLE void addPaths(const QStringList& paths);
    Q_INVOKABLE void addFilesWithDialog();
    Q_INVOKABLE void addFolderWithDialog();
    Q_INVOKABLE void remove(const QString& materialId);
    Q_INVOKABLE void select(const QString& materialId);
    Q_INVOKABLE void rescan();      // every file of the user's (pinned regions are kept)
    Q_INVOKABLE void cancelScan();
    // Pins [start, start + length) s as the file's loop; false (and `problem`) if it is not
    // inside the file or cannot be saved.
    Q_INVOKABLE bool pinRegion(const QString& materialId, double startSeconds, double lengthSeconds);
    // Back to the region the scan picked (the scan runs again to pick it).
    Q_INVOKABLE bool unpinRegion(const QString& materialId);
    Q_INVOKABLE void clearProblem();

    // The music exercises play: the chosen material when it is usable music, else the first
    // built-in loop, else the first usable file; pink noise when there is none. A user file
    // carries its loop region.
    MaterialRef musicMaterial() const;
    // The entry for `materialId` as a MaterialRef (with its region), if it is usable.
    std::optional<MaterialRef> material(const QString& materialId) const;

signals:
    void scanChanged();
    void countsChanged();
    void selectedChanged();
    void scanFinished();
    void problemChanged();

private:
    // Runs a change to the stored item at row i, re-reads it and refreshes the row; a store
    // error becomes the page's problem line. False when the change failed.
    bool changeStoredItem(int i, const std::function<void()>& change);

    struct Entry {
        MaterialRef material;
        QString detail;            // built-in entries
        QString status = "ready";
        std::optional<LibraryItem> item; // user files, once scanned (or loaded from the store)
    };

    int indexOf(const QString& id) const;
    void load();
    void setEntry(int row, const LibraryItem& item);
    void setStatus(int row, const QString& status);
    void setProblem(const QString& problem);
    void startScan(const QStringList& paths);
    void onProgress(int done, int total, const QString& path, double fraction);
    void onScanned(const ScanResult& result);
    void onFinished();
    QVariant fileData(const Entry& e, int role) const;

    ProgressStore* m_store;
    LibraryStore m_library;
    Preferences* m_preferences;
    LibraryScanner m_scanner;
    QList<Entry> m_entries;
    int m_scanDone = 0;
    int m_scanTotal = 0;
    QString m_scanFile;
    double m_scanFileProgress = 0;
    QString m_problem;
};

// The built-in loops as MaterialRefs with a detail line (empty when the assets are absent).
QList<std::pair<MaterialRef, QString>> builtinMaterials();

// "m:ss" for a number of seconds.
QString clockText(double seconds);

} // namespace earlab::app
