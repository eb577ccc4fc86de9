#include "audio/engine/variant_params.h"

#include "audio/audio_error.h"

#include <string>

namespace earlab {

VariantParams makeVariantParams(const Treatment& t, double sampleRate)
{
    if (t.stems.size() > std::size_t(kMaxStems))
        throw AudioError(AudioErrorKind::InvalidArgument, "treatment",
                         "it sets " + std::to_string(t.stems.size()) + " stems; a multitrack source holds at most " +
                             std::to_string(kMaxStems));
    VariantParams p;
    p.chain = dsp::makeChainParams(t, sampleRate);
    for (std::size_t i = 0; i < t.stems.size(); ++i) {
        try {
            p.stems[i] = dsp::makeGainPanParams(t.stems[i].gainDb, t.stems[i].pan);
        } catch (const AudioError& e) {
            throw AudioError(AudioErrorKind::InvalidArgument, "stem " + std::to_string(i), e.what());
        }
    }
    return p;
}

} // namespace earlab
