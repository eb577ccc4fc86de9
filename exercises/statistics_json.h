#pragma once
// The progress statistics as JSON (earlab-cli stats --json; issue 9 §4 names the first keys:
// answers, exercises [{id, answers, correct, accuracy, level, threshold, bands, confusion}],
// days [{date, answers, correct}]), and for the app's StatisticsModel as QVariant maps
// (QJsonObject::toVariantMap). Every key: docs/statistics.md.

#include "exercises/progress_statistics.h"

#include <QJsonObject>

namespace earlab {

QJsonObject statisticsToJson(const ProgressStatistics& stats);

} // namespace earlab
