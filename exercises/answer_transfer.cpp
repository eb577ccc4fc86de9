#include "exercises/answer_transfer.h"

#include "exercises/answer_columns.h"
#include "exercises/csv_records.h"
#include "exercises/difficulty_transfer.h"
#include "exercises/import_transaction.h"
#include "exercises/store_attempt_row.h"
#include "exercises/store_json.h"
#include "exercises/store_sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace earlab {

namespace {

using transfer::answerColumns;
using transfer::CellKind;

constexpr qint64 kProgressEvery = 2000;
const QLatin1String kJsonFormat("earlab-answers");
constexpr int kJsonVersion = 1;

// ---- Export ------------------------------------------------------------------------------

class AnswerWriter {
public:
    AnswerWriter(QIODevice& out, const QString& destination, TransferFormat format)
        : m_out(out), m_destination(destination), m_format(format)
    {
    }

    void begin()
    {
        if (m_format == TransferFormat::Csv) {
            QByteArray header;
            for (const auto& column : answerColumns())
                header += (header.isEmpty() ? "" : ",") + QByteArray(column.name.data(), column.name.size());
            put(header + "\r\n");
        } else {
            put("{\"format\":" + jsonString(kJsonFormat) + ",\"version\":" + QByteArray::number(kJsonVersion)
                + ",\"answers\":[");
        }
    }

    void row(const Attempt& attempt, bool first)
    {
        const QStringList cells = transfer::answerCells(attempt);
        QByteArray line;
        if (m_format == TransferFormat::Csv) {
            for (int i = 0; i < cells.size(); ++i) {
                if (i > 0)
                    line += ',';
                line += csvField(cells.at(i), answerColumns().at(i).kind == CellKind::Object);
            }
            line += "\r\n";
        } else {
            line += first ? "\n{" : ",\n{";
            for (int i = 0; i < cells.size(); ++i) {
                const transfer::AnswerColumn& column = answerColumns().at(i);
                line += (i > 0 ? ",\"" : "\"") + QByteArray(column.name.data(), column.name.size()) + "\":";
                line += jsonValue(column.kind, cells.at(i));
            }
            line += '}';
        }
        put(line);
    }

    void end(const QByteArray& difficulties, const QByteArray& resets)
    {
        if (m_format == TransferFormat::Json)
            put("\n],\n\"difficulties\":" + difficulties + ",\n\"resets\":" + resets + "}\n");
    }

    qint64 bytes() const { return m_bytes; }

private:
    static QByteArray jsonValue(CellKind kind, const QString& cell)
    {
        switch (kind) {
        case CellKind::Text:
        case CellKind::Seed:
            return jsonString(cell);
        case CellKind::OptionalNumber:
            return cell.isEmpty() ? QByteArray("null") : cell.toUtf8();
        case CellKind::Object:
        case CellKind::Integer:
        case CellKind::Number:
        case CellKind::Flag:
            break;
        }
        return cell.toUtf8();
    }

    void put(const QByteArray& bytes)
    {
        writeAll(m_out, bytes, m_destination);
        m_bytes += bytes.size();
    }

    QIODevice& m_out;
    QString m_destination;
    TransferFormat m_format;
    qint64 m_bytes = 0;
};

// ---- Import ------------------------------------------------------------------------------

// Adds answers in one transaction, skipping those stored already with the same content.
class AnswerMerger {
public:
    AnswerMerger(ProgressStore& store, const QString& source)
        : m_into(store, source)
        , m_source(source)
        , m_lookup(store::prepare(m_into.database(), m_into.path(),
                                  QStringLiteral("SELECT %1 FROM attempts WHERE uid = ?").arg(store::attemptColumns()),
                                  m_into.doing()))
        , m_insert(store::prepareInsertAttempt(m_into.database(), m_into.path(), m_into.doing()))
    {
    }

    void add(const Attempt& attempt, const QString& where)
    {
        m_lookup.addBindValue(attempt.uid);
        store::exec(m_lookup, m_into.path(), m_into.doing());
        const bool stored = m_lookup.next();
        const Attempt existing = stored ? store::readAttempt(m_lookup) : Attempt();
        m_lookup.finish();
        if (stored) {
            // Compared as exported: the cells are canonical text (shortest numbers, compact JSON).
            const QStringList was = transfer::answerCells(existing);
            const QStringList is = transfer::answerCells(attempt);
            QStringList differ;
            for (int i = 0; i < was.size(); ++i)
                if (was.at(i) != is.at(i))
                    differ << answerColumns().at(i).name;
            if (!differ.isEmpty())
                refuseEntry(m_source, where,
                            QStringLiteral("id %1 is stored already with other content (it differs in %2)")
                                .arg(attempt.uid, differ.join(QStringLiteral(", "))));
            ++m_counts.alreadyPresent;
            return;
        }
        store::insertPreparedAttempt(m_insert, m_into.path(), attempt, m_into.doing());
        ++m_counts.added;
    }

