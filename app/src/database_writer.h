#pragma once
// The database writer: every write to the progress database runs here, off the UI thread
// (DESIGN.md: database writes run on a worker). A worker object lives in its own QThread
// with its own ProgressStore connection (a Qt SQL connection belongs to the thread that
// opened it); the UI thread keeps its connection for reads, which WAL lets run beside the
// writer. One writer connection for the whole database: SQLite serialises writers anyway,
// and two would only wait on each other's lock.
//
// Each write() is one answer and, if given, the exercise's new difficulty, in one
// transaction (recordAttempt: committed, synchronous = FULL), so a crash never keeps one
// without the other. committed() is emitted only after that commit returned, so a result
// shown from that signal can no longer be lost.
// submit() runs any other write (the library's rows) the same way, acknowledged by
// jobDone(). Answers and jobs run in the order they were submitted.
//
// A full disk loses nothing: a write that finds it full (its transaction rolled back) is
// kept, with everything submitted after it, and tried again every second until there is
// space; waitingChanged() says why meanwhile, and committed()/jobDone() follow once it is
// written. Writes still waiting when the database is closed (or EarLab exits) fail with a
// message saying they were not saved.
//
// A database in memory exists in one connection only, so for one (the fallback when no file
// can be opened, where nothing is kept anyway) the worker stays on the UI thread and uses
// that store's connection; the write is still queued and acknowledged by signal.

#include "exercises/attempt.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QThread>

#include <functional>
#include <optional>
#include <utility>

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class DatabaseWriterWorker;

class DatabaseWriter : public QObject {
    Q_OBJECT

public:
    explicit DatabaseWriter(QObject* parent = nullptr);
    // Finishes every write already submitted, closes the connection and stops the thread.
    ~DatabaseWriter() override;

    // Opens `path` on the writer thread with a connection of its own (queued: failures come
    // back as openFailed(), and writes then fail with the cause). For a store in memory, pass
    // it as `memoryStore`: the writer then uses it on this thread.
    void open(const QString& path, ProgressStore* memoryStore = nullptr);
    // Writes to the database `readStore` (the UI thread's store) has open: with a connection
    // of its own, or through `readStore` itself when that database is in memory.
    void openFor(ProgressStore* readStore);
    // Closes the writer's connection (queued, after the writes before it): later writes fail
    // until open() is called again.
    void close();

    // Queues one answer, with the exercise's new level (a ladder: empty state) or its level
    // and difficulty state; returns the ticket its committed() or failed() will carry.
    quint64 write(const Attempt& attempt, std::optional<int> levelToSave = std::nullopt);
    quint64 write(const Attempt& attempt, int level, const QJsonObject& state);

    // A write of another kind, run with the writer's store; it reports failure by throwing
    // StoreError and should be one transaction, so that a failure leaves nothing of it.
    using Job = std::function<void(ProgressStore&)>;
    // Queues `job`; returns the ticket its jobDone() or failed() will carry. `doing`
    // ("Could not save the music library") starts the message if the store is not open.
    quint64 submit(const QString& doing, Job job);

    // Waits until every write submitted so far has run (their signals are still queued) or
    // is waiting for disk space.
    void flush();

    // The thread the writes run on (the UI thread for a store in memory).
    QThread* writerThread() const;

signals:
    // The attempt (and the difficulty given with it) is in the database as `attemptId`.
    // levelError is always empty now that the level is written in the answer's own
    // transaction (a failure of either is failed()); kept for the callers that read it.
    // writtenOn: the thread that ran the transaction.
    void committed(quint64 ticket, qint64 attemptId, const QString& levelError, QThread* writtenOn);
    // The job is done (committed). writtenOn: the thread that ran it.
    void jobDone(quint64 ticket, QThread* writtenOn);
    // Nothing of this answer (or job) was written; `message` names the database and the cause.
    void failed(quint64 ticket, const QString& message);
    void openFailed(const QString& message);
    // Non-empty while writes wait for disk space: the message of the write that found the
    // disk full ("Could not save your answer in ...: the disk is full."); empty once written.
    void waitingChanged(const QString& message);

private:
    quint64 writeAnswer(const Attempt& attempt, std::optional<std::pair<int, QJsonObject>> difficulty);
    // Runs `call` on the worker after every write queued so far, and waits for it.
    void runAfterQueued(const std::function<void()>& call);

    QThread m_thread;
    DatabaseWriterWorker* m_worker = nullptr;
    quint64 m_nextTicket = 0;
};

} // namespace earlab::app
