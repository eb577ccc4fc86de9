#include "exercises/answer_columns.h"

#include "exercises/store_attempt_row.h"
#include "exercises/store_json.h"
#include "exercises/store_sql.h"
#include "exercises/transfer_format.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace earlab::transfer {

namespace {

enum Column { Id, AnsweredAt, Exercise, Level, Session, Material, Correct, Score, ResponseMs, Hidden, Answer,
              Seed, Source, Value, Format, Heard, ColumnCount };

QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

// The reasons a cell is refused, thrown inside attemptFromCells and caught at its end.
struct CellError {
    QString why;
};

class Cells {
public:
    explicit Cells(const QList<std::optional<QString>>& cells)
        : m_cells(cells)
    {
    }

    // The cell's text; nothing for an optional column the file lacks. Throws for a required one.
    std::optional<QString> text(Column column) const
    {
        const AnswerColumn& spec = answerColumns().at(column);
        if (column >= m_cells.size() || !m_cells.at(column)) {
            if (spec.required)
                throw CellError{QStringLiteral("no %1").arg(spec.name)};
            return std::nullopt;
        }
        return m_cells.at(column);
    }

    QString textOr(Column column, const QString& fallback) const { return text(column).value_or(fallback); }

    qint64 integer(Column column, qint64 fallback, qint64 min, qint64 max) const
    {
        const std::optional<QString> cell = text(column);
        if (!cell)
            return fallback;
        bool ok = false;
        const qint64 value = cell->toLongLong(&ok);
        if (!ok || value < min || value > max)
            throw CellError{QStringLiteral("%1 '%2' is not a whole number from %3 to %4")
                                .arg(name(column), *cell).arg(min).arg(max)};
        return value;
    }

    double real(Column column) const
    {
        const QString cell = *text(column);
        bool ok = false;
        const double value = cell.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            throw CellError{QStringLiteral("%1 '%2' is not a number").arg(name(column), cell)};
        return value;
    }

    bool flag(Column column, bool fallback) const
    {
        const std::optional<QString> cell = text(column);
        if (!cell)
            return fallback;
        if (*cell != QLatin1String("0") && *cell != QLatin1String("1"))
            throw CellError{QStringLiteral("%1 '%2' is neither 0 nor 1").arg(name(column), *cell)};
        return *cell == QLatin1String("1");
    }

    QJsonObject object(Column column) const
    {
        const QString cell = *text(column);
        const std::optional<QJsonObject> object = store::parseObject(cell);
        if (!object)
            throw CellError{QStringLiteral("%1 is not a JSON object: %2").arg(name(column), elided(cell))};
        return *object;
    }

    QDateTime time(Column column) const
    {
        const QString cell = *text(column);
        const std::optional<QDateTime> time = parseTransferTime(cell);
        if (!time)
            throw CellError{QStringLiteral("%1 '%2' is not an ISO 8601 time with a zone (e.g. %3)")
                                .arg(name(column), elided(cell), QLatin1String(kTransferTimeExample))};
        return *time;
    }

    quint64 seed(Column column) const
    {
        const std::optional<QString> cell = text(column);
        if (!cell)
            return 0;
        bool ok = false;
        const quint64 value = cell->toULongLong(&ok);
        if (!ok || cell->startsWith(QLatin1Char('+')) || cell->startsWith(QLatin1Char('-')))
            throw CellError{QStringLiteral("%1 '%2' is not a whole number from 0 to 18446744073709551615")
                                .arg(name(column), *cell)};
        return value;
    }

private:
    static QString name(Column column) { return answerColumns().at(column).name; }
    static QString elided(const QString& text) { return text.size() > 60 ? text.left(57) + QStringLiteral("...") : text; }

    const QList<std::optional<QString>>& m_cells;
};

} // namespace

const QList<AnswerColumn>& answerColumns()
{
    using K = CellKind;
    static const QList<AnswerColumn> columns = {
        {QLatin1String("id"), K::Text, true},
        {QLatin1String("answered_at"), K::Text, true},
        {QLatin1String("exercise"), K::Text, true},
        {QLatin1String("level"), K::Integer, true},
        {QLatin1String("session"), K::Text, true},
        {QLatin1String("material"), K::Text, true},
        {QLatin1String("correct"), K::Flag, true},
        {QLatin1String("score"), K::Number, true},
        {QLatin1String("response_ms"), K::Integer, true},
        {QLatin1String("hidden"), K::Object, true},
        {QLatin1String("answer"), K::Object, true},
        {QLatin1String("seed"), K::Seed, false},
        {QLatin1String("source"), K::Text, false},
        {QLatin1String("value"), K::OptionalNumber, false},
        {QLatin1String("format"), K::Integer, false},
        {QLatin1String("heard"), K::Flag, false},
    };
    Q_ASSERT(columns.size() == ColumnCount);
    return columns;
}

int answerColumnIndex(const QString& name)
{
    const QList<AnswerColumn>& columns = answerColumns();
    for (int i = 0; i < columns.size(); ++i)
        if (columns.at(i).name == name)
            return i;
    return -1;
}

QStringList answerCells(const Attempt& a)
{
    QStringList cells(ColumnCount);
    cells[Id] = a.uid;
    cells[AnsweredAt] = store::isoUtc(a.answeredAt);
    cells[Exercise] = a.exercise;
    cells[Level] = QString::number(a.level);
    cells[Session] = a.session;
    cells[Material] = a.material;
    cells[Correct] = a.correct ? QStringLiteral("1") : QStringLiteral("0");
    cells[Score] = number(a.score);
    cells[ResponseMs] = QString::number(a.responseMs);
    cells[Hidden] = store::compactJson(a.hidden);
    cells[Answer] = store::compactJson(a.answer);
    cells[Seed] = QString::number(a.seed);
    cells[Source] = a.source;
    cells[Value] = std::isnan(a.value) ? QString() : number(a.value);
    cells[Format] = QString::number(a.format);
    cells[Heard] = a.heard ? QStringLiteral("1") : QStringLiteral("0");
    return cells;
}

std::optional<Attempt> attemptFromCells(const QList<std::optional<QString>>& list, QString* why)
{
    constexpr qint64 intMax = std::numeric_limits<int>::max();
    try {
        const Cells cells(list);
        Attempt a;
        a.uid = *cells.text(Id);
        if (!store::isAttemptUid(a.uid))
            throw CellError{QStringLiteral("id '%1' is not 32 lowercase hexadecimal digits").arg(a.uid.left(60))};
        a.answeredAt = cells.time(AnsweredAt);
        a.exercise = *cells.text(Exercise);
        a.level = int(cells.integer(Level, 1, std::numeric_limits<int>::min(), intMax));
        a.session = *cells.text(Session);
        a.material = *cells.text(Material);
        a.correct = cells.flag(Correct, false);
        a.score = cells.real(Score);
        a.responseMs = int(cells.integer(ResponseMs, 0, 0, intMax));
        a.hidden = cells.object(Hidden);
        a.answer = cells.object(Answer);
        a.seed = cells.seed(Seed);
        a.source = cells.textOr(Source, QString());
        const std::optional<QString> value = cells.text(Value);
        a.value = !value || value->isEmpty() ? qQNaN() : cells.real(Value);
        a.format = int(cells.integer(Format, 1, 1, intMax));
        a.heard = cells.flag(Heard, true);
        if (const QString invalid = store::whyInvalid(a); !invalid.isEmpty())
            throw CellError{invalid};
        return a;
    } catch (const CellError& error) {
        if (why)
            *why = error.why;
        return std::nullopt;
    }
}

} // namespace earlab::transfer
