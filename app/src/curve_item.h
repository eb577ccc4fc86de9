#pragma once
// The reveal's plot: the hidden EQ curve over the listener's answer, on a log-frequency axis
// (20 Hz to 20 kHz) with a dB grid. Painted in C++ from point lists the session computes.

#include <QColor>
#include <QList>
#include <QPointF>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace earlab::app {

class CurveItem : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QList<QPointF> truePoints READ truePoints WRITE setTruePoints NOTIFY truePointsChanged)
    Q_PROPERTY(QList<QPointF> answerPoints READ answerPoints WRITE setAnswerPoints NOTIFY answerPointsChanged)
    Q_PROPERTY(double rangeDb READ rangeDb WRITE setRangeDb NOTIFY rangeDbChanged) // axis spans ±rangeDb
    Q_PROPERTY(QColor trueColor MEMBER m_trueColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor answerColor MEMBER m_answerColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor gridColor MEMBER m_gridColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor labelColor MEMBER m_labelColor NOTIFY colorsChanged)
    Q_PROPERTY(QColor backgroundColor MEMBER m_backgroundColor NOTIFY colorsChanged)
    Q_PROPERTY(double markerHz MEMBER m_markerHz NOTIFY truePointsChanged) // hidden band, 0 = none

public:
    explicit CurveItem(QQuickItem* parent = nullptr);

    QList<QPointF> truePoints() const { return m_truePoints; }
    QList<QPointF> answerPoints() const { return m_answerPoints; }
    double rangeDb() const { return m_rangeDb; }
    void setTruePoints(const QList<QPointF>& points);
    void setAnswerPoints(const QList<QPointF>& points);
    void setRangeDb(double db);

    // The frequency of the largest |gain| of the true curve (0 if it is empty): for tests.
    Q_INVOKABLE double truePeakHz() const;

    void paint(QPainter* painter) override;

signals:
    void truePointsChanged();
    void answerPointsChanged();
    void rangeDbChanged();
    void colorsChanged();

private:
    QRectF plotRect() const;
    QPointF map(const QPointF& p, const QRectF& plot) const;

    QList<QPointF> m_truePoints;
    QList<QPointF> m_answerPoints;
    double m_rangeDb = 15.0;
    double m_markerHz = 0.0;
    QColor m_trueColor{"#f2b544"};
    QColor m_answerColor{"#5ab0ff"};
    QColor m_gridColor{"#2a3038"};
    QColor m_labelColor{"#8a94a3"};
    QColor m_backgroundColor{"#15191e"};
};

} // namespace earlab::app
