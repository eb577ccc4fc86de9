#pragma once
// The Compare page's table: the files picked for a comparison, in order, and once prepared
// (exercises/comparison_items.h) each item's figures as the page shows them. Every row is
// known to the listener (ABX's A and B are named on purpose), so nothing here depends on a
// blind run's seed: the table is the same whatever X is (test_compare_controller checks it).

#include "exercises/comparison_items.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace earlab::app {

class CompareItemModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CompareItemModel belongs to CompareController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        FileNameRole,   // the file's name without its folder
        KeyRole,        // "1".."8": the sighted A/B key
        PreparedRole,   // the figures below are known
        LoudnessRole,   // "-14.2 LUFS"
        TruePeakRole,   // "-1.3 dBTP"
        GainRole,       // "+2.10 dB"
        OffsetRole,     // "+480.37" (samples)
        DriftRole,      // "3.2 ppm", "1000.0 ppm (corrected)"
        PolarityRole,   // "normal" / "inverted"
        NullDepthRole,  // "-62.3 dB" against item 1; "reference" for item 1; "identical"
        ResidualRole,   // "+0.00 dB": the match's residual (comparison_items.h)
        TrimRole,       // dB, a number (the trim field's value); 0 until prepared
    };
    Q_ENUM(Role)

    explicit CompareItemModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList paths() const { return m_paths; }
    void setPaths(const QStringList& paths);        // figures forgotten
    void setFigures(const Comparison& comparison); // same order as the paths
    void clearFigures();

    // The figures as text, one place for the table and the tests.
    static QString loudnessText(const ComparisonItem& item);
    static QString gainText(const ComparisonItem& item);
    static QString offsetText(const ComparisonItem& item);
    static QString driftText(const ComparisonItem& item);
    static QString nullDepthText(const ComparisonItem& item, int row);
    static QString residualText(const ComparisonItem& item);

signals:
    void countChanged();

private:
    QStringList m_paths;
    std::vector<ComparisonItem> m_items; // empty until prepared
};

} // namespace earlab::app
