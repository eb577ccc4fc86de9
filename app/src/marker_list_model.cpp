#include "app/src/marker_list_model.h"

#include "exercises/marker_export.h"

namespace earlab::app {

MarkerListModel::MarkerListModel(QObject* parent) : QAbstractListModel(parent) {}

int MarkerListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_markers.size());
}

QVariant MarkerListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrackMarker& m = m_markers[index.row()];
    switch (role) {
    case IdRole: return m.id;
    case UidRole: return m.uid;
    case PositionRole: return m.positionSeconds;
    case TimeTextRole: return markerTimeText(m.positionSeconds);
    case CategoryRole: return m.category;
    case CategoryLabelRole: return markerCategoryLabel(m.category);
    case Qt::DisplayRole:
    case NoteRole: return m.note;
    case SectionEndRole: return sectionEnd(index.row());
    default: return {};
    }
}

QHash<int, QByteArray> MarkerListModel::roleNames() const
{
    return {{IdRole, "markerId"},     {UidRole, "uid"},     {PositionRole, "position"},
            {TimeTextRole, "timeText"}, {CategoryRole, "category"}, {CategoryLabelRole, "categoryLabel"},
            {NoteRole, "note"},       {SectionEndRole, "sectionEnd"}};
}

void MarkerListModel::setMarkers(const QList<TrackMarker>& markers, double trackEnd)
{
    const bool countChanges = markers.size() != m_markers.size();
    beginResetModel();
    m_markers = markers;
    m_trackEnd = trackEnd;
    endResetModel();
    if (countChanges)
        emit countChanged();
}

QVariantMap MarkerListModel::get(int row) const
{
    QVariantMap out;
    if (row < 0 || row >= m_markers.size())
        return out;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return out;
}

int MarkerListModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_markers.size(); ++i) {
        if (m_markers[i].id == id)
            return i;
    }
    return -1;
}

double MarkerListModel::sectionEnd(int row) const
{
    if (row < 0 || row >= m_markers.size())
        return m_trackEnd;
    const double start = m_markers[row].positionSeconds;
    // Markers at the very same point share a section: it ends at the next one further on.
    for (int i = row + 1; i < m_markers.size(); ++i) {
        if (m_markers[i].positionSeconds > start)
            return m_markers[i].positionSeconds;
    }
    return std::max(m_trackEnd, start);
}

} // namespace earlab::app
