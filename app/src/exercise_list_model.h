#pragma once
// The Home page's list: each exercise with its saved level and recent accuracy.

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace earlab {
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
    };
    static constexpr int kRecent = 20;

    explicit ExerciseListModel(ProgressStore* store, QObject* parent = nullptr);

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
    };
    Row load(const QString& id) const;

    ProgressStore* m_store;
    QList<Row> m_rows;
};

} // namespace earlab::app
