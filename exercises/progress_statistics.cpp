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

// What the one scan over the answers sums up, before it becomes the result's lists.
struct Totals {
    struct Day {
        Tally tally;
        double valueSum = 0; // staircase values (NULL on a ladder: not summed)
        int values = 0;
    };
    std::map<QString, Tally> exercises;
    std::map<QString, std::map<QDate, Day>> exerciseDays;
    std::map<QDate, DayStatistics> days;
    std::map<QString, SessionStatistics> sessions;
};

void add(Tally& to, const Tally& t)
{
    to.answers += t.answers;
    to.correct += t.correct;
}

// One scan for every total: the answers grouped by exercise, local day and session (a month
// of ten exercises in two sessions a day is a few hundred rows), served by the covering
// index attempts_statistics. SQLite's 'localtime' uses the same C library time zone as Qt's
// local time.
Totals totals(const Scope& scope)
{
    QSqlQuery query = select(scope,
                             QStringLiteral("SELECT exercise, date(answered_at, 'localtime') AS day, session, count(*),"
                                            " sum(correct), sum(min(response_ms, %2)), sum(value), count(value),"
                                            " min(answered_at), max(answered_at)"
                                            " FROM attempts WHERE %1 GROUP BY exercise, day, session")
                                 .arg(QStringLiteral("%1"), QString::number(kPracticeCapMs)));
    Totals t;
    while (query.next()) {
        const QString id = query.value(0).toString();
        const QDate date = QDate::fromString(query.value(1).toString(), Qt::ISODate);
        const QString session = query.value(2).toString();
        const Tally tally{query.value(3).toInt(), query.value(4).toInt()};
        add(t.exercises[id], tally);
        Totals::Day& exerciseDay = t.exerciseDays[id][date];
        add(exerciseDay.tally, tally);
        exerciseDay.valueSum += query.value(6).toDouble();
        exerciseDay.values += query.value(7).toInt();
        DayStatistics& day = t.days[date];
        day.date = date;
        add(day.tally, tally);
        day.practiceMs += query.value(5).toLongLong();
        if (session.isEmpty()) // answers stored before sessions were recorded
            continue;
        const QDateTime first = utcTime(query.value(8));
        const QDateTime last = utcTime(query.value(9));
        auto [it, isNew] = t.sessions.try_emplace(session, SessionStatistics{session, first, last, {}});
        SessionStatistics& s = it->second;
        if (first < s.started)
            s.started = first;
        if (last > s.ended)
            s.ended = last;
        add(s.tally, tally);
    }
    return t;
}

std::vector<ExerciseDay> exerciseDays(const std::map<QDate, Totals::Day>& days)
{
    std::vector<ExerciseDay> out;
    for (const auto& [date, day] : days) {
        ExerciseDay d{date, day.tally, std::nullopt};
        if (day.values > 0)
            d.meanValue = day.valueSum / day.values;
        out.push_back(d);
    }
    return out;
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
    Totals t = totals(scope);

    ProgressStatistics out;
    static const ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
    auto take = [&](const QString& id) {
        auto it = t.exercises.find(id);
        if (it == t.exercises.end())
            return;
        ExerciseStatistics e;
        e.id = id;
        e.tally = it->second;
        t.exercises.erase(it);
        e.days = exerciseDays(t.exerciseDays[id]);
        addDifficulty(db, path, catalogue.find(id), e);
        e.medianResponseMs = medianResponseMs(scope, id, e.tally.answers);
        statistics::addAnswerTendencies(scope, e);
        add(out.tally, e.tally);
        out.exercises.push_back(std::move(e));
    };
    for (const auto& exercise : catalogue.all())
        take(exercise->id());
    while (!t.exercises.empty()) // answers of exercises this version does not know, by id
        take(t.exercises.begin()->first);

    for (const auto& [date, day] : t.days)
        out.days.push_back(day);
    out.streakDays = streak(t.days, today);
    for (const auto& [id, session] : t.sessions)
        out.sessions.push_back(session);
    std::sort(out.sessions.begin(), out.sessions.end(), [](const SessionStatistics& a, const SessionStatistics& b) {
        return a.started != b.started ? a.started < b.started : a.session < b.session;
    });
    if (filter.timeOnly())
        out.blindTests = blindTests(db, path, filter);
    return out;
}

ProgressStatistics progressStatistics(const ProgressStore& store, const StatisticsFilter& filter, const QDate& today)
{
    return progressStatistics(store.sharedDatabase(kDoing), store.path(), filter, today);
}

} // namespace earlab
