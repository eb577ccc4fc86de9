#pragma once
// The one error type of the audio layer. Every failure names its subject (a file path, a
// device name) and its cause, so a caller can show the message as it is.

#include <stdexcept>
#include <string>

namespace earlab {

enum class AudioErrorKind {
    FileNotFound,        // no such file
    NotRegularFile,      // a directory, a FIFO, a device node: refused before opening (a FIFO would hang)
    Unreadable,          // exists but cannot be opened or read (permissions, I/O error)
    NotAudio,            // no audio format libsndfile recognises
    UnsupportedEncoding, // a known container holding an encoding we cannot decode
    Truncated,           // the file ends before the audio its header promises
    ZeroFrames,          // a valid header and no audio at all
    AbsurdSampleRate,    // outside [kMinSampleRate, kMaxSampleRate]
    AbsurdChannelCount,  // 0 or more than kMaxChannels
    DecodeFailed,        // the decoder gave up part way
    WriteFailed,         // cannot create or write an output file
    ResampleFailed,      // libsoxr refused the conversion
    InvalidArgument,     // a parameter outside its documented range
    NoDevice,            // no usable audio output device
    DeviceFailed,        // a device that exists could not be opened or stopped working
};

// A stable lower-case identifier for each kind ("file-not-found", ...), for JSON and tests.
const char* toString(AudioErrorKind kind);

class AudioError : public std::runtime_error {
public:
    // subject: the file path or device name the error is about (may be empty).
    // cause: what went wrong, in words a user understands.
    AudioError(AudioErrorKind kind, std::string subject, const std::string& cause);

    AudioErrorKind kind() const { return kind_; }
    const std::string& subject() const { return subject_; }

private:
    AudioErrorKind kind_;
    std::string subject_;
};

} // namespace earlab
