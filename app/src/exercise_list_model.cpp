#include "app/src/exercise_list_model.h"

#include "exercises/band_statistics.h"
#include "exercises/eq_bands.h"
#include "exercises/exercise_catalogue.h"
#include "exercises/progress_store.h"
#include "exercises/saved_difficulty.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace earlab::app {

namespace {
QVariantMap bandEntry(const BandAccuracy& b)
{
    const QString label = b.bandHz > 0 ? QString::fromStdString(bandTickLabel(b.bandHz)) : ExerciseListModel::tr("flat");
    const QString name = b.bandHz > 0 ? QString::fromLatin1(bandLabel(b.bandHz)) : label;
    return {{"label", label},
            {"name", name},
            {"bandHz", b.bandHz},
            {"asked", b.asked},
            {"correct", b.correct},
            {"percent", b.asked > 0 ? int(std::lround(100.0 * b.accuracy())) : -1}};
}
} // namespace

ExerciseListModel::ExerciseListModel(const ExerciseCatalogue* exercises, ProgressStore* store, QObject* parent)
    : QAbstractListModel(parent), m_catalogue(exercises), m_store(store)
{
    refresh();
}

ExerciseListModel::Row ExerciseListModel::load(const Exercise& exercise) const
{
    Row r;
    const QString id = exercise.id();
    r.id = id;
    r.title = exercise.title();
    r.summary = exercise.summary();
    r.levelCount = exercise.levelCount();
    const bool staircase = exercise.difficultyKind() == DifficultyKind::Staircase;
    r.difficultyKind = staircase ? QStringLiteral("staircase") : QStringLiteral("ladder");
    r.levelCountText = staircase ? tr("%1 → %2").arg(formatValue(exercise.levels().front().value, exercise.unit()),
                                                     formatValue(exercise.levels().back().value, exercise.unit()))
                                 : tr("%n level(s)", nullptr, r.levelCount);
    if (m_store) {
        const Difficulty d = loadDifficulty(exercise, *m_store);
        r.level = d.level();
        r.difficultyText = d.text();
        if (const auto t = d.threshold())
            r.thresholdText = t->text();
        if (const auto best = d.bestThreshold())
            r.bestThresholdText = best->text();
    }
    try {
        if (m_store && m_store->isOpen()) {
            // One read serves both: newest first, so the recent answers are the window's first.
            // Answers from before a reset, or given before anything was heard, do not count.
            const auto window = m_store->recentAttemptsSinceReset(id, kBandWindow, ProgressStore::Unheard::Exclude);
            r.recentCount = int(std::min<qsizetype>(window.size(), kRecent));
            if (r.recentCount > 0) {
                const auto right = std::count_if(window.begin(), window.begin() + r.recentCount,
                                                 [](const Attempt& a) { return a.correct; });
                r.recentAccuracy = int(std::lround(100.0 * double(right) / double(r.recentCount)));
            }
            r.total = m_store->attemptCount(id);
            r.bandWindow = int(window.size());
            // Answers whose hidden change has a band (the EQ exercises') make the band strip.
            const auto pooled = pooledByOctave(perBandAccuracy(window), octaveCentresHz());
            for (const BandAccuracy& b : pooled)
                r.bands.append(bandEntry(b));
            if (const auto weakest = weakestBand(pooled))
                r.weakest = bandEntry(*weakest);
        }
    } catch (const StoreError&) {
        // The banner reports store problems; the page still shows the exercise.
    }
    r.levelDescription = exercise.level(r.level).description;
    if (m_musicLine)
        std::tie(r.musicText, r.musicNote) = m_musicLine(exercise, r.level);
    return r;
}

void ExerciseListModel::refresh()
{
    beginResetModel();
    m_rows.clear();
    for (const auto& exercise : m_catalogue->all())
        m_rows.append(load(*exercise));
    m_current = std::clamp(m_current, 0, std::max(0, int(m_rows.size()) - 1));
    endResetModel();
}

void ExerciseListModel::refreshMusic()
{
    if (!m_musicLine)
        return;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row& r = m_rows[i];
        const Exercise* e = m_catalogue->find(r.id);
        if (!e)
            continue;
        auto line = m_musicLine(*e, r.level);
        if (line == std::pair{r.musicText, r.musicNote})
            continue;
        std::tie(r.musicText, r.musicNote) = std::move(line);
        emit dataChanged(index(i), index(i), {MusicTextRole, MusicNoteRole});
    }
}

int ExerciseListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ExerciseListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole: return r.title;
    case ExerciseIdRole: return r.id;
    case SummaryRole: return r.summary;
    case LevelRole: return r.level;
    case LevelCountRole: return r.levelCount;
    case LevelDescriptionRole: return r.levelDescription;
    case RecentAccuracyRole: return r.recentAccuracy;
    case RecentCountRole: return r.recentCount;
    case TotalAttemptsRole: return r.total;
    case BandAccuracyRole: return r.bands;
    case BandWindowRole: return r.bandWindow;
    case WeakestBandRole: return r.weakest;
    case DifficultyKindRole: return r.difficultyKind;
    case DifficultyTextRole: return r.difficultyText;
    case ThresholdTextRole: return r.thresholdText;
    case BestThresholdTextRole: return r.bestThresholdText;
    case LevelCountTextRole: return r.levelCountText;
    case MusicTextRole: return r.musicText;
    case MusicNoteRole: return r.musicNote;
    default: return {};
    }
}

QHash<int, QByteArray> ExerciseListModel::roleNames() const
{
    return {{ExerciseIdRole, "exerciseId"},       {TitleRole, "title"},
            {SummaryRole, "summary"},             {LevelRole, "level"},
            {LevelCountRole, "levelCount"},       {LevelDescriptionRole, "levelDescription"},
            {RecentAccuracyRole, "recentAccuracy"}, {RecentCountRole, "recentCount"},
            {TotalAttemptsRole, "totalAttempts"}, {BandAccuracyRole, "bandAccuracy"},
            {BandWindowRole, "bandWindow"}, {WeakestBandRole, "weakestBand"},
            {DifficultyKindRole, "difficultyKind"}, {DifficultyTextRole, "difficultyText"},
            {ThresholdTextRole, "thresholdText"}, {BestThresholdTextRole, "bestThresholdText"},
            {LevelCountTextRole, "levelCountText"}, {MusicTextRole, "musicText"},
            {MusicNoteRole, "musicNote"}};
}

void ExerciseListModel::setCurrentIndex(int index)
{
    index = std::clamp(index, 0, std::max(0, int(m_rows.size()) - 1));
    if (index == m_current)
        return;
    m_current = index;
    emit currentIndexChanged();
}

QString ExerciseListModel::currentId() const
{
    return m_current < m_rows.size() ? m_rows[m_current].id : QString();
}

void ExerciseListModel::moveCurrent(int delta)
{
    setCurrentIndex(m_current + delta);
}

} // namespace earlab::app
