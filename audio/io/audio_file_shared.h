#pragma once
// Internal to audio/io: what the file readers (sndfile_reader.cpp, audio_diagnosis.cpp, ...)
// and the file writer (audio_stream_writer.cpp) share. Not part of the audio layer's interface.

#include "audio/audio_error.h"

#include <mutex>
#include <string>

namespace earlab::detail {

// sf_open reports failure through a process-wide error slot (sf_error(nullptr)); loads run on
// several worker threads, so the open and the read of that slot happen under one lock, for
// reading and writing alike.
std::mutex& sfOpenMutex();

[[noreturn]] void fail(AudioErrorKind kind, const std::string& path, const std::string& cause);

// strerror(err), for causes in messages.
std::string osError(int err);

} // namespace earlab::detail
