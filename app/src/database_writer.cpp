#include "app/src/database_writer.h"

#include "exercises/progress_store.h"
#include "exercises/store_sql.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <exception>
#include <memory>

namespace earlab::app {

// Lives on the writer thread (or the UI thread for a store in memory); every member is used
// there only.
class DatabaseWriterWorker : public QObject {
    Q_OBJECT

public:
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
        m_own.reset(); // closes and removes the connection on the thread that made it
        m_borrowed = nullptr;
        m_openError.clear();
    }

    void write(quint64 ticket, const Attempt& attempt, std::optional<int> level)
    {
        ProgressStore* store = openStore(ticket, QStringLiteral("Could not save your answer"));
        if (!store)
            return;
        qint64 id = 0;
        try {
            id = store->recordAttempt(attempt); // one transaction, committed on return
        } catch (const StoreError& e) {
            emit failed(ticket, e.message());
            return;
        } catch (const std::exception& e) { // e.g. out of memory: fail this write, keep the thread
            emit failed(ticket, unexpected(QStringLiteral("Could not save your answer"), e));
            return;
        }
        QString levelError;
        if (level) {
            try {
                store->saveLevel(attempt.exercise, *level);
            } catch (const StoreError& e) {
                levelError = e.message();
            }
        }
        emit committed(ticket, id, levelError, QThread::currentThread());
    }

    void run(quint64 ticket, const QString& doing, const DatabaseWriter::Job& job)
    {
        ProgressStore* store = openStore(ticket, doing);
        if (!store)
            return;
        try {
            store->requireFileInPlace(doing); // the jobs' own statements do not check
            job(*store);
        } catch (const StoreError& e) {
            emit failed(ticket, e.message());
            return;
        } catch (const std::exception& e) {
            emit failed(ticket, unexpected(doing, e));
            return;
        }
        emit jobDone(ticket, QThread::currentThread());
    }

signals:
    void committed(quint64 ticket, qint64 attemptId, const QString& levelError, QThread* writtenOn);
    void jobDone(quint64 ticket, QThread* writtenOn);
    void failed(quint64 ticket, const QString& message);
    void openFailed(const QString& message);

private:
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
};

DatabaseWriter::DatabaseWriter(QObject* parent) : QObject(parent), m_worker(new DatabaseWriterWorker)
{
    m_thread.setObjectName(QStringLiteral("EarLab database writer"));
    connect(m_worker, &DatabaseWriterWorker::committed, this, &DatabaseWriter::committed, Qt::QueuedConnection);
    connect(m_worker, &DatabaseWriterWorker::jobDone, this, &DatabaseWriter::jobDone, Qt::QueuedConnection);
    connect(m_worker, &DatabaseWriterWorker::failed, this, &DatabaseWriter::failed, Qt::QueuedConnection);
    connect(m_worker, &DatabaseWriterWorker::openFailed, this, &DatabaseWriter::openFailed, Qt::QueuedConnection);
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
    const quint64 ticket = ++m_nextTicket;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, attempt, levelToSave] {
        w->write(ticket, attempt, levelToSave);
    }, Qt::QueuedConnection);
    return ticket;
}

quint64 DatabaseWriter::submit(const QString& doing, Job job)
{
    const quint64 ticket = ++m_nextTicket;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, doing, job = std::move(job)] {
        w->run(ticket, doing, job);
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
