#include "app/src/compare_item_model.h"

#include <QFileInfo>

#include <cmath>

namespace earlab::app {

CompareItemModel::CompareItemModel(QObject* parent) : QAbstractListModel(parent) {}

int CompareItemModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_paths.size());
}

QString CompareItemModel::loudnessText(const ComparisonItem& item)
{
    return QStringLiteral("%1 LUFS").arg(item.loudnessLufs, 0, 'f', 1);
}

QString CompareItemModel::gainText(const ComparisonItem& item)
{
    return QStringLiteral("%1%2 dB").arg(item.gainDb >= 0 ? "+" : "").arg(item.gainDb, 0, 'f', 2);
}

QString CompareItemModel::offsetText(const ComparisonItem& item)
{
    const double o = item.alignment.offsetSamples;
    return QStringLiteral("%1%2").arg(o > 0 ? "+" : "").arg(o, 0, 'f', 2); // the column says "samples"
}

QString CompareItemModel::driftText(const ComparisonItem& item)
{
    const QString ppm = QStringLiteral("%1 ppm").arg(item.alignment.driftPpm, 0, 'f', 1);
    return item.driftCorrected ? tr("%1 (corrected)").arg(ppm) : ppm;
}

QString CompareItemModel::nullDepthText(const ComparisonItem& item, int row)
{
    if (row == 0)
        return tr("reference");
    if (std::isinf(item.nullDepthDb) && item.nullDepthDb < 0)
        return tr("identical");
    return QStringLiteral("%1 dB").arg(item.nullDepthDb, 0, 'f', 1);
}

QString CompareItemModel::residualText(const ComparisonItem& item)
{
    const double r = std::abs(item.residualDb) < 0.005 ? 0.0 : item.residualDb; // no "-0.00"
    return QStringLiteral("%1%2 dB").arg(r >= 0 ? "+" : "").arg(r, 0, 'f', 2);
}

QVariant CompareItemModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const bool prepared = std::size_t(row) < m_items.size();
    switch (role) {
    case PathRole:
        return m_paths[row];
    case Qt::DisplayRole:
    case FileNameRole:
        return QFileInfo(m_paths[row]).fileName();
    case KeyRole:
        return QString::number(row + 1);
    case PreparedRole:
        return prepared;
    default:
        break;
    }
    if (role < LoudnessRole || role > TrimRole)
        return {};
    if (role == TrimRole)
        return prepared ? m_items[std::size_t(row)].trimDb : 0.0;
    if (!prepared)
        return QString();
    const ComparisonItem& item = m_items[std::size_t(row)];
    switch (role) {
    case LoudnessRole:
        return loudnessText(item);
    case TruePeakRole:
        return QStringLiteral("%1 dBTP").arg(item.truePeakDbtp, 0, 'f', 1);
    case GainRole:
        return gainText(item);
    case OffsetRole:
        return offsetText(item);
    case DriftRole:
        return driftText(item);
    case PolarityRole:
        return item.alignment.polarityInverted ? tr("inverted") : tr("normal");
    case NullDepthRole:
        return nullDepthText(item, row);
    case ResidualRole:
        return residualText(item);
    default:
        return {};
    }
}

QHash<int, QByteArray> CompareItemModel::roleNames() const
{
    return {{PathRole, "path"},         {FileNameRole, "fileName"}, {KeyRole, "key"},
            {PreparedRole, "prepared"}, {LoudnessRole, "loudness"}, {TruePeakRole, "truePeak"},
            {GainRole, "gain"},         {OffsetRole, "offset"},     {DriftRole, "drift"},
            {PolarityRole, "polarity"}, {NullDepthRole, "nullDepth"},
            {ResidualRole, "residual"}, {TrimRole, "trim"}};
}

void CompareItemModel::setPaths(const QStringList& paths)
{
    beginResetModel();
    m_paths = paths;
    m_items.clear();
    endResetModel();
    emit countChanged();
}

void CompareItemModel::setFigures(const Comparison& comparison)
{
    if (comparison.items.size() != std::size_t(m_paths.size()))
        return;
    m_items = comparison.items;
    for (auto& item : m_items)
        item.audio.reset(); // the controller keeps the samples; the table only the figures
    if (!m_paths.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1));
}

void CompareItemModel::clearFigures()
{
    if (m_items.empty())
        return;
    m_items.clear();
    emit dataChanged(index(0), index(rowCount() - 1));
}

} // namespace earlab::app
