#pragma once
// What the player can play: the checks ScenePlayer makes of every variant's source before it
// builds anything, shared with the offline renders that take a source of their own.
// Off the audio thread; each throws AudioError(InvalidArgument) naming `subject` (and the
// stem) and the cause.

#include "audio/engine/scene.h"

#include <string>

namespace earlab {

// 1 to kMaxStems stems, each mono or stereo, all of one length, at `sampleRate` (Hz).
void requirePlayableMultitrack(const Multitrack& source, const std::string& subject, double sampleRate);

// The variant's one source (a multitrack, a streamed window or a buffer) at `sampleRate`.
void requirePlayableSource(const Variant& variant, const std::string& subject, double sampleRate);

} // namespace earlab