    const ImportTransaction& target() const { return m_into; }
    TransferCounts counts() const { return m_counts; }
    void commit() { m_into.commit(); }

private:
    ImportTransaction m_into;
    QString m_source;
    QSqlQuery m_lookup;
    QSqlQuery m_insert;
    TransferCounts m_counts;
};

void report(const TransferProgress& progress, qint64 rows, qint64 bytes, bool always = false)
{
    if (progress && (always || rows % kProgressEvery == 0))
        progress(rows, bytes);
}

TransferCounts importCsv(ProgressStore& store, QIODevice& in, const QString& source, const TransferProgress& progress)
{
    CsvReader reader(in);
    qint64 row = 0;
    // The next record, or the refusal naming the row it would have been.
    auto next = [&](QStringList& fields) {
        try {
            return reader.next(fields);
        } catch (const CsvError& error) {
            const QString where = row == 0 && error.line == 1 ? QStringLiteral("header (line 1)")
                                                              : QStringLiteral("row %1 (line %2)").arg(row + 1).arg(error.line);
            refuseEntry(source, where, error.cause);
        }
    };
    QStringList fields;
    if (!next(fields))
        throw TransferError(QStringLiteral("%1: the file is empty (no header row); nothing was imported.").arg(source));
    // header[i]: the column field i holds.
    QList<int> header;
    for (const QString& name : fields) {
        const int column = transfer::answerColumnIndex(name.trimmed());
        if (column < 0)
            refuseEntry(source, QStringLiteral("header (line 1)"),
                        QStringLiteral("unknown column '%1' (an answers export has id, answered_at, exercise, ...)")
                            .arg(name.left(60)));
        if (header.contains(column))
            refuseEntry(source, QStringLiteral("header (line 1)"), QStringLiteral("column %1 appears twice").arg(name));
        header << column;
    }
    for (int i = 0; i < answerColumns().size(); ++i)
        if (answerColumns().at(i).required && !header.contains(i))
            refuseEntry(source, QStringLiteral("header (line 1)"),
                        QStringLiteral("no column %1").arg(answerColumns().at(i).name));

    AnswerMerger merger(store, source);
    QList<std::optional<QString>> cells(answerColumns().size());
    while (next(fields)) {
        if (fields.size() == 1 && fields.front().isEmpty())
            continue; // a blank line
        ++row;
        const QString where = QStringLiteral("row %1 (line %2)").arg(row).arg(reader.recordLine());
        if (fields.size() != header.size())
            refuseEntry(source, where, QStringLiteral("%1 fields where the header has %2 columns")
                                           .arg(fields.size()).arg(header.size()));
        for (int i = 0; i < header.size(); ++i)
            cells[header.at(i)] = fields.at(i);
        QString why;
        const std::optional<Attempt> attempt = transfer::attemptFromCells(cells, &why);
        if (!attempt)
            refuseEntry(source, where, why);
        merger.add(*attempt, where);
        report(progress, row, reader.bytesRead());
    }
    merger.commit();
    report(progress, row, reader.bytesRead(), true);
    return merger.counts();
}

// The JSON value `value` as the text of a cell of `kind`, or the refusal.
QString cellText(const QJsonValue& value, const transfer::AnswerColumn& column, const QString& source,
                 const QString& where)
{
    auto wrongType = [&](const char* expected) {
        refuseEntry(source, where, QStringLiteral("%1 is not %2").arg(column.name, QLatin1String(expected)));
    };
    switch (column.kind) {
    case CellKind::Text:
        if (!value.isString())
            wrongType("a text");
        return value.toString();
    case CellKind::Object:
        if (!value.isObject())
            wrongType("a JSON object");
        return store::compactJson(value.toObject());
    case CellKind::Seed:
        if (value.isString())
            return value.toString();
        [[fallthrough]];
    case CellKind::OptionalNumber:
        if (value.isNull() && column.kind == CellKind::OptionalNumber)
            return QString();
        [[fallthrough]];
    case CellKind::Integer:
    case CellKind::Number:
    case CellKind::Flag: {
        if (value.isBool())
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false"); // refused as not 0/1
        if (!value.isDouble())
            wrongType("a number");
        const double number = value.toDouble();
        // Whole numbers as integers ("1000000", not "1e+06"), so the integer columns read them.
        if (std::floor(number) == number && std::abs(number) < 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    }
    return {};
}

QJsonArray optionalArray(const QJsonObject& top, const char* key, const QString& source)
{
    const QJsonValue value = top.value(QLatin1String(key));
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        refuseEntry(source, QLatin1String(key), QStringLiteral("not a JSON array"));
    return value.toArray();
}

TransferCounts importJson(ProgressStore& store, QIODevice& in, const QString& source, const TransferProgress& progress)
{
    const QByteArray bytes = readRest(in, source);
    const QJsonDocument document = parseTransferJson(bytes, source);
    const QJsonObject top = document.object();
    if (!document.isObject() || top.value(QLatin1String("format")).toString() != kJsonFormat)
        throw TransferError(QStringLiteral("%1: not an EarLab answers export (no \"format\": \"%2\"); nothing was imported.")
                                .arg(source, kJsonFormat));
    const QJsonValue version = top.value(QLatin1String("version"));
    if (version.toInt(-1) != kJsonVersion)
        throw TransferError(QStringLiteral("%1: version %2 is not one this EarLab reads (%3); nothing was imported.")
                                .arg(source, QString::fromUtf8(QJsonDocument(QJsonArray{version}).toJson(QJsonDocument::Compact)))
                                .arg(kJsonVersion));
    const QJsonValue answers = top.value(QLatin1String("answers"));
    if (!answers.isArray())
        throw TransferError(QStringLiteral("%1: \"answers\" is missing or not an array; nothing was imported.").arg(source));

    AnswerMerger merger(store, source);
    QList<std::optional<QString>> cells(answerColumns().size());
    const QJsonArray rows = answers.toArray();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QString where = QStringLiteral("row %1 (answers[%2])").arg(i + 1).arg(i);
        if (!rows.at(i).isObject())
            refuseEntry(source, where, QStringLiteral("not a JSON object"));
        const QJsonObject row = rows.at(i).toObject();
        for (auto member = row.begin(); member != row.end(); ++member)
            if (transfer::answerColumnIndex(member.key()) < 0)
                refuseEntry(source, where, QStringLiteral("unknown key '%1'").arg(member.key().left(60)));
        for (int c = 0; c < answerColumns().size(); ++c) {
            const QJsonValue value = row.value(answerColumns().at(c).name);
            cells[c] = value.isUndefined() ? std::nullopt
                                           : std::optional<QString>(cellText(value, answerColumns().at(c), source, where));
        }
        QString why;
        const std::optional<Attempt> attempt = transfer::attemptFromCells(cells, &why);
        if (!attempt)
            refuseEntry(source, where, why);
        merger.add(*attempt, where);
        report(progress, i + 1, bytes.size() * (i + 1) / qMax<qsizetype>(rows.size(), 1));
    }
    transfer::importDifficulties(merger.target(), optionalArray(top, "difficulties", source), source);
    transfer::importResets(merger.target(), optionalArray(top, "resets", source), source);
    merger.commit();
    report(progress, rows.size(), bytes.size(), true);
    return merger.counts();
}

} // namespace

qint64 exportAnswers(const ProgressStore& store, QIODevice& out, const QString& destination, TransferFormat format,
                     const TransferProgress& progress)
{
    const QString doing = QStringLiteral("Could not read the answers for the export");
    const QSqlDatabase db = store.sharedDatabase(doing);
    const QString path = store.path();
    AnswerWriter writer(out, destination, format);
    // The few difficulties and resets first; then the answers stream in one SELECT, which
    // SQLite reads from one snapshot (a write meanwhile is all in it or not at all).
    const bool json = format == TransferFormat::Json;
    const QByteArray difficulties = json ? transfer::difficultiesJson(db, path) : QByteArray();
    const QByteArray resets = json ? transfer::resetsJson(db, path) : QByteArray();
    QSqlQuery query(db);
    query.setForwardOnly(true); // streams: SQLite steps row by row, Qt keeps no copy
    if (!query.exec(QStringLiteral("SELECT %1 FROM attempts ORDER BY answered_at, id").arg(store::attemptColumns())))
        throw store::makeError(path, doing, query.lastError());
    writer.begin();
    qint64 rows = 0;
    while (query.next()) {
        writer.row(store::readAttempt(query), rows == 0);
        ++rows;
        report(progress, rows, writer.bytes());
    }
    if (query.lastError().isValid())
        throw store::makeError(path, doing, query.lastError());
    query.finish();
    writer.end(difficulties, resets);
    report(progress, rows, writer.bytes(), true);
    return rows;
}

TransferCounts importAnswers(ProgressStore& store, QIODevice& in, const QString& source, TransferFormat format,
                             const TransferProgress& progress)
{
    return format == TransferFormat::Csv ? importCsv(store, in, source, progress) : importJson(store, in, source, progress);
}

} // namespace earlab
