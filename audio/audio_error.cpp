#include "audio/audio_error.h"

namespace earlab {

const char* toString(AudioErrorKind kind)
{
    switch (kind) {
    case AudioErrorKind::FileNotFound: return "file-not-found";
    case AudioErrorKind::NotRegularFile: return "not-regular-file";
    case AudioErrorKind::Unreadable: return "unreadable";
    case AudioErrorKind::NotAudio: return "not-audio";
    case AudioErrorKind::UnsupportedEncoding: return "unsupported-encoding";
    case AudioErrorKind::Truncated: return "truncated";
    case AudioErrorKind::ZeroFrames: return "zero-frames";
    case AudioErrorKind::AbsurdSampleRate: return "absurd-sample-rate";
    case AudioErrorKind::AbsurdChannelCount: return "absurd-channel-count";
    case AudioErrorKind::DecodeFailed: return "decode-failed";
    case AudioErrorKind::WriteFailed: return "write-failed";
    case AudioErrorKind::ResampleFailed: return "resample-failed";
    case AudioErrorKind::InvalidArgument: return "invalid-argument";
    case AudioErrorKind::NoDevice: return "no-device";
    case AudioErrorKind::DeviceFailed: return "device-failed";
    }
    return "unknown";
}

namespace {
std::string compose(const std::string& subject, const std::string& cause)
{
    return subject.empty() ? cause : subject + ": " + cause;
}
} // namespace

AudioError::AudioError(AudioErrorKind kind, std::string subject, const std::string& cause)
    : std::runtime_error(compose(subject, cause)), kind_(kind), subject_(std::move(subject))
{
}

} // namespace earlab
