#include "exercises/csv_records.h"

#include <QStringDecoder>


namespace earlab {

namespace {
constexpr qint64 kChunk = 1 << 16;
} // namespace

QByteArray csvField(const QString& field, bool alwaysQuote)
{
    const bool needsQuotes = alwaysQuote || field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"'))
        || field.contains(QLatin1Char('\n')) || field.contains(QLatin1Char('\r'))
        || (!field.isEmpty() && (field.front().isSpace() || field.back().isSpace()));
    const QByteArray bytes = field.toUtf8();
    if (!needsQuotes)
        return bytes;
    QByteArray quoted;
    quoted.reserve(bytes.size() + 2);
    quoted.append('"');
    for (const char c : bytes) {
        if (c == '"')
            quoted.append('"');
        quoted.append(c);
    }
    quoted.append('"');
    return quoted;
}

CsvReader::CsvReader(QIODevice& device)
    : m_device(device)
{
}

void CsvReader::fail(qint64 line, const QString& cause) const
{
    throw CsvError{line, cause};
}

int CsvReader::peekByte()
{
    if (m_at == m_buffer.size()) {
        m_buffer.resize(kChunk);
        const qint64 got = m_device.read(m_buffer.data(), kChunk);
        m_buffer.resize(qMax<qint64>(got, 0));
        m_at = 0;
        if (got < 0)
            fail(m_line, QStringLiteral("could not read: %1").arg(m_device.errorString()));
        if (got == 0)
            return -1;
    }
    return static_cast<unsigned char>(m_buffer[m_at]);
}

int CsvReader::takeByte()
{
    const int c = peekByte();
    if (c >= 0) {
        ++m_at;
        ++m_consumed;
        if (c == '\n')
            ++m_line;
    }
    return c;
}

QString CsvReader::decoded(const QByteArray& bytes, qint64 line) const
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        fail(line, QStringLiteral("the text is not UTF-8"));
    return text;
}

bool CsvReader::next(QStringList& fields)
{
    fields.clear();
    if (!m_started) {
        m_started = true;
        // A byte order mark, EF BB BF (the first read holds it: it is 64 KiB from a file).
        if (peekByte() == 0xEF && m_buffer.mid(m_at, 3) == QByteArray("\xEF\xBB\xBF", 3))
            for (int i = 0; i < 3; ++i)
                takeByte();
    }
    if (peekByte() < 0)
        return false;
    m_recordLine = m_line;
    QByteArray field;
    for (;;) {
        int c = takeByte();
        if (c == '"' && field.isEmpty()) {
            const qint64 opened = m_line;
            for (;;) {
                c = takeByte();
                if (c < 0)
                    fail(opened, QStringLiteral("a quoted field is not closed before the end of the file"));
                if (c == '"') {
                    if (peekByte() != '"')
                        break;
                    takeByte();
                }
                field.append(char(c));
            }
            c = takeByte();
            if (c != ',' && c != '\n' && c != '\r' && c >= 0)
                fail(m_line, QStringLiteral("text after a closing quote (a quote inside a field must be doubled)"));
            fields << decoded(field, m_recordLine);
            field.clear();
        } else if (c == '"') {
            fail(m_line, QStringLiteral("a quote inside an unquoted field (quote the field and double the quote)"));
        } else if (c != ',' && c != '\n' && c != '\r' && c >= 0) {
            field.append(char(c));
            continue;
        } else {
            fields << decoded(field, m_recordLine);
            field.clear();
        }
        // c ends the field: a comma starts another; a line end or the end of input ends the record.
        if (c == ',') {
            if (peekByte() < 0 || peekByte() == '\n' || peekByte() == '\r') {
                fields << QString(); // "a,b," : an empty last field
                c = takeByte();
            } else {
                continue;
            }
        }
        if (c == '\r' && peekByte() == '\n')
            takeByte();
        return true;
    }
}

} // namespace earlab
