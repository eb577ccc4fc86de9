#include "app/src/loop_choice.h"

#include "exercises/loop_region.h"

#include <algorithm>

namespace earlab::app {

std::pair<double, double> chooseLoopSeconds(const AudioBuffer& audio, double lengthSeconds)
{
    const earlab::LoopRegion region = pickDenseRegion(audio, lengthSeconds);
    if (region.lengthSeconds <= 0)
        return {0.0, std::min(lengthSeconds, audio.durationSeconds())};
    return {region.startSeconds, region.lengthSeconds};
}

} // namespace earlab::app
