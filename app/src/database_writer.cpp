#include "app/src/database_writer.h"

#include "exercises/progress_store.h"
#include "exercises/store_sql.h"

#include <QCoreApplication>
#include <QDebug>
#include <QMetaObject>
#include <QTimer>

#include <deque>
#include <exception>
#include <memory>

namespace earlab::app {

// Lives on the writer thread (or the UI thread for a store in memory); every member is used
// there only.
class DatabaseWriterWorker : public QObject {
    Q_OBJECT

public:
    DatabaseWriterWorker()
    {
        m_retry.setSingleShot(true);
        m_retry.setInterval(kRetryMs);
        connect(&m_retry, &QTimer::timeout, this, &DatabaseWriterWorker::drain);
    }

    void openFile(const QString& path)
    {
        m_borrowed = nullptr;
        m_path = path;
        m_own = std::make_unique<ProgressStore>();
        try {
            m_own->open(path);
        } catch (const StoreError& e) {
            m_own.reset();
            m_openError = e.message();
            emit openFailed(m_openError);
            return;
        }
        m_openError.clear();
    }

    void useStore(ProgressStore* store)
    {
        m_own.reset();
        m_borrowed = store;
        m_path = store->path();
        m_openError.clear();
    }

    void close()
    {
        // Writes still waiting for disk space are not written: say so, each to its sender
        // and once on stderr (at exit nobody else is left to tell).
        if (!m_queue.empty()) {
            const QString message = tr("%1 It was not saved: the progress database was closed before there "
                                       "was space again.").arg(m_waiting);
            qWarning().noquote() << m_queue.size() << "write(s) not saved:" << message;
            for (const Operation& op : m_queue)
                emit failed(op.ticket, message);
            m_queue.clear();
        }
        m_retry.stop();
        setWaiting({});
        m_own.reset(); // closes and removes the connection on the thread that made it
        m_borrowed = nullptr;
        m_openError.clear();
    }

    void enqueue(quint64 ticket, const QString& doing, std::optional<Attempt> attempt,
                 std::optional<std::pair<int, QJsonObject>> difficulty, DatabaseWriter::Job job)
    {
        m_queue.push_back({ticket, doing, std::move(attempt), std::move(difficulty), std::move(job)});
        drain();
    }

signals:
    void committed(quint64 ticket, qint64 attemptId, const QString& levelError, QThread* writtenOn);
    void jobDone(quint64 ticket, QThread* writtenOn);
    void failed(quint64 ticket, const QString& message);
    void openFailed(const QString& message);
    void waitingChanged(const QString& message);

private:
    static constexpr int kRetryMs = 1000;

    struct Operation {
        quint64 ticket;
        QString doing;
        std::optional<Attempt> attempt; // an answer, or else
        std::optional<std::pair<int, QJsonObject>> difficulty; // saved with the answer
        DatabaseWriter::Job job;        // another write
    };

    // Runs the queue in order. A write that finds the disk full stays at the front (its
    // transaction rolled back, so running it again cannot write it twice), and so does
    // everything behind it, until a retry finds space.
    void drain()
    {
        while (!m_queue.empty()) {
            if (!run(m_queue.front())) {
                m_retry.start();
                return;
            }
            m_queue.pop_front();
        }
        setWaiting({});
    }

    // False if the disk is full (the operation waits); true once it is done or has failed.
    bool run(const Operation& op)
    {
        ProgressStore* store = openStore(op.ticket, op.doing);
        if (!store)
            return true;
        qint64 id = 0;
        try {
            if (op.attempt) {
                // One transaction with the difficulty, committed on return.
                id = store->recordAttempt(*op.attempt, op.difficulty);
            } else {
                store->requireFileInPlace(op.doing); // the jobs' own statements do not check
                op.job(*store);
            }
        } catch (const StoreError& e) {
            if (e.problem() == StoreProblem::DiskFull) {
                setWaiting(e.message());
                return false;
            }
            emit failed(op.ticket, e.message());
            return true;
        } catch (const std::exception& e) { // e.g. out of memory: fail this write, keep the thread
            emit failed(op.ticket, unexpected(op.doing, e));
            return true;
        }
        if (!op.attempt) {
            emit jobDone(op.ticket, QThread::currentThread());
            return true;
        }
        emit committed(op.ticket, id, QString(), QThread::currentThread());
        return true;
    }

    void setWaiting(const QString& message)
    {
        if (message == m_waiting)
            return;
        m_waiting = message;
        emit waitingChanged(message);
    }

    // An exception that is not the store's own (a StoreError names file and cause already).
    QString unexpected(const QString& doing, const std::exception& e) const
    {
        return QStringLiteral("%1 in %2: %3").arg(doing, m_path, QString::fromLocal8Bit(e.what()));
    }

