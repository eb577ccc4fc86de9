#include "app/src/loop_overview_item.h"

#include "app/src/library.h"

#include "exercises/library_scan.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHoverEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyleHints>

#include <algorithm>
#include <array>
#include <cmath>

namespace earlab::app {

namespace {

constexpr double kEdgeSlopPx = 3.0; // a press this close to the highlight grabs it

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t), float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// "m:ss.s": the region's ends, to the tenth the fields show.
QString tenthsText(double seconds)
{
    const double tenths = std::round(std::max(0.0, seconds) * 10.0);
    const int whole = int(tenths / 10.0);
    return QStringLiteral("%1:%2.%3")
        .arg(whole / 60)
        .arg(whole % 60, 2, 10, QLatin1Char('0'))
        .arg(int(tenths) % 10);
}

// The axis step (s) that puts labels at least `minPx` apart.
double tickStep(double pxPerSecond, double minPx)
{
    static constexpr std::array<double, 12> steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 3600};
    for (double step : steps)
        if (step * pxPerSecond >= minPx)
            return step;
    return steps.back();
}

} // namespace

LoopOverviewItem::LoopOverviewItem(QQuickItem* parent) : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    setActiveFocusOnTab(true);
    setCursor(Qt::PointingHandCursor);
    const auto repaint = [this] { update(); };
    connect(this, &LoopOverviewItem::overviewChanged, this, repaint);
    connect(this, &LoopOverviewItem::durationChanged, this, repaint);
    connect(this, &LoopOverviewItem::regionChanged, this, repaint);
    connect(this, &LoopOverviewItem::appearanceChanged, this, repaint);
    connect(this, &QQuickItem::activeFocusChanged, this, repaint);
}

void LoopOverviewItem::setOverview(const QByteArray& overview)
{
    if (overview == m_overview)
        return;
    m_overview = overview;
    m_bins = LevelOverview::fromBytes(overview).bins();
    emit overviewChanged();
}

void LoopOverviewItem::setDuration(double seconds)
{
    seconds = std::isfinite(seconds) ? std::max(0.0, seconds) : 0.0;
    if (seconds == m_duration)
        return;
    m_duration = seconds;
    emit durationChanged();
    setRegion(m_start, m_length); // still inside the file
}

double LoopOverviewItem::minLength() const
{
    return m_duration > 0.0 ? std::min(kMinLoopSeconds, m_duration) : kMinLoopSeconds;
}

double LoopOverviewItem::maxLength() const
{
    return m_duration > 0.0 ? std::min(kMaxLoopSeconds, m_duration) : kMaxLoopSeconds;
}

double LoopOverviewItem::clampStart(double start, double length) const
{
    if (!std::isfinite(start))
        start = 0.0;
    const double last = m_duration > 0.0 ? std::max(0.0, m_duration - length) : std::max(0.0, start);
    return std::clamp(start, 0.0, last);
}

void LoopOverviewItem::setRegion(double start, double length)
{
    if (!std::isfinite(length) || length <= 0.0)
        length = m_duration > 0.0 ? std::min(kDefaultLoopSeconds, m_duration) : kDefaultLoopSeconds;
    if (m_duration > 0.0)
        length = std::min(length, m_duration);
    start = clampStart(start, length);
    if (start == m_start && length == m_length)
        return;
    m_start = start;
    m_length = length;
    emit regionChanged();
}

void LoopOverviewItem::setRegionStart(double seconds)
{
    moveTo(seconds);
}

void LoopOverviewItem::setRegionLength(double seconds)
{
    if (!std::isfinite(seconds))
        return;
    setRegion(m_start, std::clamp(seconds, minLength(), maxLength()));
}

void LoopOverviewItem::moveTo(double start)
{
    start = clampStart(start, m_length);
    if (start == m_start)
        return;
    m_start = start;
    emit regionChanged();
}

QRectF LoopOverviewItem::plotRect() const
{
    return QRectF(1.0, 1.0, std::max(1.0, width() - 2.0), std::max(1.0, height() - kAxisHeight - 1.0));
}

double LoopOverviewItem::secondsAt(double x) const
{
    const QRectF plot = plotRect();
    if (m_duration <= 0.0)
        return 0.0;
    return std::clamp((x - plot.left()) / plot.width(), 0.0, 1.0) * m_duration;
}

double LoopOverviewItem::xAt(double seconds) const
{
    const QRectF plot = plotRect();
    return m_duration > 0.0 ? plot.left() + seconds / m_duration * plot.width() : plot.left();
}

void LoopOverviewItem::mousePressEvent(QMouseEvent* event)
{
    if (m_duration <= 0.0) {
        event->ignore();
        return;
    }
    forceActiveFocus(Qt::MouseFocusReason);
    setKeepMouseGrab(true); // a horizontal drag is ours, not the list's
    const double x = event->position().x();
    m_pressed = true;
    m_dragged = false;
    m_pressX = x;
    m_pressedInRegion = x >= xAt(m_start) - kEdgeSlopPx && x <= xAt(m_start + m_length) + kEdgeSlopPx;
    if (!m_pressedInRegion)
        moveTo(secondsAt(x)); // a click starts the loop here; a drag goes on from here
    m_grabOffset = secondsAt(x) - m_start;
    event->accept();
}

