#pragma once
// Writes answers to the progress database off the UI thread (DESIGN.md: database writes run
// on a worker). A worker object lives in its own QThread with its own ProgressStore
// connection (a Qt SQL connection belongs to the thread that opened it); the UI thread keeps
// its connection for reads, which WAL lets run beside the writer.
//
// Each write() is one answer: recordAttempt (its own transaction, committed, synchronous =
// FULL) and then, if given, the exercise's new level. committed() is emitted only after the
// attempt's commit returned, so a result shown from that signal can no longer be lost.
// Writes run in the order they were submitted.
//
// A database in memory exists in one connection only, so for one (the fallback when no file
// can be opened, where nothing is kept anyway) the worker stays on the UI thread and uses
// that store's connection; the write is still queued and acknowledged by signal.

#include "exercises/attempt.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <optional>

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class AttemptWriterWorker;

class AttemptWriter : public QObject {
    Q_OBJECT

public:
    explicit AttemptWriter(QObject* parent = nullptr);
    // Finishes every write already submitted, closes the connection and stops the thread.
    ~AttemptWriter() override;

    // Opens `path` on the writer thread with a connection of its own (queued: failures come
    // back as openFailed(), and writes then fail with the cause). For a store in memory, pass
    // it as `memoryStore`: the writer then uses it on this thread.
    void open(const QString& path, ProgressStore* memoryStore = nullptr);
    // Closes the writer's connection (queued, after the writes before it): later writes fail
    // until open() is called again.
    void close();

    // Queues one answer; returns the ticket its committed() or failed() will carry.
    quint64 write(const Attempt& attempt, std::optional<int> levelToSave = std::nullopt);

    // The thread the writes run on (the UI thread for a store in memory).
    QThread* writerThread() const;

signals:
    // The attempt is in the database as `attemptId`. levelError is empty unless the level
    // could not be saved afterwards (the answer itself is safe). writtenOn: the thread that
    // ran the transaction.
    void committed(quint64 ticket, qint64 attemptId, const QString& levelError, QThread* writtenOn);
    // Nothing of this answer was written; `message` names the database and the cause.
    void failed(quint64 ticket, const QString& message);
    void openFailed(const QString& message);

private:
    QThread m_thread;
    AttemptWriterWorker* m_worker = nullptr;
    quint64 m_nextTicket = 0;
};

} // namespace earlab::app