    // The store to write to; nullptr, after failed(ticket) saying why, when none is open.
    ProgressStore* openStore(quint64 ticket, const QString& doing)
    {
        ProgressStore* store = m_own ? m_own.get() : m_borrowed;
        if (store && store->isOpen())
            return store;
        emit failed(ticket, m_openError.isEmpty()
                                ? store::makeError(m_path, doing, QStringLiteral("the database is not open")).message()
                                : m_openError);
        return nullptr;
    }

    std::unique_ptr<ProgressStore> m_own;
    ProgressStore* m_borrowed = nullptr;
    QString m_path; // the database last opened, named when it is not open any more
    QString m_openError;
    std::deque<Operation> m_queue; // submitted, not yet done: the front waits for disk space
    QTimer m_retry{this};          // a child, so it moves threads with the worker
    QString m_waiting;             // why the front of the queue waits, or empty
};

DatabaseWriter::DatabaseWriter(QObject* parent) : QObject(parent), m_worker(new DatabaseWriterWorker)
{
    m_thread.setObjectName(QStringLiteral("EarLab database writer"));
    connect(m_worker, &DatabaseWriterWorker::committed, this, &DatabaseWriter::committed, Qt::QueuedConnection);
    connect(m_worker, &DatabaseWriterWorker::jobDone, this, &DatabaseWriter::jobDone, Qt::QueuedConnection);
    connect(m_worker, &DatabaseWriterWorker::failed, this, &DatabaseWriter::failed, Qt::QueuedConnection);
    connect(m_worker, &DatabaseWriterWorker::openFailed, this, &DatabaseWriter::openFailed, Qt::QueuedConnection);
    connect(m_worker, &DatabaseWriterWorker::waitingChanged, this, &DatabaseWriter::waitingChanged,
            Qt::QueuedConnection);
}

DatabaseWriter::~DatabaseWriter()
{
    runAfterQueued([w = m_worker] { w->close(); });
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void DatabaseWriter::open(const QString& path, ProgressStore* memoryStore)
{
    if (memoryStore) {
        // Stays on (or comes back to) the UI thread: the memory database is that connection.
        if (m_worker->thread() == &m_thread)
            QMetaObject::invokeMethod(m_worker, [w = m_worker, ui = thread()] {
                w->close();
                w->moveToThread(ui);
            }, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(m_worker, [w = m_worker, memoryStore] { w->useStore(memoryStore); },
                                  Qt::QueuedConnection);
        return;
    }
    if (m_worker->thread() != &m_thread) {
        // Answers still queued for the in-memory store are written to it first; otherwise
        // they would travel with the worker and fail against the closed connection.
        QCoreApplication::sendPostedEvents(m_worker);
        m_worker->close();
        m_worker->moveToThread(&m_thread);
        if (!m_thread.isRunning())
            m_thread.start();
    }
    QMetaObject::invokeMethod(m_worker, [w = m_worker, path] { w->openFile(path); }, Qt::QueuedConnection);
}

void DatabaseWriter::openFor(ProgressStore* readStore)
{
    if (readStore->path() == QLatin1String(":memory:"))
        open({}, readStore);
    else
        open(readStore->path());
}

void DatabaseWriter::close()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); }, Qt::QueuedConnection);
}

quint64 DatabaseWriter::write(const Attempt& attempt, std::optional<int> levelToSave)
{
    return writeAnswer(attempt, levelToSave ? std::optional(std::pair(*levelToSave, QJsonObject())) : std::nullopt);
}

quint64 DatabaseWriter::write(const Attempt& attempt, int level, const QJsonObject& state)
{
    return writeAnswer(attempt, std::optional(std::pair(level, state)));
}

quint64 DatabaseWriter::writeAnswer(const Attempt& attempt, std::optional<std::pair<int, QJsonObject>> difficulty)
{
    const quint64 ticket = ++m_nextTicket;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, attempt, difficulty = std::move(difficulty)] {
        w->enqueue(ticket, QStringLiteral("Could not save your answer"), attempt, difficulty, {});
    }, Qt::QueuedConnection);
    return ticket;
}

quint64 DatabaseWriter::submit(const QString& doing, Job job)
{
    const quint64 ticket = ++m_nextTicket;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, doing, job = std::move(job)] {
        w->enqueue(ticket, doing, std::nullopt, std::nullopt, job);
    }, Qt::QueuedConnection);
    return ticket;
}

void DatabaseWriter::flush()
{
    runAfterQueued([] {});
}

void DatabaseWriter::runAfterQueued(const std::function<void()>& call)
{
    if (m_worker->thread() == &m_thread) {
        // Queued after every write submitted so far, so all of them are done when it returns.
        QMetaObject::invokeMethod(m_worker, call, Qt::BlockingQueuedConnection);
    } else {
        QCoreApplication::sendPostedEvents(m_worker); // writes still queued on this thread
        call();
    }
}

QThread* DatabaseWriter::writerThread() const
{
    return m_worker->thread();
}

} // namespace earlab::app

#include "database_writer.moc"
