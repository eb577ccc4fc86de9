#include "cli_support.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace earlab::cli {

namespace {

constexpr char16_t kEscapeBase = 0xDC00; // + byte (0x80..0xFF): U+DC80..U+DCFF

bool isEscapedByte(char16_t c) { return c >= 0xDC80 && c <= 0xDCFF; }

bool isContinuation(unsigned char b, unsigned char lo = 0x80, unsigned char hi = 0xBF)
{
    return b >= lo && b <= hi;
}

// The length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 if the byte there starts none.
std::size_t utf8SequenceLength(std::string_view s, std::size_t i)
{
    const auto at = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    const unsigned char b = at(0);
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return isContinuation(at(1)) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        const unsigned char lo = b == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = b == 0xED ? 0x9F : 0xBF;
        return isContinuation(at(1), lo, hi) && isContinuation(at(2)) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        const unsigned char lo = b == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = b == 0xF4 ? 0x8F : 0xBF;
        return isContinuation(at(1), lo, hi) && isContinuation(at(2)) && isContinuation(at(3)) ? 4 : 0;
    }
    return 0;
}

QString escapeText(unsigned char byte) { return QStringLiteral("\\x%1").arg(byte, 2, 16, QLatin1Char('0')); }

QString describe(double v) { return QString::number(v, 'g', 10); }

QString rangeText(const NumberRange& r)
{
    const QString unit = *r.unit ? QStringLiteral(" ") + QLatin1String(r.unit) : QString();
    if (r.minExcluded)
        return QStringLiteral("more than %1 and at most %2%3").arg(describe(r.min), describe(r.max), unit);
    return QStringLiteral("between %1 and %2%3").arg(describe(r.min), describe(r.max), unit);
}

[[noreturn]] void throwBadValue(const QString& what, const QString& text, const QString& requirement)
{
    throw UsageError(toStd(what + QLatin1Char(' ') + text + QStringLiteral(": must be ") + requirement));
}

// The parser keeps only the last value of a repeated option: `-o a.wav -o b.wav` would write
// b.wav without a word about a.wav. Refused instead, naming both values.
void refuseRepeatedOptions(const QCommandLineParser& parser)
{
    QSet<QString> seen;
    for (const QString& name : parser.optionNames()) {
        if (seen.contains(name))
            continue;
        seen.insert(name);
        const QStringList values = parser.values(name);
        if (values.size() < 2 || kRepeatableOptions.contains(name))
            continue;
        // values() holds every spelling of the option (-o and --output alike).
        const QString dashes = name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--");
        throw UsageError(toStd(dashes + name + QStringLiteral(" was given %1 times (").arg(values.size()) +
                               values.join(QStringLiteral(", ")) + QStringLiteral("): give it once")));
    }
}

} // namespace

QStringList argumentsFromArgv(int argc, char** argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << fromStd(argv[i]);
    return args;
}

QString fromStd(std::string_view bytes)
{
    QString s;
    s.reserve(qsizetype(bytes.size()));
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t n = utf8SequenceLength(bytes, i);
        if (n == 0) {
            s += QChar(char16_t(kEscapeBase + static_cast<unsigned char>(bytes[i])));
            ++i;
            continue;
        }
        s += QString::fromUtf8(bytes.data() + i, qsizetype(n));
        i += n;
    }
    return s;
}

std::string toStd(const QString& s)
{
    std::string bytes;
    bytes.reserve(std::size_t(s.size()));
    qsizetype runStart = 0; // the text since the last escaped byte, converted in one go
    const auto flush = [&](qsizetype end) {
        if (end > runStart)
            bytes += QStringView(s).mid(runStart, end - runStart).toUtf8().toStdString();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        // A low surrogate right after a high one is half of a real character, not an escape.
        const bool paired = i > 0 && s.at(i - 1).isHighSurrogate();
        if (isEscapedByte(c) && !paired) {
            flush(i);
            bytes += char(c - kEscapeBase);
            runStart = i + 1;
        }
    }
    flush(s.size());
    return bytes;
}

QString readable(const QString& s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t c = s.at(i).unicode();
        const bool paired = i > 0 && s.at(i - 1).isHighSurrogate();
        if (isEscapedByte(c) && !paired)
            out += escapeText(static_cast<unsigned char>(c - kEscapeBase));
        else
            out += s.at(i);
    }
    return out;
}

std::string readable(std::string_view bytes) { return readable(fromStd(bytes)).toStdString(); }

bool parseOrHelp(QCommandLineParser& parser, const QStringList& args, int minPositional, int maxPositional)
{
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(args))
        throw UsageError(toStd(parser.errorText()));
    if (parser.isSet(help)) {
        printOut(parser.helpText());
        return false;
    }
    refuseRepeatedOptions(parser);
    const auto n = parser.positionalArguments().size();
    if (n < minPositional)
        throw UsageError("missing argument (see --help)");
    if (n > maxPositional)
        throw UsageError("unexpected argument \"" + toStd(parser.positionalArguments().at(maxPositional)) +
                         "\" (see --help)");
    return true;
}

double parseNumber(const QString& what, const QString& text, const NumberRange& range)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    // Written so that NaN fails every comparison; infinities and overflow fail `ok` or the range.
    const bool inRange = range.minExcluded ? v > range.min : v >= range.min;
    if (!ok || !std::isfinite(v) || !inRange || !(v <= range.max))
        throwBadValue(what, text, QStringLiteral("a number ") + rangeText(range));
    return v;
}

std::int64_t parseInteger(const QString& what, const QString& text, std::int64_t min, std::int64_t max)
{
    bool ok = false;
    const qlonglong v = text.trimmed().toLongLong(&ok); // fails on overflow, fractions, exponents
    if (!ok || v < min || v > max)
        throwBadValue(what, text, QStringLiteral("a whole number between %1 and %2").arg(min).arg(max));
    return v;
}

std::uint64_t parseUnsigned64(const QString& what, const QString& text)
{
    bool ok = false;
    const QString digits = text.trimmed();
    // toULongLong takes "+5" and would take other bases' prefixes; a seed is plain digits.
    const bool plain = !digits.isEmpty() && std::all_of(digits.begin(), digits.end(), [](QChar c) {
        return c >= QLatin1Char('0') && c <= QLatin1Char('9');
    });
    const qulonglong v = plain ? digits.toULongLong(&ok, 10) : 0; // fails on overflow
    if (!ok)
        throwBadValue(what, text, QStringLiteral("a whole number between 0 and %1").arg(UINT64_MAX));
    return v;
}

void printOut(const QString& text)
{
    std::fputs(readable(text).toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QJsonValue finiteOrNull(double v, int decimals)
{
    if (!std::isfinite(v))
        return QJsonValue::Null;
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

} // namespace earlab::cli
