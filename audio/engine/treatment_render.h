#pragma once
// Renders of a Treatment, for the command line, the exercises' answer checks and loudness
// matching: whole-buffer, and streamed from file to file for the command line (any length in
// constant memory). They run the same DSP objects as playback.

#include "audio/audio_buffer.h"
#include "audio/engine/player_config.h"
#include "audio/engine/scene.h"
#include "audio/io/audio_file.h"
#include "audio/treatment.h"

#include <string>

namespace earlab {

// The treatment chain alone (EQ -> compressor -> width -> gain/pan), stereo out at the source's rate.
AudioBuffer renderTreatment(const AudioBuffer& source, const Treatment& treatment);

// The stems mixed by treatment.stems (StemMixer, as the player mixes them), stereo, at the
// stems' rate. Throws AudioError(InvalidArgument) as ScenePlayer does for a bad multitrack.
AudioBuffer mixStems(const Multitrack& source, const Treatment& treatment);

// The stems mixed by treatment.stems, then the chain: renderTreatment(mixStems(s, t), t).
AudioBuffer renderTreatment(const Multitrack& source, const Treatment& treatment);

// renderTreatment() from file to file without holding either: the input is decoded a block
// at a time (AudioFileReader), treated, and encoded (AudioFileWriter) while the next block is
// decoded. Two threads share the work as a pipeline over a small ring of preallocated
// blocks: the calling thread decodes and runs the EQ, a helper thread runs compressor,
// width and gain/pan and encodes. Each stage is still sequential over the stream, and the chain's
// output does not depend on block size, so the file holds exactly the samples
// writeAudioFile(outPath, renderTreatment(loadAudioFile(inPath).audio, treatment)) writes.
// Errors are those of that sequence, in its order: an error of the input (open, decode)
// comes before one of the treatment or the output. On any error the output path is left as
// it was (see AudioFileWriter); outPath may be inPath (the input is read from its open file).
WriteSummary renderTreatmentFile(const std::string& inPath, const std::string& outPath, const Treatment& treatment);

// The chain plus the master section exactly as playback applies it (start fade, output level,
// safety limiter, fade at the end of the material), with the limiter's look-ahead delay
// removed so the output lines up with the source. config.sampleRate is replaced by the
// source's rate.
AudioBuffer renderMastered(const AudioBuffer& source, const Treatment& treatment, PlayerConfig config = {});
// The same for a multitrack source, through the player's own stem mix.
AudioBuffer renderMastered(const Multitrack& source, const Treatment& treatment, PlayerConfig config = {});

// The formats whose decoder does not give back the encoded samples (Ogg Vorbis, Opus, MP3,
// by the extension of `path`, case-insensitive): their decoded true peak can pass the
// limiter's ceiling (measured before: +0.5 to +1.8 dBTP for a -1 dBTP render).
bool isLossyFormat(const std::string& path);

// Pass 1 of a streamed render: what it needs to know of its input before rendering.
struct RenderPlan {
    std::int64_t frames = 0; // decoded frames (the master's end fade starts from the end)
    Treatment treatment;     // as given, or with its gain loudness-matched
};

// Streams `inPath` once, in constant memory: counts its frames and, when matchLoudness,
// measures the input and the treated input (LoudnessMeter) to adjust the treatment's gain as
// loudnessMatched(in, in, treatment) does for the whole buffer. Errors: loadAudioFile's for
// the input, then loudnessMatched's.
RenderPlan planRender(const std::string& inPath, const Treatment& treatment, bool matchLoudness);

struct MasteredFile {
    double truePeakDbtp; // of the file as decoded, dBTP (lossy formats only; NaN otherwise)
    double ceilingDb;    // the limiter's ceiling of the render that was kept, dBFS
    int renders;         // how many times it was rendered (1 unless a lossy file was corrected)
};

// writeAudioFile(outPath, renderMastered(loadAudioFile(inPath).audio, plan.treatment, config))
// streamed: the input decoded and the output encoded a block at a time (AudioFileReader ->
// ScenePlayer over a StreamedSource -> AudioFileWriter), the same samples in constant memory.
// For a lossy format the written file is then decoded and its true peak measured; while it
// is above config.limiterCeilingDb it is rendered again with the limiter's ceiling lowered by
// the excess plus kMasterCorrectionMarginDb, kMasterMaxRenders renders at most, and never
// lower than kMasterMaxCorrectionDb below config.limiterCeilingDb. If the peak is still above
// then, the render with the lowest decoded peak stays (rendered once more, beyond
// kMasterMaxRenders, if it was not the last) and the caller reports it. The input of
// each render is opened before the previous one replaces its output, so rendering onto the
// input reads the original.
inline constexpr double kMasterCorrectionMarginDb = 0.1;
inline constexpr int kMasterMaxRenders = 4;
// Why 3 dB: a codec's own overshoot on a limited master is a dB or two, and correcting it
// costs a little more ceiling than that (measured on 10 s of pink noise clipped 10 dB hot:
// the first render at -1 dBFS decodes at +0.5 dBTP for Vorbis, +1.4 Opus, +1.2 MP3, and the
// correction ends at ceilings of -3.0, -3.5 and -4.0 dBFS). An excess beyond that is not the
// codec's peaks (the ringing end of libsndfile's Opus files was +15 dBTP, and chasing it
// gave a master 16 dB quieter than asked): a file a little over -1 dBTP, said so, is the
// honest result, a far quieter one is a silent wrong answer.
inline constexpr double kMasterMaxCorrectionDb = 3.0;
MasteredFile renderMasteredFile(const std::string& inPath, const std::string& outPath, const RenderPlan& plan,
                                PlayerConfig config = {});

// `treatment` with its gain adjusted so that the treated source has the integrated loudness
// (BS.1770) of `reference`, re-measured to within 0.1 dB. Throws AudioError(InvalidArgument)
// when either is silent.
Treatment loudnessMatched(const AudioBuffer& reference, const AudioBuffer& source, Treatment treatment);
// The same, the source being the stems mixed by treatment.stems (a stem raised or lowered,
// the mix brought back to the reference's loudness).
Treatment loudnessMatched(const AudioBuffer& reference, const Multitrack& source, Treatment treatment);

} // namespace earlab
