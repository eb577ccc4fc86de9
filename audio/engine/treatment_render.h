#pragma once
// Whole-buffer renders of a Treatment, for the command line, the exercises' answer checks and
// loudness matching. They run the same DSP objects as playback.

#include "audio/audio_buffer.h"
#include "audio/engine/player_config.h"
#include "audio/io/audio_file.h"
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
// it was (see AudioFileWriter); outPath may be inPath (the input is read from its open file).
WriteSummary renderTreatmentFile(const std::string& inPath, const std::string& outPath, const Treatment& treatment);

// The chain plus the master section exactly as playback applies it (start fade, output level,
// safety limiter, fade at the end of the material), with the limiter's look-ahead delay
// removed so the output lines up with the source. config.sampleRate is replaced by the
// source's rate.
AudioBuffer renderMastered(const AudioBuffer& source, const Treatment& treatment, PlayerConfig config = {});

// `treatment` with its gain adjusted so that the treated source has the integrated loudness
// (BS.1770) of `reference`, re-measured to within 0.1 dB. Throws AudioError(InvalidArgument)
// when either is silent.
Treatment loudnessMatched(const AudioBuffer& reference, const AudioBuffer& source, Treatment treatment);

} // namespace earlab
