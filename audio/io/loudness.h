#pragma once
// Programme loudness per ITU-R BS.1770-4 / EBU R 128, measured with libebur128.
// Loudness matching is the product's promise ("louder always sounds better, and that must
// never decide an answer"), so this is the only place loudness is computed.

#include "audio/audio_buffer.h"
#include "audio/io/audio_file.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace earlab {

struct Loudness {
    double integratedLufs; // LUFS, gated integrated loudness; -infinity for silence or < 400 ms
    double truePeakDbtp;   // dBTP, 4x oversampled true peak over all channels; -infinity for silence
};

// Channel weighting (BS.1770-4 Table 3):
//   1 channel   -> dual mono (counted twice, as libebur128's EBUR128_DUAL_MONO): a mono file
//                  measures what it measures when it plays on both speakers, which is how
//                  EarLab plays it (see downmix.h).
//   2 channels  -> L R
//   3 channels  -> L R C
//   4 channels  -> L R Ls Rs
//   5 channels  -> L R C Ls Rs
//   6 channels  -> L R C LFE Ls Rs (WAV 5.1 order; LFE not measured)
//   > 6         -> the first six as 5.1, every further channel weighted 1.0
// Throws AudioError InvalidArgument for an empty buffer (no channels or no frames) or a
// sample rate libebur128 refuses.
// Threads: the channels' true peaks are measured on up to hardware_concurrency() threads of
// its own (std::async; on this thread if none can be started), the loudness on the caller's;
// `audio` must not change until it returns.
Loudness measureLoudness(const AudioBuffer& audio);

// Only the integrated loudness (as measureLoudness().integratedLufs), on the caller's thread
// and without the true-peak oversampling: a fraction of the work. Same errors.
double integratedLoudnessLufs(const AudioBuffer& audio);

// The gain in dB to add to `candidate` so that its integrated loudness equals
// `reference`'s. The gain is re-measured after applying it and corrected (at most a few
// iterations; gating makes loudness not exactly linear in gain near the absolute gate), so
// the residual |L(reference) - L(candidate + gain)| is below 0.02 dB in practice and never
// above 0.1 dB. Throws AudioError InvalidArgument naming the buffer ("reference" or
// "candidate") when it is empty or silent (no loudness to match).
double loudnessMatchGainDb(const AudioBuffer& reference, const AudioBuffer& candidate);

// The measurements above taken as the audio streams past, a block at a time, so a file of any
// length is measured in constant memory. Fed the same samples, it gives what
// measureLoudness() / integratedLoudnessLufs() give for the whole buffer (the same libebur128
// calls; libebur128 does not depend on how the frames are split).
class LoudnessMeter {
public:
    // channels: as given to add() (1 to 64, weighted as measureLoudness() says); truePeak:
    // also measure the true peak (4x oversampling, on a helper thread during add()).
    // subject names what is measured in errors. Throws AudioError InvalidArgument for a rate
    // or channel count libebur128 refuses.
    LoudnessMeter(std::size_t channels, double sampleRate, bool truePeak, std::string subject);
    ~LoudnessMeter();
    LoudnessMeter(const LoudnessMeter&) = delete;
    LoudnessMeter& operator=(const LoudnessMeter&) = delete;

    // channels: one pointer per channel to `frames` floats.
    void add(const float* const* channels, std::size_t frames);
    std::size_t frames() const noexcept { return frames_; }

    // As measureLoudness() of everything added (truePeakDbtp -infinity when not measured).
    // Nothing added: InvalidArgument, as for an empty buffer.
    Loudness result() const;

    // The integrated loudness the audio would have with gainDb applied (as applyGainDb()
    // would): computed from the 400 ms blocks' energies, which a gain scales by its square,
    // with BS.1770-4's gates (absolute -70 LUFS, relative -10 LU) applied anew. Equals
    // integratedLoudnessLufs() of the gained buffer up to float rounding.
    double integratedLufs(double gainDb = 0.0) const;

private:
    struct States;
    void feedLoudness(const float* interleaved, std::size_t frames);

    std::string subject_;
    std::size_t channels_;
    std::size_t hop_;         // libebur128's frames per 100 ms
    std::size_t sinceHop_ = 0; // frames fed since the last 100 ms boundary
    std::size_t frames_ = 0;
    std::unique_ptr<States> states_;
    std::vector<float> interleaved_;
    std::vector<double> blockEnergies_; // every 400 ms gating block, 75 % overlap
};

// loudnessMatchGainDb() for streamed audio: the gain for `candidate` to sound as loud as
// `reference`, by the same iteration and with the same errors ("reference", "candidate").
double loudnessMatchGainDb(const LoudnessMeter& reference, const LoudnessMeter& candidate);

// loadAudioFile(path) and measureLoudness() of what it loads, streamed: the file is decoded a
// block at a time (AudioFileReader: the same samples, checks and errors) and measured as it
// passes, in constant memory.
struct FileLoudness {
    AudioFileInfo info;
    Loudness loudness;
};
FileLoudness measureFileLoudness(const std::string& path);

// Multiplies every sample by 10^(gainDb/20). No clipping, no limiting.
void applyGainDb(AudioBuffer& audio, double gainDb);

} // namespace earlab
