#pragma once
// The Home page's list: each exercise of the catalogue with its saved level and recent
// accuracy, and, for exercises whose hidden change has a band, the accuracy per band.

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <functional>

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
    // The exercise Home's keys act on (arrows move it, Enter starts it).
    Q_PROPERTY(int currentIndex READ currentIndex WRITE setCurrentIndex NOTIFY currentIndexChanged)
    Q_PROPERTY(QString currentId READ currentId NOTIFY currentIndexChanged)
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
        DifficultyKindRole,   // "ladder" or "staircase"
        DifficultyTextRole,   // "Level 3 of 8", or a staircase's current value "2.0 dB"
        ThresholdTextRole,    // a staircase's threshold now: "0.8 dB (0.4–1.6)", "measuring…"; "" for a ladder
        BestThresholdTextRole, // the best threshold reached, "" when none
        LevelCountTextRole,   // "8 levels", "6 dB → 0.1 dB"
        MusicTextRole,        // what its current level plays: "Music: your library, rotated", "Pink noise"
        MusicNoteRole,        // why that is not quite what the exercise's choice says ("" when it is)
    };
    static constexpr int kRecent = 20;
    static constexpr int kBandWindow = 200;
    static_assert(kBandWindow >= kRecent, "the recent answers are read from the band window");

    ExerciseListModel(const ExerciseCatalogue* exercises, ProgressStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void refresh();
    // The card's music line for an exercise at a level and its note (App: training_music.h's
    // plan in words).
    using MusicLine = std::function<std::pair<QString, QString>(const Exercise& exercise, int level)>;
    void setMusicLine(MusicLine line)
    {
        m_musicLine = std::move(line);
        refreshMusic();
    }
    // Only the music lines (the choice or the library changed): the cards stay, and so does a
    // start options popup open on one.
    void refreshMusic();

    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);
    QString currentId() const;
    // Arrow keys: by `delta` rows (the grid's columns for Up/Down), clamped.
    Q_INVOKABLE void moveCurrent(int delta);

signals:
    void currentIndexChanged();

private:
    struct Row {
        QString id, title, summary;
        int level = 1, levelCount = 1;
        QString levelDescription;
        int recentAccuracy = -1, recentCount = 0, total = 0;
        QVariantList bands;
        QVariantMap weakest;
        int bandWindow = 0;
        QString difficultyKind, difficultyText, thresholdText, bestThresholdText, levelCountText;
        QString musicText, musicNote;
    };
    Row load(const Exercise& exercise) const;

    const ExerciseCatalogue* m_catalogue;
    ProgressStore* m_store;
    MusicLine m_musicLine;
    QList<Row> m_rows;
    int m_current = 0;
};

} // namespace earlab::app
