#pragma once
// The Statistics page's data (issue 9 §1), for QML: the summary progressStatistics computes
// (exercises/progress_statistics.h), as small maps and lists with the keys earlab-cli stats
// --json writes (docs/statistics.md), and the page's filters. Never the answers themselves:
// SQLite aggregates them, and a month of training is a few hundred values here.
//
// Threads: it reads through the UI thread's ProgressStore connection (WAL lets that read
// beside the database writer), on the UI thread, when refresh() is called or a filter
// changes; on 100,000 answers that takes 190–250 ms (bench_statistics), within the page's
// 300 ms. The page calls refresh() when it opens and after answers were written.

#include "exercises/statistics_filter.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace earlab {
class ProgressStore;
}

namespace earlab::app {

class StatisticsModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("App owns the statistics")

    // The whole summary: answers, correct, accuracy, exercises, days, sessions, streak_days,
    // blind_tests (keys as in docs/statistics.md). Empty until the first refresh().
    Q_PROPERTY(QVariantMap summary READ summary NOTIFY changed)
    // Shortcuts into it for bindings.
    Q_PROPERTY(int answers READ answers NOTIFY changed)
    Q_PROPERTY(QVariantList exercises READ exercises NOTIFY changed)
    Q_PROPERTY(QVariantList days READ days NOTIFY changed)
    // Why the statistics could not be read (a sentence naming the database), or empty.
    Q_PROPERTY(QString problem READ problem NOTIFY changed)
    // Filters (docs/statistics.md "Which answers count"); an empty string or an invalid
    // time: no filter. Setting one refreshes.
    Q_PROPERTY(QString exercise READ exercise WRITE setExercise NOTIFY filterChanged)
    Q_PROPERTY(QString material READ material WRITE setMaterial NOTIFY filterChanged)
    Q_PROPERTY(QString genre READ genre WRITE setGenre NOTIFY filterChanged)
    Q_PROPERTY(QDateTime since READ since WRITE setSince NOTIFY filterChanged)
    Q_PROPERTY(QDateTime until READ until WRITE setUntil NOTIFY filterChanged)
    // The page's time range: the last N local days, today included (since = local midnight
    // N - 1 days before today, until unset; recomputed at every refresh, as the app may
    // stay open past midnight); 0: every answer. Setting it sets since.
    Q_PROPERTY(int rangeDays READ rangeDays WRITE setRangeDays NOTIFY filterChanged)
    // Practice time (seconds, as the summary's days' practice_s) of today and of the last 7
    // local days, today included, among the filtered answers; "today" is the clock's local
    // day at the last refresh (QML's own Date would go stale after midnight).
    Q_PROPERTY(double todayPracticeS READ todayPracticeS NOTIFY changed)
    Q_PROPERTY(double weekPracticeS READ weekPracticeS NOTIFY changed)

public:
    // `store` (the UI thread's reading store) must outlive this object.
    explicit StatisticsModel(ProgressStore& store, QObject* parent = nullptr);

    // Reads `store` from now on (and refreshes): the screenshot mode shows a generated
    // history from a scratch database this way, never writing into the user's.
    void setStore(ProgressStore& store);

    QVariantMap summary() const { return m_summary; }
    int answers() const { return m_summary.value(QStringLiteral("answers")).toInt(); }
    QVariantList exercises() const { return m_summary.value(QStringLiteral("exercises")).toList(); }
    QVariantList days() const { return m_summary.value(QStringLiteral("days")).toList(); }
    QString problem() const { return m_problem; }
    double todayPracticeS() const { return m_todayPracticeS; }
    double weekPracticeS() const { return m_weekPracticeS; }

    // What "now" is (tests move it past midnight); the system clock by default.
    void setClock(std::function<QDateTime()> now);

    QString exercise() const { return m_filter.exercise; }
    QString material() const { return m_filter.material; }
    QString genre() const { return m_filter.genre; }
    QDateTime since() const { return m_filter.since; }
    QDateTime until() const { return m_filter.until; }
    void setExercise(const QString& id);
    void setMaterial(const QString& material);
    void setGenre(const QString& genre);
    void setSince(const QDateTime& at);
    void setUntil(const QDateTime& at);
    int rangeDays() const { return m_rangeDays; }
    void setRangeDays(int days);

    // Computes the summary again from the database; emits changed().
    Q_INVOKABLE void refresh();

signals:
    void changed();
    void filterChanged();

private:
    template <typename T>
    void setFilter(T& field, const T& value);

    // The practice seconds of the summary's days from `first` (local day) on.
    double practiceSince(const QDate& first) const;

    ProgressStore* m_store;
    std::function<QDateTime()> m_now = [] { return QDateTime::currentDateTimeUtc(); };
    int m_rangeDays = 0;
    double m_todayPracticeS = 0;
    double m_weekPracticeS = 0;
    QVariantMap m_summary;
    QString m_problem;
    StatisticsFilter m_filter;
};

} // namespace earlab::app