void LoopOverviewItem::mouseMoveEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    m_hoverX = x;
    if (!m_pressed)
        return;
    if (!m_dragged && std::abs(x - m_pressX) < QGuiApplication::styleHints()->startDragDistance()) {
        update();
        return;
    }
    m_dragged = true;
    // Unclamped, so the grabbed point stays under the pointer up to the file's ends.
    const double t = m_duration * (x - plotRect().left()) / plotRect().width();
    moveTo(t - m_grabOffset);
    update();
}

void LoopOverviewItem::mouseUngrabEvent()
{
    m_pressed = false;
    setKeepMouseGrab(false);
    update(); // the hover line comes back
}

void LoopOverviewItem::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_pressed && m_pressedInRegion && !m_dragged)
        moveTo(secondsAt(event->position().x())); // a click in the highlight starts it there too
    m_pressed = false;
    setKeepMouseGrab(false);
    event->accept();
}

void LoopOverviewItem::hoverMoveEvent(QHoverEvent* event)
{
    m_hoverX = event->position().x();
    update();
}

void LoopOverviewItem::hoverLeaveEvent(QHoverEvent*)
{
    m_hoverX = -1.0;
    update();
}

void LoopOverviewItem::keyPressEvent(QKeyEvent* event)
{
    const double step = event->modifiers() & Qt::ShiftModifier ? 0.1 : 1.0;
    switch (event->key()) {
    case Qt::Key_Left: moveTo(m_start - step); break;
    case Qt::Key_Right: moveTo(m_start + step); break;
    case Qt::Key_Home: moveTo(0.0); break;
    case Qt::Key_End: moveTo(m_duration); break;
    default: event->ignore(); return;
    }
    event->accept();
}

void LoopOverviewItem::paintWave(QPainter* painter, const QRectF& plot, const QColor& peak, const QColor& rms) const
{
    const LevelOverview overview = LevelOverview::fromBytes(m_overview);
    const int bins = overview.bins();
    const double centre = plot.center().y();
    const double half = plot.height() / 2.0 - 2.0;
    // Mirrored about the centre line, full scale at the edges: top edge left to right, bottom
    // edge back (the bin centres; antialiasing smooths the steps).
    const auto envelope = [&](auto level) {
        const auto x = [&](int i) { return plot.left() + (i + 0.5) / bins * plot.width(); };
        QPainterPath path(QPointF(plot.left(), centre - level(0) * half));
        for (int i = 0; i < bins; ++i)
            path.lineTo(x(i), centre - level(i) * half);
        path.lineTo(plot.right(), centre - level(bins - 1) * half);
        path.lineTo(plot.right(), centre + level(bins - 1) * half);
        for (int i = bins - 1; i >= 0; --i)
            path.lineTo(x(i), centre + level(i) * half);
        path.lineTo(plot.left(), centre + level(0) * half);
        path.closeSubpath();
        return path;
    };
    painter->setPen(Qt::NoPen);
    painter->fillPath(envelope([&](int i) { return overview.peakAt(i); }), peak);
    painter->fillPath(envelope([&](int i) { return overview.rmsAt(i); }), rms);
}

void LoopOverviewItem::paintAxis(QPainter* painter, const QRectF& plot) const
{
    QFont font = painter->font();
    font.setPixelSize(11);
    const QFontMetricsF metrics(font);
    const double axisTop = plot.bottom() + 4.0;

    // The region's ends first, in its colour; the plain ticks fill the gaps they leave.
    const QColor colour = m_pinned ? m_pinnedColor : m_densestColor;
    QFont bold = font;
    bold.setWeight(QFont::DemiBold);
    const QFontMetricsF boldMetrics(bold);
    QList<QRectF> taken;
    const auto placeLabel = [&](const QString& text, double x, const QFontMetricsF& m) {
        const double w = m.horizontalAdvance(text) + 6.0;
        const double left = std::clamp(x - w / 2.0, 0.0, std::max(0.0, width() - w));
        return QRectF(left, axisTop, w, kAxisHeight - 6.0);
    };
    painter->setFont(bold);
    painter->setPen(colour);
    if (m_length > 0.0) {
        const QString startText = tenthsText(m_start);
        const QString endText = tenthsText(m_start + m_length);
        QRectF a = placeLabel(startText, xAt(m_start), boldMetrics);
        QRectF b = placeLabel(endText, xAt(m_start + m_length), boldMetrics);
        if (a.intersects(b.adjusted(-6, 0, 6, 0))) { // too close: one label, centred
            const QString both = startText + QStringLiteral("–") + endText;
            a = placeLabel(both, xAt(m_start + m_length / 2.0), boldMetrics);
            painter->drawText(a, Qt::AlignCenter, both);
            taken << a;
        } else {
            painter->drawText(a, Qt::AlignCenter, startText);
            painter->drawText(b, Qt::AlignCenter, endText);
            taken << a << b;
        }
    }
    painter->setFont(font);
    const double step = tickStep(plot.width() / m_duration, 64.0);
    for (double t = 0.0; t <= m_duration + 1e-9; t += step) {
        const double x = xAt(t);
        painter->setPen(QPen(m_gridColor, 1));
        painter->drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3.0));
        const QRectF label = placeLabel(clockText(t), x, metrics);
        if (std::any_of(taken.begin(), taken.end(), [&](const QRectF& r) { return r.intersects(label.adjusted(-24, 0, 24, 0)); }))
            continue;
        painter->setPen(m_labelColor);
        painter->drawText(label, Qt::AlignCenter, clockText(t));
        taken << label;
    }
}

