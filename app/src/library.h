#pragma once
// What can be listened to: pink noise, the built-in loops and the user's own files. Files
// are added by dialog or drag and drop (folders are searched), probed on a worker thread with
// a progress bar, and broken ones stay listed with their error. The list persists.

#include "app/src/material.h"

#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

namespace earlab::app {

class Preferences;

class Library : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Library belongs to App")
    Q_PROPERTY(bool scanning READ scanning NOTIFY scanChanged)
    Q_PROPERTY(double scanProgress READ scanProgress NOTIFY scanChanged) // 0..1
    Q_PROPERTY(QString scanText READ scanText NOTIFY scanChanged)
    Q_PROPERTY(int brokenCount READ brokenCount NOTIFY countsChanged)
    Q_PROPERTY(int userCount READ userCount NOTIFY countsChanged)
    Q_PROPERTY(bool hasBuiltinMusic READ hasBuiltinMusic CONSTANT)
    Q_PROPERTY(QString selectedId READ selectedId NOTIFY selectedChanged)
    Q_PROPERTY(QString selectedTitle READ selectedTitle NOTIFY selectedChanged)

public:
    enum Role {
        MaterialIdRole = Qt::UserRole + 1,
        TitleRole,
        DetailRole,
        KindRole,    // "builtin" (pink noise and the loops) or "file"
        StatusRole,  // "ready", "scanning", "broken"
        ErrorRole,
        SelectedRole,
        PathRole,
    };

    explicit Library(Preferences* preferences, QObject* parent = nullptr);
    ~Library() override;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool scanning() const { return m_scanTotal > 0; }
    double scanProgress() const { return m_scanTotal > 0 ? double(m_scanDone) / m_scanTotal : 1.0; }
    QString scanText() const;
    int brokenCount() const;
    int userCount() const;
    bool hasBuiltinMusic() const;
    QString selectedId() const;
    QString selectedTitle() const;

    // Files and folders (searched recursively for audio files); URLs from a drop or dialog.
    Q_INVOKABLE void addUrls(const QList<QUrl>& urls);
    Q_INVOKABLE void addPaths(const QStringList& paths);
    Q_INVOKABLE void addFilesWithDialog();
    Q_INVOKABLE void addFolderWithDialog();
    Q_INVOKABLE void remove(const QString& materialId);
    Q_INVOKABLE void select(const QString& materialId);
    Q_INVOKABLE void rescan();

    // The music exercises play: the chosen material when it is usable music, else the first
    // built-in loop, else the first usable file; pink noise when there is none.
    MaterialRef musicMaterial() const;

signals:
    void scanChanged();
    void countsChanged();
    void selectedChanged();
    void scanFinished();

private:
    struct Entry {
        MaterialRef material;
        QString detail;
        QString status = "ready";
        QString error;
    };
    struct Probe {
        QString path;
        QString detail;
        QString error;
    };

    int indexOf(const QString& id) const;
    void persist();
    void startScan();
    void onProbed(const Probe& probe);

    Preferences* m_preferences;
    QList<Entry> m_entries;
    QStringList m_queue; // paths waiting for a probe
    int m_scanDone = 0;
    int m_scanTotal = 0;
    QFutureWatcher<void> m_scan;
    bool m_stopping = false;
};

// The built-in loops as MaterialRefs with a detail line (empty when the assets are absent).
QList<std::pair<MaterialRef, QString>> builtinMaterials();

} // namespace earlab::app
