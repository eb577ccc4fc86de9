#include "exercises/track_marker.h"

#include "exercises/store_attempt_row.h"

#include <cmath>

namespace earlab {

namespace {

struct Category {
    const char* key;
    const char* label;
};

// The five categories, in the order.
constexpr Category kCategories[] = {
    {"balance", "Balance"}, {"tone", "Tone/EQ"}, {"dynamics", "Dynamics"},
    {"space", "Space/reverb"}, {"other", "Other"},
};

} // namespace

const QStringList& markerCategories()
{
    static const QStringList keys = [] {
        QStringList out;
        for (const Category& c : kCategories)
            out << QLatin1String(c.key);
        return out;
    }();
    return keys;
}

bool isMarkerCategory(const QString& key)
{
    return markerCategories().contains(key);
}

QString markerCategoryLabel(const QString& key)
{
    for (const Category& c : kCategories) {
        if (key == QLatin1String(c.key))
            return QLatin1String(c.label);
    }
    return key;
}

QString whyInvalid(const TrackMarker& marker)
{
    if (!marker.uid.isEmpty() && !store::isAttemptUid(marker.uid))
        return QStringLiteral("its uid '%1' is not 32 lowercase hexadecimal digits").arg(marker.uid);
    if (marker.path.isEmpty())
        return QStringLiteral("it names no track");
    if (!std::isfinite(marker.positionSeconds) || marker.positionSeconds < 0.0)
        return QStringLiteral("its position %1 s is not a time from the start of the track")
            .arg(marker.positionSeconds);
    if (!isMarkerCategory(marker.category))
        return QStringLiteral("its category '%1' is not one of %2")
            .arg(marker.category, markerCategories().join(QStringLiteral(", ")));
    if (!marker.createdAt.isValid())
        return QStringLiteral("it has no valid creation time");
    return {};
}

} // namespace earlab
