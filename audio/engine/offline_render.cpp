#include "audio/engine/offline_render.h"

#include "audio/engine/scene_player.h"

#include <algorithm>
#include <vector>

namespace earlab {

AudioBuffer renderScene(const Scene& scene, const PlayerConfig& config,
                        const std::vector<PlayerCommand>& commands, std::int64_t frames, int blockFrames)
{
    ScenePlayer player(scene, config);
    player.apply(PlayerCommand::play());
    for (const PlayerCommand& c : commands)
        player.apply(c);

    AudioBuffer out = AudioBuffer::silence(2, std::size_t(std::max<std::int64_t>(frames, 0)), config.sampleRate);
    const int block = std::max(1, blockFrames);
    std::vector<float> interleaved(std::size_t(block) * 2);
    for (std::int64_t at = 0; at < frames; at += block) {
        const int n = int(std::min<std::int64_t>(block, frames - at));
        player.render(interleaved.data(), n);
        for (int i = 0; i < n; ++i) {
            out.channels[0][std::size_t(at + i)] = interleaved[std::size_t(2 * i)];
            out.channels[1][std::size_t(at + i)] = interleaved[std::size_t(2 * i + 1)];
        }
    }
    return out;
}

} // namespace earlab
