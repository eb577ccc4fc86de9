#include "mushra_stimuli.h"

#include "audio/compare/lowpass_anchor.h"

#include <filesystem>
#include <stdexcept>

namespace earlab {

std::vector<MushraStimulus> mushraStimuli(const Comparison& comparison, const MushraOptions& options)
{
    std::vector<MushraStimulus> out;
    const int first = options.openReference ? 1 : 0;
    for (int i = first; i < int(comparison.items.size()); ++i) {
        const ComparisonItem& item = comparison.items[std::size_t(i)];
        out.push_back({MushraStimulus::Kind::Item, i, std::filesystem::path(item.file).filename().string(), item.audio});
    }
    if (!options.openReference || comparison.items.empty())
        return out;
    const auto& reference = comparison.items.front().audio;
    if (options.hiddenReference)
        out.push_back({MushraStimulus::Kind::HiddenReference, 0, "hidden reference", reference});
    if (options.lowAnchor)
        out.push_back({MushraStimulus::Kind::LowAnchor, 0, "anchor 3.5 kHz",
                       std::make_shared<const AudioBuffer>(lowPassAnchor(*reference, kMushraLowAnchorHz))});
    if (options.midAnchor)
        out.push_back({MushraStimulus::Kind::MidAnchor, 0, "anchor 7 kHz",
                       std::make_shared<const AudioBuffer>(lowPassAnchor(*reference, kMushraMidAnchorHz))});
    return out;
}

Scene mushraScene(const Comparison& comparison, const std::vector<MushraStimulus>& stimuli, bool openReference)
{
    if (comparison.items.empty() || !comparison.items.front().audio)
        throw std::invalid_argument("a MUSHRA scene needs the comparison's items");
    Scene scene;
    std::shared_ptr<const AudioBuffer> reference = comparison.items.front().audio;
    if (!openReference)
        reference = std::make_shared<const AudioBuffer>(
            AudioBuffer::silence(reference->channelCount(), reference->frames(), reference->sampleRate));
    scene.variants.push_back({reference, {}, "reference"});
    for (std::size_t i = 0; i < stimuli.size(); ++i)
        scene.variants.push_back({stimuli[i].audio, {}, "stimulus " + std::to_string(i + 1)});
    scene.looping = true;
    return scene;
}

} // namespace earlab
