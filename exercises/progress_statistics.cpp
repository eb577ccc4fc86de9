#include "exercises/progress_statistics.h"

#include "exercises/answer_tendencies.h"
#include "exercises/difficulty.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/progress_store.h"
#include "exercises/statistics_query.h"
#include "exercises/store_difficulty.h"
#include "exercises/store_sql.h"

#include <QVariant>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace earlab {

double Tally::accuracy() const
{
    return answers > 0 ? double(correct) / answers : std::nan("");
}

namespace {

using statistics::Scope;
using statistics::select;

const QString kDoing = QStringLiteral("Could not compute the statistics");

QDateTime utcTime(const QVariant& text)
{
    return QDateTime::fromString(text.toString(), Qt::ISODateWithMs).toUTC();
}

// One scan for the per-exercise, per-day and per-exercise-day totals: the answers grouped
// by exercise and local day (a month of ten exercises is 300 rows). SQLite's 'localtime'
// uses the same C library time zone as Qt's local time.
void addTotals(const Scope& scope, std::map<QString, ExerciseStatistics>& exercises,
               std::map<QDate, DayStatistics>& days)
{
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT exercise, date(answered_at, 'localtime') AS day, count(*),"
                                            " sum(correct), sum(min(response_ms, %2)), avg(value)"
                                            " FROM attempts WHERE %1 GROUP BY exercise, day ORDER BY exercise, day")
                                 .arg(QStringLiteral("%1"), QString::number(kPracticeCapMs)));
    while (query.next()) {
        const QString id = query.value(0).toString();
        const QDate date = QDate::fromString(query.value(1).toString(), Qt::ISODate);
        const Tally tally{query.value(2).toInt(), query.value(3).toInt()};
        ExerciseStatistics& e = exercises[id];
        e.id = id;
        e.tally.answers += tally.answers;
        e.tally.correct += tally.correct;
        ExerciseDay day{date, tally, std::nullopt};
        if (!query.value(5).isNull())
            day.meanValue = query.value(5).toDouble();
        e.days.push_back(day);
        DayStatistics& d = days[date];
        d.date = date;
        d.tally.answers += tally.answers;
        d.tally.correct += tally.correct;
        d.practiceMs += query.value(4).toLongLong();
    }
}

// The median of the exercise's response times: SQLite sorts them and hands over the one or
// two in the middle.
std::optional<int> medianResponseMs(const Scope& scope, const QString& exercise, int answers)
{
    if (answers <= 0)
        return std::nullopt;
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT response_ms FROM attempts WHERE %1 AND exercise = ?"
                                            " ORDER BY response_ms LIMIT ? OFFSET ?"),
                             {exercise, answers % 2 == 1 ? 1 : 2, (answers - 1) / 2});
    qint64 sum = 0;
    int count = 0;
    while (query.next()) {
        sum += query.value(0).toLongLong();
        ++count;
    }
    if (count == 0)
        return std::nullopt;
    return int(std::llround(double(sum) / count));
}

// The exercise's difficulty now, as Session would resume it: its level and, for a
// staircase, the threshold of its saved state.
void addDifficulty(const QSqlDatabase& db, const QString& path, const Exercise* exercise, ExerciseStatistics& e)
{
    const std::optional<SavedDifficulty> saved = store::selectDifficulty(db, path, e.id, kDoing);
    if (!exercise) {
        e.level = saved ? saved->level : 1;
        return;
    }
    const Difficulty d = Difficulty::resume(*exercise, saved ? std::optional<int>(saved->level) : std::nullopt,
                                            saved ? saved->state : QJsonObject(), {}, &e.difficultyProblem);
    e.level = d.level();
    if (d.isStaircase()) {
        e.unit = exercise->unit();
        if (const auto t = d.threshold(); t && t->reversals > 0)
            e.threshold = t;
    }
}

std::vector<SessionStatistics> sessions(const Scope& scope)
{
    std::vector<SessionStatistics> out;
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT session, min(answered_at) AS started, max(answered_at), count(*),"
                                            " sum(correct) FROM attempts WHERE %1 AND session <> ''"
                                            " GROUP BY session ORDER BY started, session"));
    while (query.next())
        out.push_back({query.value(0).toString(), utcTime(query.value(1)), utcTime(query.value(2)),
                       {query.value(3).toInt(), query.value(4).toInt()}});
    return out;
}

std::vector<BlindTestResult> blindTests(const QSqlDatabase& db, const QString& path, const StatisticsFilter& filter)
{
    QString sql = QStringLiteral("SELECT id, saved_at, mode, k, n, p_value FROM blind_logs WHERE 1");
    QVariantList values;
    if (filter.since.isValid()) {
        sql += QStringLiteral(" AND saved_at >= ?");
        values << store::isoUtc(filter.since);
    }
    if (filter.until.isValid()) {
        sql += QStringLiteral(" AND saved_at < ?");
        values << store::isoUtc(filter.until);
    }
    QSqlQuery query = store::prepare(db, path, sql + QStringLiteral(" ORDER BY saved_at, id"), kDoing);
    for (const QVariant& v : values)
        query.addBindValue(v);
    store::exec(query, path, kDoing);
    std::vector<BlindTestResult> out;
    while (query.next()) {
        BlindTestResult r{query.value(0).toLongLong(), utcTime(query.value(1)), query.value(2).toString(),
                          query.value(3).toInt(), query.value(4).toInt(), std::nullopt};
        if (!query.value(5).isNull())
            r.pValue = query.value(5).toDouble();
        out.push_back(r);
    }
    return out;
}

int streak(const std::map<QDate, DayStatistics>& days, const QDate& today)
{
    QDate day = today;
    if (!days.count(day))
        day = day.addDays(-1); // today not practised yet: the streak is still yesterday's
    int n = 0;
    while (days.count(day)) {
        ++n;
        day = day.addDays(-1);
    }
    return n;
}

} // namespace

ProgressStatistics progressStatistics(const QSqlDatabase& db, const QString& path, const StatisticsFilter& filter,
                                      const QDate& today)
{
    const Scope scope = statistics::makeScope(db, path, filter);
    std::map<QString, ExerciseStatistics> byId;
    std::map<QDate, DayStatistics> byDay;
    addTotals(scope, byId, byDay);

    ProgressStatistics out;
    static const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
    auto take = [&](const QString& id) {
        auto it = byId.find(id);
        if (it == byId.end())
            return;
        ExerciseStatistics e = std::move(it->second);
        byId.erase(it);
        addDifficulty(db, path, catalogue.find(id), e);
        e.medianResponseMs = medianResponseMs(scope, id, e.tally.answers);
        statistics::addAnswerTendencies(scope, e);
        out.tally.answers += e.tally.answers;
        out.tally.correct += e.tally.correct;
        out.exercises.push_back(std::move(e));
    };
    for (const auto& exercise : catalogue.all())
        take(exercise->id());
    while (!byId.empty()) // answers of exercises this version does not know, by id
        take(byId.begin()->first);

    for (const auto& [date, day] : byDay)
        out.days.push_back(day);
    out.streakDays = streak(byDay, today);
    out.sessions = sessions(scope);
    if (filter.timeOnly())
        out.blindTests = blindTests(db, path, filter);
    return out;
}

ProgressStatistics progressStatistics(const ProgressStore& store, const StatisticsFilter& filter, const QDate& today)
{
    return progressStatistics(store.sharedDatabase(kDoing), store.path(), filter, today);
}

} // namespace earlab
