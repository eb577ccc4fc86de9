#pragma once
// The Home page's list: each exercise of the catalogue with its saved level and recent
// accuracy, and, for exercises whose hidden change has a band, the accuracy per band.

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace earlab {
class Exercise;
class ExerciseCatalogue;
class ProgressStore;
}

namespace earlab::app {

class ExerciseListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ExerciseListModel belongs to App")
public:
    enum Role {
        ExerciseIdRole = Qt::UserRole + 1,
        TitleRole,
        SummaryRole,
        LevelRole,
        LevelCountRole,
        LevelDescriptionRole,
        RecentAccuracyRole, // percent over the last kRecent answers; -1 with no answers
        RecentCountRole,
        TotalAttemptsRole,
        // Per octave over the last kBandWindow answers: a list of {label ("1k"), name ("1 kHz"), bandHz, asked,
        // correct, percent (-1 when not asked)}, flat trials first when there were any.
        BandAccuracyRole,
        BandWindowRole, // how many answers BandAccuracyRole covers
        WeakestBandRole, // {name, percent, correct, asked} of weakestBand() over them; {} when none
    };
    static constexpr int kRecent = 20;
    static constexpr int kBandWindow = 200;
    static_assert(kBandWindow >= kRecent, "the recent answers are read from the band window");

    ExerciseListModel(const ExerciseCatalogue* exercises, ProgressStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void refresh();

private:
    struct Row {
        QString id, title, summary;
        int level = 1, levelCount = 1;
        QString levelDescription;
        int recentAccuracy = -1, recentCount = 0, total = 0;
        QVariantList bands;
        QVariantMap weakest;
        int bandWindow = 0;
    };
    Row load(const Exercise& exercise) const;

    const ExerciseCatalogue* m_catalogue;
    ProgressStore* m_store;
    QList<Row> m_rows;
};

} // namespace earlab::app
