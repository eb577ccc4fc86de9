#include "app/src/data_transfer.h"

#include "audio/audio_error.h"
#include "exercises/answer_transfer.h"
#include "exercises/blind_log_transfer.h"
#include "exercises/progress_store.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLocale>
#include <QUrl>

namespace earlab::app {

// What a job found, read on the UI thread once the writer says it is done (the writer's
// queued signal orders the job's writes before that read).
struct DataTransfer::Outcome {
    qint64 count = 0;          // exported, or added by an import
    qint64 alreadyPresent = 0; // an import's skipped entries
    QString refusal;           // a refused file or an export that could not be written
};

namespace {

bool isBlindLogs(const QString& data) { return data == QLatin1String("blind-logs"); }

QString localPath(const QString& file)
{
    const QUrl url(file);
    return url.isLocalFile() ? url.toLocalFile() : file;
}

QString things(const QString& data)
{
    return isBlindLogs(data) ? DataTransfer::tr("blind-test logs") : DataTransfer::tr("answers");
}

void exportFile(ProgressStore& store, const QString& path, bool blindLogs, qint64* count)
{
    const TransferFormat format = !blindLogs && transferFormatOfName(path) == TransferFormat::Json
                                      ? TransferFormat::Json
                                      : TransferFormat::Csv;
    *count = exportReplacing(path, [&](QIODevice& out) {
        return blindLogs ? exportBlindLogs(store, out, path) : exportAnswers(store, out, path, format);
    });
}

TransferCounts importFile(ProgressStore& store, const QString& path, bool blindLogs)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        throw TransferError(DataTransfer::tr("Could not read %1: %2").arg(path, in.errorString()));
    if (blindLogs)
        return importBlindLogs(store, in, path);
    return importAnswers(store, in, path, transferFormatOfContent(in.peek(4096)));
}

} // namespace

DataTransfer::DataTransfer(DatabaseWriter* writer, QObject* parent)
    : QObject(parent), m_writer(writer)
{
    connect(m_writer, &DatabaseWriter::jobDone, this, [this](quint64 ticket, QThread*) {
        if (!m_busy || ticket != m_ticket)
            return;
        const Outcome outcome = *m_outcome;
        if (!outcome.refusal.isEmpty())
            return finish(outcome.refusal, true, false);
        finish(m_done(outcome), false, m_importing && outcome.count > 0);
    });
    connect(m_writer, &DatabaseWriter::failed, this, [this](quint64 ticket, const QString& message) {
        if (m_busy && ticket == m_ticket)
            finish(message, true, false);
    });
}

void DataTransfer::chooseExport(const QString& data)
{
    // JSON first: it is the whole history (levels and resets too), so a backup made with the
    // defaults restores everything; CSV holds the answers only, for a spreadsheet.
    const bool blindLogs = isBlindLogs(data);
    const QString name = QStringLiteral("earlab-%1-%2.json")
                             .arg(blindLogs ? QStringLiteral("blind-logs") : QStringLiteral("answers"),
                                  QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(
        nullptr, tr("Export your %1").arg(things(data)), QDir::home().filePath(name),
        blindLogs ? tr("JSON (*.json)")
                  : tr("JSON, everything with levels (*.json);;CSV, answers only, for spreadsheets (*.csv)"));
    if (!path.isEmpty())
        exportTo(path, data);
}

void DataTransfer::chooseImport(const QString& data)
{
    const QString path = QFileDialog::getOpenFileName(nullptr, tr("Import %1").arg(things(data)), QDir::homePath(),
                                                      tr("EarLab exports (*.csv *.json);;All files (*)"));
    if (!path.isEmpty())
        importFrom(path, data);
}

void DataTransfer::exportTo(const QString& file, const QString& data)
{
    const QString path = localPath(file);
    const bool blindLogs = isBlindLogs(data);
    start(tr("Could not export to %1").arg(path), 
          [things = things(data), path](const Outcome& outcome) {
              return tr("Exported %1 %2 to %3.").arg(QLocale().toString(outcome.count), things, path);
          },
          tr("Exporting %1 to %2…").arg(things(data), path), false, [path, blindLogs](ProgressStore& store, Outcome& outcome) {
        exportFile(store, path, blindLogs, &outcome.count);
    });
}

void DataTransfer::importFrom(const QString& file, const QString& data)
{
    const QString path = localPath(file);
    const bool blindLogs = isBlindLogs(data);
    start(tr("Nothing was imported from %1").arg(path),
          [things = things(data)](const Outcome& outcome) {
              return tr("Imported %1 %2 (%3 already here).")
                  .arg(QLocale().toString(outcome.count), things, QLocale().toString(outcome.alreadyPresent));
          },
          tr("Importing %1 from %2…").arg(things(data), path), true, [path, blindLogs](ProgressStore& store, Outcome& outcome) {
        const TransferCounts counts = importFile(store, path, blindLogs);
        outcome.count = counts.added;
        outcome.alreadyPresent = counts.alreadyPresent;
    });
}

void DataTransfer::start(const QString& doing, std::function<QString(const Outcome&)> done, const QString& running, bool importing,
                         const std::function<void(ProgressStore&, Outcome&)>& job)
{
    if (m_busy) {
        m_message = tr("Wait for the transfer that runs to finish.");
        m_failed = true;
        emit changed();
        return;
    }
    auto outcome = std::make_shared<Outcome>();
    m_outcome = outcome;
    m_importing = importing;
    m_done = std::move(done);
    m_message = running;
    m_failed = false;
    m_busy = true;
    // Runs on the writer's thread. A refused file is the outcome, not a write failure; a
    // StoreError goes on to the writer (failed(), or a wait for disk space).
    m_ticket = m_writer->submit(doing, [job, outcome](ProgressStore& store) {
        try {
            job(store, *outcome);
        } catch (const TransferError& e) {
            outcome->refusal = e.message();
        } catch (const AudioError& e) { // FileReplacement: the file it could not replace
            outcome->refusal = QString::fromStdString(e.what());
        }
    });
    emit changed();
}

void DataTransfer::finish(const QString& message, bool failed, bool imported)
{
    m_busy = false;
    m_message = message;
    m_failed = failed;
    m_outcome.reset();
    emit changed();
    emit finished(imported);
}

} // namespace earlab::app
