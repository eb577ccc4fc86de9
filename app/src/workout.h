#pragma once
// Home's "Today's workout" (exercises/practice_plan.h): the plan for today as a list model,
// and its run: Start opens the first item's exercise as a training session of the item's
// question count that asks what the item says (sessionFocus(): its focus band asked more
// often, its material and genre; session_focus.h, band_focus.h); when that session finishes,
// the next item is the one Continue starts. See docs/practice_plan.md.

#include "app/src/session_focus.h"

#include "exercises/practice_plan.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace earlab::app {

class Workout : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Workout belongs to App")
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed) // "5 exercises, about 10 minutes"
    Q_PROPERTY(bool running READ running NOTIFY changed)
    // The item running or to run next (0-based), -1 while the workout is not running.
    Q_PROPERTY(int current READ current NOTIFY changed)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY changed)
    // Why there is no plan (the database could not be read), or "".
    Q_PROPERTY(QString problem READ problem NOTIFY changed)

public:
    enum Role {
        ExerciseRole = Qt::UserRole + 1,
        TitleRole,
        FocusRole,      // "focusBand" in QML (Item has a focus): "1 kHz", or ""
        MaterialRole,   // "Pink noise", "Built-in music", "Your music: Funk", "Your music"
        QuestionsRole,
        MinutesRole,    // rounded to 0.5
        ReasonRole,
        DoneRole,       // finished in this run
    };
    using EvidenceSource = std::function<PracticeEvidence()>; // may throw StoreError
    // What App starts: the item's exercise, count and focus (sessionFocus(item)).
    using Starter = std::function<void(const PlanItem& item)>;
    using Clock = std::function<QDateTime()>;

    Workout(EvidenceSource evidence, Starter starter, QObject* parent = nullptr);

    // What a session must know to run `item` as planned.
    static SessionFocus sessionFocus(const PlanItem& item);

    void setClock(Clock clock) { m_clock = std::move(clock); } // tests: a fixed "now"

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_items.size()); }
    QString summary() const;
    bool running() const { return m_current >= 0; }
    int current() const { return m_current; }
    QString currentTitle() const;
    QString problem() const { return m_problem; }
    const std::vector<PlanItem>& items() const { return m_items; }

    // One item's roles by name ({exerciseId, title, focusBand, ...}), {} out of range: for tests.
    Q_INVOKABLE QVariantMap item(int row) const;
    // Plans again from the store (not while running: the run keeps its plan).
    Q_INVOKABLE void refresh();
    // Starts the first item (or the current one again when running).
    Q_INVOKABLE void start();
    Q_INVOKABLE void stop(); // ends the run; the plan is made again
    // A training session of `exerciseId` finished: when it is the running item, that item is
    // done and the next becomes current (the run ends after the last).
    void sessionFinished(const QString& exerciseId);

signals:
    void changed();

private:
    EvidenceSource m_evidence;
    Starter m_starter;
    Clock m_clock;
    std::vector<PlanItem> m_items;
    int m_current = -1;
    QString m_problem;
};

} // namespace earlab::app
