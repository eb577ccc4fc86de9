#include "cli_support.h"

#include "exercises/attempt.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/progress_statistics.h"
#include "exercises/read_only_database.h"
#include "exercises/statistics_json.h"
#include "exercises/threshold_estimate.h"

#include <QJsonDocument>
#include <QStringList>

#include <cmath>

namespace earlab::cli {

namespace {

// --since/--until: a local calendar day (its midnight) or an ISO 8601 date-time (local
// unless it says Z or an offset).
QDateTime parseTime(const QString& what, const QString& text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return QDateTime(date, QTime(0, 0));
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (time.isValid() && text.contains(QLatin1Char('T')))
        return time;
    throw UsageError(toStd(QStringLiteral("%1 '%2': not a date (YYYY-MM-DD) or an ISO 8601 date-time "
                                          "(2026-03-01T18:00, local time unless it ends in Z or an offset)")
                               .arg(what, text)));
}

QString percent(const Tally& t)
{
    return t.answers > 0 ? QString::number(100.0 * t.accuracy(), 'f', 1) + QStringLiteral(" %") : QStringLiteral("–");
}

QString bandName(double hz)
{
    if (hz <= 0)
        return QStringLiteral("flat");
    return hz >= 1000 ? QString::number(hz / 1000.0, 'g', 3) + QStringLiteral(" kHz")
                      : QString::number(hz, 'g', 4) + QStringLiteral(" Hz");
}

QString thresholdText(const ExerciseStatistics& e)
{
    if (!e.threshold)
        return e.unit.isEmpty() ? QStringLiteral("–") : QStringLiteral("measuring…");
    return e.threshold->text();
}

QStringList exerciseLines(const ExerciseStatistics& e)
{
    QStringList lines;
    const QString median = e.medianResponseMs ? QString::number(*e.medianResponseMs / 1000.0, 'f', 1) + " s"
                                              : QStringLiteral("–");
    lines << QStringLiteral("%1 %2 %3 %4 %5  %6  %7")
                 .arg(e.id, -14)
                 .arg(e.tally.answers, 7)
                 .arg(e.tally.correct, 7)
                 .arg(percent(e.tally), 8)
                 .arg(e.level, 5)
                 .arg(thresholdText(e), -18)
                 .arg(median);
    for (const BandTally& b : e.bands)
        lines << QStringLiteral("    %1 %2 asked, %3 right (%4)")
                     .arg(bandName(b.bandHz), -9)
                     .arg(b.tally.answers, 5)
                     .arg(b.tally.correct, 5)
                     .arg(percent(b.tally));
    if (!e.confusion.empty()) {
        QStringList pairs;
        for (const ValueConfusion& c : e.confusion)
            pairs << QStringLiteral("%1 → %2 ×%3").arg(bandName(c.trueValue), bandName(c.answerValue)).arg(c.count);
        lines << QStringLiteral("    wrong answers (true → answered): ") + pairs.join(QStringLiteral(", "));
    }
    if (e.eq) {
        const EqTendencies& t = *e.eq;
        QString line = QStringLiteral("    tendencies: %1 too high, %2 too low").arg(t.tooHigh).arg(t.tooLow);
        if (std::isfinite(t.meanOctaveError))
            line += QStringLiteral(" (mean %1 octave)").arg(t.meanOctaveError, 0, 'f', 2);
        line += QStringLiteral("; %1 cuts taken for boosts, %2 boosts taken for cuts; bands below 1 kHz %3, from 1 kHz %4")
                    .arg(t.cutsTakenForBoosts)
                    .arg(t.boostsTakenForCuts)
                    .arg(percent(t.lowBands), percent(t.highBands));
        if (std::isfinite(t.meanGainErrorDb))
            line += QStringLiteral("; wrong gains off by %1 dB on average").arg(t.meanGainErrorDb, 0, 'f', 1);
        lines << line;
    }
    if (!e.mistakes.empty()) {
        QStringList pairs;
        for (const NameConfusion& m : e.mistakes)
            pairs << QStringLiteral("%1 → %2 ×%3").arg(m.truth, m.answer).arg(m.count);
        lines << QStringLiteral("    wrong answers (true → answered): ") + pairs.join(QStringLiteral(", "));
    }
    if (e.sideBias && e.sideBias->answers > 0)
        lines << QStringLiteral("    answers %1 right of the truth on average (%2 right of it, %3 left)")
                     .arg(e.sideBias->meanError, 0, 'f', 2)
                     .arg(e.sideBias->rightOfTruth)
                     .arg(e.sideBias->leftOfTruth);
    return lines;
}

QString table(const QString& path, const ProgressStatistics& s)
{
    QStringList lines;
    lines << QStringLiteral("%1: %2 answers, %3 right; streak %4 day%5")
                 .arg(path)
                 .arg(s.tally.answers)
                 .arg(percent(s.tally))
                 .arg(s.streakDays)
                 .arg(s.streakDays == 1 ? "" : "s");
    if (!s.exercises.empty()) {
        lines << QString() << QStringLiteral("%1 %2 %3 %4 %5  %6  %7")
                                  .arg(QStringLiteral("Exercise"), -14)
                                  .arg(QStringLiteral("Answers"), 7)
                                  .arg(QStringLiteral("Right"), 7)
                                  .arg(QStringLiteral("Accuracy"), 8)
                                  .arg(QStringLiteral("Level"), 5)
                                  .arg(QStringLiteral("Threshold"), -18)
                                  .arg(QStringLiteral("Median response"));
        for (const ExerciseStatistics& e : s.exercises)
            lines << exerciseLines(e);
    }
    if (!s.days.empty()) {
        lines << QString() << QStringLiteral("Day (local)  Answers  Accuracy  Practice");
        for (const DayStatistics& d : s.days)
            lines << QStringLiteral("%1 %2 %3  %4 min")
                         .arg(d.date.toString(Qt::ISODate), -11)
                         .arg(d.tally.answers, 8)
                         .arg(percent(d.tally), 9)
                         .arg(d.practiceMs / 60000.0, 0, 'f', 1);
    }
    if (!s.blindTests.empty()) {
        lines << QString() << QStringLiteral("Blind tests");
        for (const BlindTestResult& b : s.blindTests)
            lines << QStringLiteral("  %1  %2 %3 of %4 right, p %5")
                         .arg(b.savedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), b.mode)
                         .arg(b.k)
                         .arg(b.n)
                         .arg(b.pValue ? QString::number(*b.pValue, 'g', 3) : QStringLiteral("–"));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

int runStats(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "The progress statistics the Statistics page shows: answers and accuracy per exercise, level and threshold, "
        "the EQ miss map (per band, confusions, tendencies), other exercises' mistakes, days, sessions, streak and "
        "blind tests. Days are local calendar days. The database is opened read-only: nothing is ever written to it. "
        "Every figure: docs/statistics.md.");
    parser.addOption({"db", "The progress database (EarLab's progress.sqlite).", "PATH"});
    parser.addOption({"exercise", "Only this exercise (earlab-cli exercises lists the ids).", "ID"});
    parser.addOption({"since", "Only answers from this local day (YYYY-MM-DD) or ISO 8601 date-time on.", "DATE"});
    parser.addOption({"until", "Only answers before this local day (YYYY-MM-DD) or ISO 8601 date-time.", "DATE"});
    parser.addOption({"material", "Only answers on this material: noise, builtin or music.", "KIND"});
    parser.addOption({"genre", "Only answers on your own music of this genre (ignoring case).", "GENRE"});
    parser.addOption({"json", "Write JSON instead of a table."});
    if (!parseOrHelp(parser, args, 0, 0))
        return kExitOk;
    if (!parser.isSet("db"))
        throw UsageError("--db PATH is required (the progress database to read)");

    StatisticsFilter filter;
    if (parser.isSet("since"))
        filter.since = parseTime(QStringLiteral("--since"), parser.value("since"));
    if (parser.isSet("until"))
        filter.until = parseTime(QStringLiteral("--until"), parser.value("until"));
    if (parser.isSet("exercise")) {
        filter.exercise = parser.value("exercise");
        if (!ExerciseCatalogue::standard().find(filter.exercise))
            throw UsageError(toStd(QStringLiteral("--exercise '%1': no such exercise (earlab-cli exercises lists them)")
                                       .arg(filter.exercise)));
    }
    if (parser.isSet("material")) {
        filter.material = parser.value("material");
        if (filter.material != attempt_material::noise && filter.material != attempt_material::builtin
            && filter.material != attempt_material::music)
            throw UsageError(toStd(QStringLiteral("--material '%1': must be noise, builtin or music").arg(filter.material)));
    }
    if (parser.isSet("genre"))
        filter.genre = parser.value("genre");

    const ReadOnlyDatabase db(parser.value("db")); // StoreError names the file
    const ProgressStatistics stats = progressStatistics(db.database(), db.path(), filter);
    if (parser.isSet("json"))
        printOut(QString::fromUtf8(QJsonDocument(statisticsToJson(stats)).toJson(QJsonDocument::Indented)).trimmed());
    else
        printOut(table(db.path(), stats));
    return kExitOk;
}

} // namespace earlab::cli
