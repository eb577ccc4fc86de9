#pragma once
// A library entry decoded for playback through the app's engine: at the engine's rate, in
// stereo; a folder of stems (library_scan_stems.h) as its mix. The Library page's loop
// preview and the listening view both play files this way.

#include "audio/audio_buffer.h"

#include <QString>

#include <memory>

namespace earlab::app {

// The decoded file, or nothing and *error naming the file and the cause (an AudioError's
// message, or too little memory). Slow: call it on a worker thread.
std::shared_ptr<const AudioBuffer> decodeForPlayback(const QString& path, QString* error);

} // namespace earlab::app
