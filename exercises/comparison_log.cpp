#include "comparison_log.h"

#include "blind_log_summary.h"

#include <stdexcept>
#include <string>

namespace earlab {

BlindLog comparisonBlindLog(const Comparison& comparison, const std::vector<int>& items, const BlindLogSetup& setup,
                            const BlindRun& run, bool ended)
{
    BlindLog log;
    log.setup = setup;
    log.mode = run.mode();
    log.plannedTrials = run.plannedTrials();
    for (std::size_t label = 0; label < items.size(); ++label) {
        const int index = items[label];
        if (index < 0 || index >= int(comparison.items.size()))
            throw std::invalid_argument("comparison item " + std::to_string(index + 1) + " does not exist");
        const ComparisonItem& c = comparison.items[std::size_t(index)];
        BlindLogItem item;
        item.label = QString(QChar('A' + int(label)));
        item.file = QString::fromStdString(c.file);
        item.fileSha256 = QString::fromStdString(c.fileSha256);
        item.audioSha256 = QString::fromStdString(c.audioSha256);
        item.gainDb = c.gainDb;
        item.offsetSamples = c.alignment.offsetSamples;
        item.driftPpm = c.alignment.driftPpm;
        item.driftCorrected = c.driftCorrected;
        item.polarityInverted = c.alignment.polarityInverted;
        log.items.push_back(item);
    }
    log.trials = run.trials();
    log.summary = summariseBlindTrials(log.mode, log.trials);
    log.seedSha256 = run.seed().commitment();
    if (ended)
        log.seed = run.seed().hex();
    return log;
}

} // namespace earlab
