#include "app/src/blind_log_saving.h"

#include "app/src/compare_controller.h"
#include "app/src/database_writer.h"

#include "exercises/blind_log.h"
#include "exercises/blind_log_store.h"

#include <QDateTime>

namespace earlab::app {

BlindLogSaving::BlindLogSaving(CompareController* compare, DatabaseWriter* writer, QObject* parent)
    : QObject(parent), m_compare(compare), m_writer(writer)
{
    connect(m_compare, &CompareController::blindLogFinished, this, &BlindLogSaving::save);
    connect(m_writer, &DatabaseWriter::jobDone, this, [this](quint64 ticket, QThread*) {
        if (const auto id = m_pending.take(ticket))
            m_compare->setSaveMessage(tr("Saved in your progress (blind test log %1).").arg(*id), false);
    });
    connect(m_writer, &DatabaseWriter::failed, this, [this](quint64 ticket, const QString& message) {
        if (m_pending.remove(ticket))
            m_compare->setSaveMessage(message + tr(" Export the log to keep it."), true);
    });
}

void BlindLogSaving::save(const QJsonObject& json)
{
    QString problem;
    const auto log = BlindLog::fromJson(json, &problem);
    if (!log) { // the controller's own log: a bug, said rather than lost silently
        m_compare->setSaveMessage(tr("Could not save the blind test log: %1. Export it to keep it.").arg(problem), true);
        return;
    }
    auto id = std::make_shared<qint64>(0);
    // The time is taken now: a write that waits for disk space keeps it.
    const QDateTime savedAt = QDateTime::currentDateTimeUtc();
    const quint64 ticket = m_writer->submit(tr("Could not save the blind test log"),
                                            [log = *log, savedAt, id](ProgressStore& store) {
                                                *id = BlindLogStore(store).save(log, savedAt);
                                            });
    m_pending.insert(ticket, id);
}

} // namespace earlab::app
