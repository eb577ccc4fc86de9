#include "app/src/listening_level.h"

#include <algorithm>

namespace earlab::app {

namespace {
constexpr double kSilenceDbfs = -120.0;
double power(double dbfs) { return std::pow(10.0, dbfs / 10.0); }
}

double calibrationOffsetDb(double readingDbSpl, double outputLevelDb)
{
    return readingDbSpl - (kCalibrationNoiseDbfs + outputLevelDb);
}

double estimatedSplDb(double outputRmsDbfs, double offsetDb)
{
    return outputRmsDbfs + offsetDb; // NaN stays NaN
}

double stereoRmsDbfs(double leftRms, double rightRms)
{
    const double p = (leftRms * leftRms + rightRms * rightRms) / 2.0;
    return p > 0 ? std::max(kSilenceDbfs, 10.0 * std::log10(p)) : kSilenceDbfs;
}

void LevelAverager::add(double rmsDbfs, double elapsedSeconds)
{
    const double p = power(rmsDbfs);
    if (m_power < 0) {
        m_power = p;
        return;
    }
    const double a = 1.0 - std::exp(-std::max(0.0, elapsedSeconds) / kListeningLevelSeconds);
    m_power += (p - m_power) * a;
}

double LevelAverager::levelDbfs() const
{
    return m_power > 0 ? std::max(kSilenceDbfs, 10.0 * std::log10(m_power)) : kSilenceDbfs;
}

} // namespace earlab::app
