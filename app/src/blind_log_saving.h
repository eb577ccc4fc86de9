#pragma once
// Keeps every scored blind run: the Compare page's blindLogFinished log goes to the progress
// database (BlindLogStore, exercises/blind_log_store.h) through the database writer, off the
// UI thread and committed before "saved" is said; the page shows where it went or why not.

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace earlab::app {

class CompareController;
class DatabaseWriter;

class BlindLogSaving : public QObject {
    Q_OBJECT
public:
    BlindLogSaving(CompareController* compare, DatabaseWriter* writer, QObject* parent = nullptr);

private:
    void save(const QJsonObject& log);

    CompareController* m_compare;
    DatabaseWriter* m_writer;
    QHash<quint64, std::shared_ptr<qint64>> m_pending; // ticket -> the row id, once written
};

} // namespace earlab::app
