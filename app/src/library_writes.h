#pragma once
// The Library's writes to its database table, all through the database writer
// (DatabaseWriter) so that no commit (an fsync) waits on the UI thread. Counts the writes of
// each file still unacknowledged, so the Library reads a file's row back only once everything
// it wrote of it is stored (or has failed).

#include "exercises/library_store.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace earlab::app {

class DatabaseWriter;

class LibraryWrites : public QObject {
    Q_OBJECT

public:
    // `writer` must outlive this object's writes (flush() waits for them).
    explicit LibraryWrites(DatabaseWriter* writer, QObject* parent = nullptr);

    // Hands a write of these files' rows to the writer. `change` runs on the writer thread:
    // it captures values only, never a model.
    void submit(const QStringList& paths, const std::function<void(LibraryStore&)>& change);
    // Some write submitted here is not acknowledged yet.
    bool pending() const { return !m_writes.isEmpty(); }
    // Waits until every write submitted so far (here or elsewhere) has run.
    void flush();

signals:
    // In this order, for each acknowledgement of a write of ours: the error, if it failed;
    // settled() for each of its files with no write left unacknowledged; then acknowledged().
    void failed(const QString& error);
    void settled(const QString& path);
    void acknowledged();

private:
    void onWritten(quint64 ticket, const QString& error);

    QPointer<DatabaseWriter> m_writer;
    QHash<quint64, QStringList> m_writes; // ticket -> the files it writes
    QHash<QString, int> m_unsettled;      // file -> its writes not acknowledged yet
};

} // namespace earlab::app
