#include "app/src/workout.h"

#include "exercises/attempt.h"
#include "exercises/store_error.h"

#include <cmath>

namespace earlab::app {

namespace {

QString materialText(const PlanItem& item)
{
    if (item.material == attempt_material::noise)
        return Workout::tr("Pink noise");
    if (item.material == attempt_material::builtin)
        return Workout::tr("Built-in music");
    return item.genre.isEmpty() ? Workout::tr("Your music") : Workout::tr("Your music: %1").arg(item.genre);
}

// The seed of a day's plan: the same plan all (local, the listener's) day, the genre rotation
// moving on at their midnight, not at UTC's.
std::uint64_t daySeed(const QDateTime& now) { return std::uint64_t(now.toLocalTime().date().toJulianDay()); }

} // namespace

Workout::Workout(EvidenceSource evidence, Starter starter, QObject* parent)
    : QAbstractListModel(parent), m_evidence(std::move(evidence)), m_starter(std::move(starter)),
      m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

SessionFocus Workout::sessionFocus(const PlanItem& item)
{
    return {item.focusHz, item.material, item.genre};
}

int Workout::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count(); }

QVariant Workout::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PlanItem& item = m_items[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return item.title;
    case ExerciseRole:
        return item.exercise;
    case FocusRole:
        return item.focusLabel;
    case MaterialRole:
        return materialText(item);
    case QuestionsRole:
        return item.questions;
    case MinutesRole:
        return std::round(item.minutes * 2.0) / 2.0;
    case ReasonRole:
        return item.reason;
    case DoneRole:
        return running() && index.row() < m_current;
    }
    return {};
}

QHash<int, QByteArray> Workout::roleNames() const
{
    return {{ExerciseRole, "exerciseId"}, {TitleRole, "title"},       {FocusRole, "focusBand"},
            {MaterialRole, "material"},   {QuestionsRole, "questions"}, {MinutesRole, "minutes"},
            {ReasonRole, "reason"},       {DoneRole, "done"}};
}

QVariantMap Workout::item(int row) const
{
    QVariantMap out;
    if (row < 0 || row >= count())
        return out;
    const auto names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return out;
}

QString Workout::summary() const
{
    if (m_items.empty())
        return {};
    const QString exercises = count() == 1 ? tr("1 exercise") : tr("%1 exercises").arg(count());
    return tr("%1, about %2 minutes").arg(exercises).arg(std::lround(totalMinutes(m_items)));
}

QString Workout::currentTitle() const
{
    return running() && m_current < count() ? m_items[std::size_t(m_current)].title : QString();
}

void Workout::refresh()
{
    if (running())
        return;
    beginResetModel();
    m_problem.clear();
    try {
        const QDateTime now = m_clock();
        m_items = planPractice(m_evidence(), {now, daySeed(now), 10});
    } catch (const StoreError& e) {
        m_items.clear();
        m_problem = tr("No workout today: %1").arg(e.message());
    }
    endResetModel();
    emit changed();
}

void Workout::start()
{
    if (m_items.empty())
        return;
    if (!running()) {
        m_current = 0;
        emit dataChanged(index(0), index(count() - 1), {DoneRole});
        emit changed();
    }
    const PlanItem& item = m_items[std::size_t(m_current)];
    m_starter(item);
}

void Workout::stop()
{
    if (!running())
        return;
    m_current = -1;
    refresh();
}

void Workout::sessionFinished(const QString& exerciseId)
{
    if (!running() || m_items[std::size_t(m_current)].exercise != exerciseId)
        return;
    ++m_current;
    if (m_current >= count()) {
        stop(); // done: tomorrow's evidence includes today's answers
        return;
    }
    emit dataChanged(index(0), index(count() - 1), {DoneRole});
    emit changed();
}

} // namespace earlab::app
