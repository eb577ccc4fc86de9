#include "app/src/curve_item.h"

#include "exercises/eq_curve.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace earlab::app {

CurveItem::CurveItem(QQuickItem* parent) : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    const auto repaint = [this] { update(); };
    connect(this, &CurveItem::truePointsChanged, this, repaint);
    connect(this, &CurveItem::answerPointsChanged, this, repaint);
    connect(this, &CurveItem::rangeDbChanged, this, repaint);
    connect(this, &CurveItem::colorsChanged, this, repaint);
}

void CurveItem::setTruePoints(const QList<QPointF>& points)
{
    m_truePoints = points;
    emit truePointsChanged();
}

void CurveItem::setAnswerPoints(const QList<QPointF>& points)
{
    m_answerPoints = points;
    emit answerPointsChanged();
}

void CurveItem::setRangeDb(double db)
{
    if (db <= 0 || db == m_rangeDb)
        return;
    m_rangeDb = db;
    emit rangeDbChanged();
}

double CurveItem::truePeakHz() const
{
    double best = -1, hz = 0;
    for (const auto& p : m_truePoints)
        if (std::abs(p.y()) > best) {
            best = std::abs(p.y());
            hz = p.x();
        }
    return hz;
}

QRectF CurveItem::plotRect() const
{
    // Room for the dB labels on the left and the frequency labels below.
    return QRectF(44, 10, std::max(10.0, width() - 56), std::max(10.0, height() - 36));
}

QPointF CurveItem::map(const QPointF& p, const QRectF& plot) const
{
    const double fx = std::log(p.x() / kCurveMinHz) / std::log(kCurveMaxHz / kCurveMinHz);
    const double y = std::clamp(p.y(), -m_rangeDb, m_rangeDb);
    return {plot.left() + fx * plot.width(), plot.center().y() - y / m_rangeDb * plot.height() / 2};
}

void CurveItem::paint(QPainter* painter)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->fillRect(boundingRect(), m_backgroundColor);
    const QRectF plot = plotRect();
    QFont font = painter->font();
    font.setPixelSize(11);
    painter->setFont(font);

    // Frequency grid: decades strong, the 2-5 steps faint.
    for (double decade = 10; decade <= 10000; decade *= 10)
        for (int m = 1; m <= 9; ++m) {
            const double hz = decade * m;
            if (hz < kCurveMinHz || hz > kCurveMaxHz)
                continue;
            const double x = map({hz, 0}, plot).x();
            QColor c = m_gridColor;
            if (m != 1)
                c.setAlphaF(0.45);
            painter->setPen(QPen(c, 1));
            painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        }
    painter->setPen(m_labelColor);
    for (double hz : {20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0}) {
        const double x = map({hz, 0}, plot).x();
        const QString label = hz >= 1000 ? QString("%1k").arg(hz / 1000) : QString::number(hz);
        painter->drawText(QRectF(x - 30, plot.bottom() + 6, 60, 16), Qt::AlignHCenter | Qt::AlignTop, label);
    }
    // dB grid every 3 dB (every 6 dB labelled).
    const int step = m_rangeDb > 12 ? 6 : 3;
    for (int db = -int(m_rangeDb) / step * step; db <= m_rangeDb; db += step) {
        const double y = map({kCurveMinHz, double(db)}, plot).y();
        QColor c = m_gridColor;
        painter->setPen(QPen(db == 0 ? m_labelColor.darker(140) : c, 1));
        painter->drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter->setPen(m_labelColor);
        painter->drawText(QRectF(0, y - 8, plot.left() - 8, 16), Qt::AlignRight | Qt::AlignVCenter,
                          QString("%1%2").arg(db > 0 ? "+" : "").arg(db));
    }

    const auto drawCurve = [&](const QList<QPointF>& points, const QColor& colour, qreal widthPx, bool fill) {
        if (points.size() < 2)
            return;
        QPainterPath path(map(points.front(), plot));
        for (int i = 1; i < points.size(); ++i)
            path.lineTo(map(points[i], plot));
        if (fill) {
            QPainterPath area = path;
            area.lineTo(map({points.back().x(), 0}, plot));
            area.lineTo(map({points.front().x(), 0}, plot));
            area.closeSubpath();
            QColor f = colour;
            f.setAlphaF(0.16);
            painter->fillPath(area, f);
        }
        painter->setPen(QPen(colour, widthPx, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPath(path);
    };
    painter->save();
    painter->setClipRect(plot.adjusted(-2, -2, 2, 2));
    drawCurve(m_answerPoints, m_answerColor, 2.0, false);
    drawCurve(m_truePoints, m_trueColor, 2.5, true);
    painter->restore();

    if (m_markerHz > 0) {
        const double x = map({m_markerHz, 0}, plot).x();
        QPen pen(m_trueColor, 1, Qt::DashLine);
        painter->setPen(pen);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    painter->setPen(QPen(m_gridColor.lighter(130), 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(plot);
}

} // namespace earlab::app
