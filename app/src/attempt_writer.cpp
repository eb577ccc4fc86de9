#include "app/src/attempt_writer.h"

#include "exercises/progress_store.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <memory>

namespace earlab::app {

// Lives on the writer thread (or the UI thread for a store in memory); every member is used
// there only.
class AttemptWriterWorker : public QObject {
    Q_OBJECT

public:
    void openFile(const QString& path)
    {
        m_borrowed = nullptr;
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
        ProgressStore* store = m_own ? m_own.get() : m_borrowed;
        if (!store || !store->isOpen()) {
            emit failed(ticket, m_openError.isEmpty()
                                    ? tr("Could not save your answer: the progress database is not open.")
                                    : m_openError);
            return;
        }
        qint64 id = 0;
        try {
            id = store->recordAttempt(attempt); // one transaction, committed on return
        } catch (const StoreError& e) {
            emit failed(ticket, e.message());
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

signals:
    void committed(quint64 ticket, qint64 attemptId, const QString& levelError, QThread* writtenOn);
    void failed(quint64 ticket, const QString& message);
    void openFailed(const QString& message);

private:
    std::unique_ptr<ProgressStore> m_own;
    ProgressStore* m_borrowed = nullptr;
    QString m_openError;
};

AttemptWriter::AttemptWriter(QObject* parent) : QObject(parent), m_worker(new AttemptWriterWorker)
{
    m_thread.setObjectName(QStringLiteral("EarLab database writer"));
    connect(m_worker, &AttemptWriterWorker::committed, this, &AttemptWriter::committed, Qt::QueuedConnection);
    connect(m_worker, &AttemptWriterWorker::failed, this, &AttemptWriter::failed, Qt::QueuedConnection);
    connect(m_worker, &AttemptWriterWorker::openFailed, this, &AttemptWriter::openFailed, Qt::QueuedConnection);
}

AttemptWriter::~AttemptWriter()
{
    // Queued after every write submitted so far, so all of them are done when it returns.
    if (m_worker->thread() == &m_thread) {
        QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); }, Qt::BlockingQueuedConnection);
    } else {
        QCoreApplication::sendPostedEvents(m_worker); // writes still queued on this thread
        m_worker->close();
    }
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void AttemptWriter::open(const QString& path, ProgressStore* memoryStore)
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

void AttemptWriter::close()
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { w->close(); }, Qt::QueuedConnection);
}

quint64 AttemptWriter::write(const Attempt& attempt, std::optional<int> levelToSave)
{
    const quint64 ticket = ++m_nextTicket;
    QMetaObject::invokeMethod(m_worker, [w = m_worker, ticket, attempt, levelToSave] {
        w->write(ticket, attempt, levelToSave);
    }, Qt::QueuedConnection);
    return ticket;
}

QThread* AttemptWriter::writerThread() const
{
    return m_worker->thread();
}

} // namespace earlab::app

#include "attempt_writer.moc"
