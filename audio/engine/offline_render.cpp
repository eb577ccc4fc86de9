#include "audio/engine/offline_render.h"

#include "audio/engine/scene_player.h"

#include <algorithm>
#include <vector>

namespace earlab {

void renderSceneBlocks(const Scene& scene, const PlayerConfig& config, const std::vector<PlayerCommand>& commands,
                       std::int64_t frames, int blockFrames, const RenderHook& before, const RenderSink& sink)
{
    ScenePlayer player(scene, config);
    player.apply(PlayerCommand::play());
    for (const PlayerCommand& c : commands)
        player.apply(c);

    const int block = std::max(1, blockFrames);
    const auto capacity = std::size_t(block);
    std::vector<float> interleaved(capacity * 2), left(capacity), right(capacity);
    for (std::int64_t at = 0; at < frames; at += block) {
        const int n = int(std::min<std::int64_t>(block, frames - at));
        if (before)
            before(at, n);
        player.render(interleaved.data(), n);
        for (int i = 0; i < n; ++i) {
            left[std::size_t(i)] = interleaved[std::size_t(2 * i)];
            right[std::size_t(i)] = interleaved[std::size_t(2 * i + 1)];
        }
        sink(left.data(), right.data(), n);
    }
}

AudioBuffer renderScene(const Scene& scene, const PlayerConfig& config,
                        const std::vector<PlayerCommand>& commands, std::int64_t frames, int blockFrames)
{
    AudioBuffer out = AudioBuffer::silence(2, std::size_t(std::max<std::int64_t>(frames, 0)), config.sampleRate);
    std::size_t at = 0;
    renderSceneBlocks(scene, config, commands, frames, blockFrames, {}, [&](const float* l, const float* r, int n) {
        std::copy(l, l + n, out.channels[0].begin() + std::ptrdiff_t(at));
        std::copy(r, r + n, out.channels[1].begin() + std::ptrdiff_t(at));
        at += std::size_t(n);
    });
    return out;
}

} // namespace earlab
