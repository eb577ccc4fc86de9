#pragma once
// CSV as RFC 4180 writes it, for exports a spreadsheet opens: comma-separated fields, CRLF
// between records, a field quoted ("...", a quote doubled) when it holds a comma, a quote, a
// line break or leading/trailing space. The reader streams: one record at a time from a
// QIODevice, a quoted field may span lines, LF alone is accepted as a line end and a UTF-8
// byte order mark before the first record is skipped (spreadsheets write one).

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>

namespace earlab {

// `field` as it goes into a record: quoted when it has to be, or always when `alwaysQuote`.
QByteArray csvField(const QString& field, bool alwaysQuote = false);

// Why the input is not CSV, and the line (from 1) where it shows.
struct CsvError {
    qint64 line;
    QString cause;
};

class CsvReader {
public:
    // Reads `device` (open for reading) from its current position.
    explicit CsvReader(QIODevice& device);

    // The next record's fields into `fields`; false at the end of the input. Throws
    // CsvError for a quote inside an unquoted field, text
    // after a closing quote, a quoted field still open at the end, bytes that are not UTF-8
    // or a read error.
    bool next(QStringList& fields);

    qint64 recordLine() const { return m_recordLine; } // the line the last record began on (from 1)
    qint64 bytesRead() const { return m_consumed; }    // input consumed so far

private:
    int peekByte();  // -1 at the end of the input
    int takeByte();
    [[noreturn]] void fail(qint64 line, const QString& cause) const;
    QString decoded(const QByteArray& bytes, qint64 line) const;

    QIODevice& m_device;
    QByteArray m_buffer;
    qsizetype m_at = 0;
    qint64 m_consumed = 0;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    bool m_started = false;
};

} // namespace earlab
