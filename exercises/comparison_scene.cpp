#include "comparison_scene.h"

#include "audio/compare/null_difference.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace earlab {

Scene comparisonScene(const Comparison& comparison, const std::vector<int>& items)
{
    std::vector<int> order = items;
    if (order.empty())
        for (int i = 0; i < int(comparison.items.size()); ++i)
            order.push_back(i);
    if (int(order.size()) > kMaxSceneVariants)
        throw std::invalid_argument("a comparison scene holds at most " + std::to_string(kMaxSceneVariants) + " items");
    Scene scene;
    for (int index : order) {
        if (index < 0 || index >= int(comparison.items.size()) || !comparison.items[std::size_t(index)].audio)
            throw std::invalid_argument("comparison item " + std::to_string(index + 1) + " does not exist");
        Variant v;
        v.source = comparison.items[std::size_t(index)].audio;
        v.label = "item " + std::to_string(index + 1);
        scene.variants.push_back(std::move(v));
    }
    scene.looping = true;
    return scene;
}

std::shared_ptr<const AudioBuffer> comparisonDifference(const Comparison& comparison, int item, int reference)
{
    const int n = int(comparison.items.size());
    if (item < 0 || item >= n || reference < 0 || reference >= n)
        throw std::invalid_argument("comparison item " + std::to_string((item < 0 || item >= n ? item : reference) + 1) +
                                    " does not exist");
    if (item == reference)
        throw std::invalid_argument("an item's difference from itself is silence");
    return std::make_shared<const AudioBuffer>(
        nullDifference(*comparison.items[std::size_t(item)].audio, *comparison.items[std::size_t(reference)].audio));
}

PlayerConfig comparisonPlayerConfig(const Comparison& comparison, double crossfadeMs)
{
    PlayerConfig config;
    config.sampleRate = comparison.sampleRate;
    config.crossfadeMs = std::clamp(crossfadeMs, 0.0, 50.0);
    return config;
}

} // namespace earlab
