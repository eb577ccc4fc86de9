#pragma once
// Whole-buffer renders of a Treatment, for the command line, the exercises' answer checks and
// loudness matching. They run the same DSP objects as playback.

#include "audio/audio_buffer.h"
#include "audio/engine/player_config.h"
#include "audio/treatment.h"

#include <string>

namespace earlab {

// The treatment chain alone (EQ -> compressor -> gain/pan), stereo out at the source's rate.
AudioBuffer renderTreatment(const AudioBuffer& source, const Treatment& treatment);

// renderTreatment() from file to file without holding either: the input is decoded a block
// at a time (AudioFileReader), treated, and encoded (AudioFileWriter) while the next block is
// decoded. Two threads share the work as a pipeline over a small ring of preallocated
// blocks: the calling thread decodes and runs the EQ, a helper thread runs compressor and
// gain/pan and encodes. Each stage is still sequential over the stream, and the chain's
// output does not depend on block size, so the file holds exactly the samples
// writeAudioFile(outPath, renderTreatment(loadAudioFile(inPath).audio, treatment)) writes.
// Errors are those of that sequence, in its order: an error of the input (open, decode)
// comes before one of the treatment or the output. On any error the output path is left as
// it was (see AudioFileWriter). Use only when AudioFileWriter::canReplace(outPath, inPath).
void renderTreatmentFile(const std::string& inPath, const std::string& outPath, const Treatment& treatment);

// The chain plus the master section exactly as playback applies it (start fade, output level,
// safety limiter, fade at the end of the material), with the limiter's look-ahead delay
// removed so the output lines up with the source. config.sampleRate is replaced by the
// source's rate.
AudioBuffer renderMastered(const AudioBuffer& source, const Treatment& treatment, PlayerConfig config = {});

// The formats whose decoder does not give back the encoded samples (Ogg Vorbis, Opus, MP3,
// by the extension of `path`, case-insensitive): their decoded true peak can pass the
// limiter's ceiling (measured before: +0.5 to +1.8 dBTP for a -1 dBTP render).
bool isLossyFormat(const std::string& path);

struct MasteredFile {
    double truePeakDbtp; // of the file as decoded, dBTP (lossy formats), or of the samples written
    double ceilingDb;    // the limiter's ceiling of the render that was kept, dBFS
    int renders;         // how many times it was rendered (1 unless a lossy file was corrected)
};

// renderMastered() written to `outPath` (writeAudioFile). For a lossy format the written file
// is decoded and its true peak measured (libebur128); while it is above
// config.limiterCeilingDb it is rendered and written again with the limiter's ceiling
// lowered by the excess plus kMasterCorrectionMarginDb, kMasterMaxRenders renders at most.
// The last render stays, whatever its peak: the caller reports it.
inline constexpr double kMasterCorrectionMarginDb = 0.1;
inline constexpr int kMasterMaxRenders = 4;
MasteredFile writeMastered(const AudioBuffer& source, const Treatment& treatment, const std::string& outPath,
                           PlayerConfig config = {});

// `treatment` with its gain adjusted so that the treated source has the integrated loudness
// (BS.1770) of `reference`, re-measured to within 0.1 dB. Throws AudioError(InvalidArgument)
// when either is silent.
Treatment loudnessMatched(const AudioBuffer& reference, const AudioBuffer& source, Treatment treatment);

} // namespace earlab
