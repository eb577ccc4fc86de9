#pragma once
// The loop editor's picture: a file's level overview (peak and RMS per bin, mirrored about a
// centre line) across the whole width, a m:ss time axis, and the loop region highlighted
// (one colour for a pinned region, another for the densest part the scan picked). The user
// moves the region here: a click starts it at the clicked time (keeping its length), a drag
// of the highlight moves it, and with focus the arrow keys nudge it. Painted in C++, as
// CurveItem is: 800 values redrawn on every drag step stay cheap, and the time mapping and
// clamping live here where a C++ test reaches them, not in JavaScript.

#include <QByteArray>
#include <QColor>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace earlab::app {

class LoopOverviewItem : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    // Library's "overview" role: LevelOverview::toBytes() (library_scan.h). Empty: no
    // picture, a flat line and a note that a rescan draws it.
    Q_PROPERTY(QByteArray overview READ overview WRITE setOverview NOTIFY overviewChanged)
    Q_PROPERTY(bool hasOverview READ hasOverview NOTIFY overviewChanged)
    Q_PROPERTY(double duration READ duration WRITE setDuration NOTIFY durationChanged) // s, the file
    // The region being edited, s. Writing either keeps the region inside the file; writing
    // the length also holds it to minLength..maxLength.
    Q_PROPERTY(double regionStart READ regionStart WRITE setRegionStart NOTIFY regionChanged)
    Q_PROPERTY(double regionLength READ regionLength WRITE setRegionLength NOTIFY regionChanged)
    Q_PROPERTY(double minLength READ minLength NOTIFY durationChanged) // 5 s, or the whole file if shorter
    Q_PROPERTY(double maxLength READ maxLength NOTIFY durationChanged) // 30 s, or the whole file if shorter
    // The region as stored: drawn as an outline while the edited one is elsewhere.
    Q_PROPERTY(double savedStart MEMBER m_savedStart NOTIFY appearanceChanged)
    Q_PROPERTY(double savedLength MEMBER m_savedLength NOTIFY appearanceChanged)
    Q_PROPERTY(bool pinned MEMBER m_pinned NOTIFY appearanceChanged) // the highlight's colour
    Q_PROPERTY(QColor densestColor MEMBER m_densestColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor pinnedColor MEMBER m_pinnedColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor waveColor MEMBER m_waveColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor gridColor MEMBER m_gridColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor labelColor MEMBER m_labelColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor backgroundColor MEMBER m_backgroundColor NOTIFY appearanceChanged)
    Q_PROPERTY(QColor focusColor MEMBER m_focusColor NOTIFY appearanceChanged)
    Q_PROPERTY(QString emptyText MEMBER m_emptyText NOTIFY appearanceChanged) // shown without an overview
    // Where the preview is playing, s in the file; negative: not playing (no line drawn).
    Q_PROPERTY(double playhead MEMBER m_playhead NOTIFY appearanceChanged)

public:
    static constexpr double kMinLoopSeconds = 5.0;
    static constexpr double kMaxLoopSeconds = 30.0;
    static constexpr double kAxisHeight = 22.0; // px under the picture for the time labels

    explicit LoopOverviewItem(QQuickItem* parent = nullptr);

    QByteArray overview() const { return m_overview; }
    void setOverview(const QByteArray& overview);
    bool hasOverview() const { return m_bins > 0; }
    double duration() const { return m_duration; }
    void setDuration(double seconds);
    double regionStart() const { return m_start; }
    double regionLength() const { return m_length; }
    void setRegionStart(double seconds);
    void setRegionLength(double seconds);
    double minLength() const;
    double maxLength() const;

    // Starts editing from `start` + `length` as stored: only kept inside the file (a region
    // pinned shorter than minLength stays as it is until the length is edited).
    Q_INVOKABLE void setRegion(double start, double length);
    // The time under x (px, item coordinates), clamped to the file; and back.
    Q_INVOKABLE double secondsAt(double x) const;
    Q_INVOKABLE double xAt(double seconds) const;
    // Where the picture is (px, item coordinates): the time axis is below it.
    Q_INVOKABLE QRectF plotArea() const { return plotRect(); }

    void paint(QPainter* painter) override;

signals:
    void overviewChanged();
    void durationChanged();
    void regionChanged();
    void appearanceChanged();

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseUngrabEvent() override; // a popup or focus change took the mouse mid-drag
    void hoverMoveEvent(QHoverEvent* event) override;
    void hoverLeaveEvent(QHoverEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    QRectF plotRect() const;
    double clampStart(double start, double length) const;
    void moveTo(double start); // a user's move, kept inside the file
    void paintWave(QPainter* painter, const QRectF& plot, const QColor& peak, const QColor& rms) const;
    void paintAxis(QPainter* painter, const QRectF& plot) const;

    QByteArray m_overview;
    int m_bins = 0;
    double m_duration = 0.0;
    double m_start = 0.0;
    double m_length = 0.0;
    double m_savedStart = 0.0;
    double m_playhead = -1.0;
    double m_savedLength = 0.0;
    bool m_pinned = false;
    // A press: in the highlight (drag it; a click without a drag starts it there) or not
    // (it starts there at once, then the drag moves it).
    bool m_pressed = false;
    bool m_dragged = false;
    bool m_pressedInRegion = false;
    double m_pressX = 0.0;
    double m_grabOffset = 0.0; // s from the region's start to the grabbed point
    double m_hoverX = -1.0;    // px; < 0 when the pointer is elsewhere
    QColor m_densestColor{"#5ab0ff"};
    QColor m_pinnedColor{"#f2b544"};
    QColor m_waveColor{"#6f7a88"};
    QColor m_gridColor{"#2a323c"};
    QColor m_labelColor{"#a3adba"};
    QColor m_backgroundColor{"#0d1013"};
    QColor m_focusColor{"#5ab0ff"};
    QString m_emptyText;
};

} // namespace earlab::app
