#pragma once
// The Settings page's "Your data" (YourDataSection.qml): export the answers or the blind-test
// logs to a file, import a file earlab-cli export (or this page) wrote. The formats, the merge
// rule and the refusals are answer_transfer.h's and blind_log_transfer.h's; this only runs
// them as jobs of the database writer (database_writer.h), so the UI thread never reads or
// writes a file or the database for them, and says how it went in one line.
//
// One transfer at a time (busy): a second one while the first runs is refused, said in the
// message, rather than queued behind it unseen.

#include "app/src/database_writer.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

namespace earlab::app {

class DataTransfer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("App.dataTransfer")
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    // "Imported 1,234 answers (56 already here).", "Exported 3 answers to FILE.", or the error
    // (naming the file, and the row for a refused row); empty before the first transfer.
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(bool failed READ failed NOTIFY changed)

public:
    explicit DataTransfer(DatabaseWriter* writer, QObject* parent = nullptr);

    bool busy() const { return m_busy; }
    const QString& message() const { return m_message; }
    bool failed() const { return m_failed; }

    // Ask for the file (a file dialog, as the Library and Compare pages do), then export or
    // import it as below; nothing happens if the dialog is cancelled.
    Q_INVOKABLE void chooseExport(const QString& data);
    Q_INVOKABLE void chooseImport(const QString& data);

    // `data`: "answers" or "blind-logs"; `file`: a path or a file: URL (a FileDialog's).
    // Answers go out as JSON for a .json file, else CSV; blind-test logs are always JSON.
    // The file is replaced whole only once the export is complete (FileReplacement).
    Q_INVOKABLE void exportTo(const QString& file, const QString& data);
    // The format is read from the content. Nothing is imported from a file that is refused.
    Q_INVOKABLE void importFrom(const QString& file, const QString& data);

signals:
    void changed();
    // A transfer ended (message and failed say how); after an import that added anything,
    // `imported` is true: what shows the history (levels, counts) should read it again.
    void finished(bool imported);

private:
    struct Outcome;
    // Submits `job` to the writer unless a transfer runs. `doing` starts a failure's message,
    // `done` makes the result line, `running` is the line meanwhile.
    void start(const QString& doing, std::function<QString(const Outcome&)> done, const QString& running, bool importing, const std::function<void(ProgressStore&, Outcome&)>& job);
    void finish(const QString& message, bool failed, bool imported);

    DatabaseWriter* m_writer;
    quint64 m_ticket = 0;
    std::shared_ptr<Outcome> m_outcome;
    std::function<QString(const Outcome&)> m_done;
    bool m_importing = false;
    bool m_busy = false;
    bool m_failed = false;
    QString m_message;
};

} // namespace earlab::app
