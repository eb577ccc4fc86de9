#pragma once
// Offline render: the very ScenePlayer the device callback runs, fed block by block, so a
// test (or `earlab-cli render --master`) gets exactly what the device would have received
// for the same scene and the same scheduled commands.

#include "audio/audio_buffer.h"
#include "audio/engine/player_command.h"
#include "audio/engine/player_config.h"
#include "audio/engine/scene.h"

#include <cstdint>
#include <functional>
#include <vector>

namespace earlab {

// Starts playback at transport frame 0, applies `commands` (their atFrame counts from that
// start; -1 means at the start), and renders `frames` frames of interleaved stereo into a
// planar stereo buffer. blockFrames only changes how the work is split, never the result.
AudioBuffer renderScene(const Scene& scene, const PlayerConfig& config,
                        const std::vector<PlayerCommand>& commands, std::int64_t frames,
                        int blockFrames = 256);

// renderScene() without the whole buffer: before each block, `before(at, n)` is called with
// the block's first frame and length (a StreamedSource is refilled there); after it,
// `sink(left, right, n)` receives its planar stereo samples. The same samples as renderScene.
using RenderHook = std::function<void(std::int64_t at, int frames)>;
using RenderSink = std::function<void(const float* left, const float* right, int frames)>;
void renderSceneBlocks(const Scene& scene, const PlayerConfig& config, const std::vector<PlayerCommand>& commands,
                       std::int64_t frames, int blockFrames, const RenderHook& before, const RenderSink& sink);

} // namespace earlab
