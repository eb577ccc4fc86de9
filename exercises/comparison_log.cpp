#include "comparison_log.h"

#include "blind_log_summary.h"

#include <stdexcept>
#include <string>

namespace earlab {

namespace {

BlindLogItem logItem(const Comparison& comparison, int index, const QString& label)
{
    if (index < 0 || index >= int(comparison.items.size()))
        throw std::invalid_argument("comparison item " + std::to_string(index + 1) + " does not exist");
    const ComparisonItem& c = comparison.items[std::size_t(index)];
    BlindLogItem item;
    item.label = label;
    item.file = QString::fromStdString(c.file);
    item.fileSha256 = QString::fromStdString(c.fileSha256);
    item.audioSha256 = QString::fromStdString(c.audioSha256);
    item.gainDb = c.gainDb;
    item.offsetSamples = c.alignment.offsetSamples;
    item.driftPpm = c.alignment.driftPpm;
    item.driftCorrected = c.driftCorrected;
    item.polarityInverted = c.alignment.polarityInverted;
    return item;
}

BlindLog assemble(BlindMode mode, int plannedTrials, std::vector<BlindLogItem> items,
                  const std::vector<BlindLogTrial>& trials, const BlindSeed& seed, const BlindLogSetup& setup, bool ended)
{
    BlindLog log;
    log.setup = setup;
    log.mode = mode;
    log.plannedTrials = plannedTrials;
    log.items = std::move(items);
    log.trials = trials;
    log.seedSha256 = seed.commitment();
    if (ended) {
        log.summary = summariseBlindTrials(mode, trials);
        log.seed = seed.hex();
    } else {
        // A run still going shows no truth and no result: that would be the running score
        // (and anyone can recompute both from the seed once it is revealed).
        for (BlindLogTrial& t : log.trials) {
            t.truth.clear();
            t.correct = false;
        }
    }
    return log;
}

} // namespace

BlindLog comparisonBlindLog(const Comparison& comparison, const std::vector<int>& items, const BlindLogSetup& setup,
                            const BlindRun& run, bool ended)
{
    std::vector<BlindLogItem> logged;
    for (std::size_t label = 0; label < items.size(); ++label)
        logged.push_back(logItem(comparison, items[label], QString(QChar('A' + int(label)))));
    return assemble(run.mode(), run.plannedTrials(), std::move(logged), run.trials(), run.seed(), setup, ended);
}

BlindLog mushraBlindLog(const Comparison& comparison, const std::vector<MushraStimulus>& stimuli,
                        const BlindLogSetup& setup, const MushraRun& run, bool ended)
{
    if (int(stimuli.size()) != run.stimuli())
        throw std::invalid_argument("the run rates " + std::to_string(run.stimuli()) + " stimuli, " +
                                    std::to_string(stimuli.size()) + " given");
    std::vector<BlindLogItem> logged;
    for (const MushraStimulus& s : stimuli)
        logged.push_back(logItem(comparison, s.item, QString::fromStdString(s.label)));
    return assemble(BlindMode::Mushra, run.pages(), std::move(logged), run.trials(), run.seed(), setup, ended);
}

} // namespace earlab
