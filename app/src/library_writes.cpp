#include "app/src/library_writes.h"

#include "app/src/database_writer.h"

#include "exercises/progress_store.h"

namespace earlab::app {

LibraryWrites::LibraryWrites(DatabaseWriter* writer, QObject* parent) : QObject(parent), m_writer(writer)
{
    Q_ASSERT(m_writer);
    connect(m_writer, &DatabaseWriter::jobDone, this, [this](quint64 ticket, QThread*) { onWritten(ticket, {}); });
    connect(m_writer, &DatabaseWriter::failed, this, &LibraryWrites::onWritten);
}

void LibraryWrites::submit(const QStringList& paths, const std::function<void(LibraryStore&)>& change)
{
    const quint64 ticket = m_writer->submit(tr("Could not save the music library"), [change](ProgressStore& store) {
        LibraryStore library(store);
        change(library);
    });
    m_writes.insert(ticket, paths);
    for (const QString& path : paths)
        ++m_unsettled[path];
}

void LibraryWrites::flush()
{
    if (m_writer)
        m_writer->flush();
}

void LibraryWrites::onWritten(quint64 ticket, const QString& error)
{
    const auto it = m_writes.constFind(ticket);
    if (it == m_writes.cend())
        return; // an answer, or another library's write
    const QStringList paths = *it;
    m_writes.erase(it);
    if (!error.isEmpty())
        emit failed(error);
    for (const QString& path : paths) {
        if (--m_unsettled[path] > 0)
            continue; // a later write of it is on its way
        m_unsettled.remove(path);
        emit settled(path);
    }
    emit acknowledged();
}

} // namespace earlab::app
