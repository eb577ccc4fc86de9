#pragma once
// The open track's listening notes (track_marker.h) as a list model for the listening view:
// listed beside the waveform and drawn on it, by position.

#include "exercises/track_marker.h"

#include <QAbstractListModel>
#include <QList>
#include <QtQml/qqmlregistration.h>

namespace earlab::app {

class MarkerListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("MarkerListModel belongs to the listening view")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        UidRole,
        PositionRole,      // seconds
        TimeTextRole,      // "01:23.4"
        CategoryRole,      // the stable key: "tone"
        CategoryLabelRole, // "Tone/EQ"
        NoteRole,
        SectionEndRole,    // seconds: the next marker's position, or the track's end
    };

    explicit MarkerListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the rows (already by position); `trackEnd` is where the last section ends.
    void setMarkers(const QList<TrackMarker>& markers, double trackEnd);
    const QList<TrackMarker>& markers() const { return m_markers; }
    // Row `row`'s roles by name (markerId, position, category, note, …); empty outside the list.
    Q_INVOKABLE QVariantMap get(int row) const;
    // The row of marker `id`, or -1.
    Q_INVOKABLE int rowOf(qint64 id) const;
    // Where the section from row `row` ends: the next marker further on, or the track's end.
    double sectionEnd(int row) const;

signals:
    void countChanged();

private:
    QList<TrackMarker> m_markers;
    double m_trackEnd = 0.0;
};

} // namespace earlab::app