void LoopOverviewItem::paint(QPainter* painter)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF plot = plotRect();
    const QColor colour = m_pinned ? m_pinnedColor : m_densestColor;

    painter->setPen(Qt::NoPen);
    painter->setBrush(m_backgroundColor);
    painter->drawRoundedRect(plot.adjusted(-1, -1, 1, 1), 4, 4);
    if (m_duration <= 0.0)
        return;

    // Time grid under everything, and the -6 dB lines (half amplitude) faintly.
    const double step = tickStep(plot.width() / m_duration, 64.0);
    painter->setPen(QPen(mix(m_backgroundColor, m_gridColor, 0.6), 1));
    for (double t = step; t < m_duration; t += step)
        painter->drawLine(QPointF(xAt(t), plot.top()), QPointF(xAt(t), plot.bottom()));
    const double half = plot.height() / 2.0 - 2.0;
    for (double y : {plot.center().y() - half / 2.0, plot.center().y() + half / 2.0})
        painter->drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));

    // The whole file, muted; then the region: tinted, with the music in its colour.
    const QRectF region(QPointF(xAt(m_start), plot.top()), QPointF(xAt(m_start + m_length), plot.bottom()));
    const QColor tint = mix(m_backgroundColor, colour, 0.16);
    if (hasOverview()) {
        paintWave(painter, plot, mix(m_backgroundColor, m_waveColor, 0.55), m_waveColor);
        painter->save();
        painter->setClipRect(region);
        painter->fillRect(region, tint);
        paintWave(painter, plot, mix(tint, colour, 0.5), colour);
        painter->restore();
    } else {
        painter->fillRect(region, tint);
    }
    painter->setPen(QPen(hasOverview() ? m_gridColor : m_waveColor, 1));
    painter->drawLine(QPointF(plot.left(), plot.center().y()), QPointF(plot.right(), plot.center().y()));
    if (!hasOverview() && !m_emptyText.isEmpty()) {
        QFont font = painter->font();
        font.setPixelSize(12);
        painter->setFont(font);
        const QRectF box = plot.adjusted(8, 6, -8, -plot.height() / 2.0 - 4);
        painter->setPen(m_labelColor);
        painter->drawText(box, Qt::AlignHCenter | Qt::AlignBottom, m_emptyText);
    }

    // The stored region, while the edited one is elsewhere.
    if (m_savedLength > 0.0 && (std::abs(m_savedStart - m_start) > 1e-6 || std::abs(m_savedLength - m_length) > 1e-6)) {
        QPen dashed(m_labelColor, 1, Qt::DashLine);
        painter->setPen(dashed);
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(QPointF(xAt(m_savedStart), plot.top() + 0.5),
                                 QPointF(xAt(m_savedStart + m_savedLength), plot.bottom() - 0.5)));
    }

    // The region's edges and the bar along its top: the handle to drag.
    painter->setPen(QPen(colour, 2));
    painter->drawLine(QPointF(region.left(), plot.top()), QPointF(region.left(), plot.bottom()));
    painter->drawLine(QPointF(region.right(), plot.top()), QPointF(region.right(), plot.bottom()));
    painter->fillRect(QRectF(region.left(), plot.top(), region.width(), 5.0), colour);

    // Where the preview plays.
    if (m_playhead >= 0.0 && m_playhead <= m_duration) {
        painter->setPen(QPen(QColor(Qt::white), 2));
        painter->drawLine(QPointF(xAt(m_playhead), plot.top()), QPointF(xAt(m_playhead), plot.bottom()));
    }

    // Where a click would start the loop.
    if (m_hoverX >= plot.left() && m_hoverX <= plot.right() && !m_pressed) {
        painter->setPen(QPen(mix(m_labelColor, QColor(Qt::white), 0.3), 1));
        painter->drawLine(QPointF(m_hoverX, plot.top()), QPointF(m_hoverX, plot.bottom()));
    }

    painter->setPen(QPen(hasActiveFocus() ? m_focusColor : m_gridColor, hasActiveFocus() ? 2 : 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRoundedRect(plot.adjusted(-0.5, -0.5, 0.5, 0.5), 4, 4);

    paintAxis(painter, plot);
}

} // namespace earlab::app
