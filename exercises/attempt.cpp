#include "exercises/attempt.h"

#include <QJsonDocument>

namespace earlab {

QDebug operator<<(QDebug debug, const Attempt& a)
{
    const QDebugStateSaver saver(debug);
    auto json = [](const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); };
    debug.nospace() << "Attempt(id=" << a.id << ", exercise=" << a.exercise << ", level=" << a.level
                    << ", seed=" << a.seed << ", hidden=" << json(a.hidden).constData()
                    << ", answer=" << json(a.answer).constData() << ", score=" << a.score
                    << ", correct=" << a.correct << ", responseMs=" << a.responseMs
                    << ", source=" << a.source
                    << ", answeredAt=" << a.answeredAt.toUTC().toString(Qt::ISODateWithMs) << ')';
    return debug;
}

} // namespace earlab
