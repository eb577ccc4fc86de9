#pragma once
// The hashes a blind log records so that anyone can tell which audio was compared: SHA-256 of
// a file's bytes, and of the audio it decoded to (the same music in another container or with
// other tags hashes the same; a different decode does not).

#include "audio/audio_buffer.h"

#include <QByteArray>
#include <QString>

namespace earlab {

// SHA-256 of `bytes`, as 64 lowercase hex digits: the form every hash in a blind log takes.
QString sha256Hex(const QByteArray& bytes);

// SHA-256 of the bytes of the file at `path`, read in pieces (any length in constant memory).
// Throws std::runtime_error naming `path` and the cause when it cannot be read.
QString fileSha256(const QString& path);

// SHA-256 of decoded audio, defined byte for byte so that it is the same on every platform:
//   uint32_le(channel count) ‖ float64_le(sample rate, IEEE 754) ‖ uint64_le(frames) ‖
//   channel 0's samples as float32_le ‖ channel 1's ... (planar, in order).
QString audioSha256(const AudioBuffer& audio);

} // namespace earlab
