#include "exercises/attempt.h"

#include <QJsonDocument>

#include <cmath>

namespace earlab {

bool operator==(const Attempt& a, const Attempt& b)
{
    const bool sameValue = (std::isnan(a.value) && std::isnan(b.value)) || a.value == b.value;
    return a.id == b.id && a.exercise == b.exercise && a.level == b.level && a.seed == b.seed
        && a.hidden == b.hidden && a.answer == b.answer && a.score == b.score && a.correct == b.correct
        && a.responseMs == b.responseMs && a.source == b.source && a.answeredAt == b.answeredAt
        && a.session == b.session && a.material == b.material && sameValue && a.format == b.format
        && a.heard == b.heard;
}

QDebug operator<<(QDebug debug, const Attempt& a)
{
    const QDebugStateSaver saver(debug);
    auto json = [](const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    debug.nospace() << "Attempt(id=" << a.id << ", uid=" << a.uid << ", exercise=" << a.exercise << ", level=" << a.level
                    << ", seed=" << a.seed << ", hidden=" << json(a.hidden).constData()
                    << ", answer=" << json(a.answer).constData() << ", score=" << a.score
                    << ", correct=" << a.correct << ", responseMs=" << a.responseMs
                    << ", source=" << a.source
                    << ", answeredAt=" << a.answeredAt.toUTC().toString(Qt::ISODateWithMs)
                    << ", session=" << a.session << ", material=" << a.material << ", value=" << a.value
                    << ", format=" << a.format << ", heard=" << a.heard << ')';
    return debug;
}

} // namespace earlab
