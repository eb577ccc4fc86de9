#pragma once
// Offline render: the very ScenePlayer the device callback runs, fed block by block, so a
// test (or `earlab-cli render --master`) gets exactly what the device would have received
// for the same scene and the same scheduled commands.

#include "audio/audio_buffer.h"
#include "audio/engine/player_command.h"
#include "audio/engine/player_config.h"
#include "audio/engine/scene.h"

#include <cstdint>
#include <vector>

namespace earlab {

// Starts playback at transport frame 0, applies `commands` (their atFrame counts from that
// start; -1 means at the start), and renders `frames` frames of interleaved stereo into a
// planar stereo buffer. blockFrames only changes how the work is split, never the result.
AudioBuffer renderScene(const Scene& scene, const PlayerConfig& config,
                        const std::vector<PlayerCommand>& commands, std::int64_t frames,
                        int blockFrames = 256);

} // namespace earlab
