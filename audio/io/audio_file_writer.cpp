// writeAudioFile (audio_file.h): the streaming writer (audio_stream.h) given the whole buffer
// at once, so both write the same file.
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file_shared.h"
#include "audio/io/write_format.h"

#include <vector>

namespace earlab {

using detail::fail;

WriteSummary writeAudioFile(const std::string& path, const AudioBuffer& audio)
{
    detail::writeFormatFor(path, detail::lowerExtension(path)); // an unknown extension is the first error, as ever
    if (audio.channelCount() == 0 || audio.frames() == 0)
        fail(AudioErrorKind::InvalidArgument, path, "nothing to write: the buffer is empty");
    for (const auto& ch : audio.channels)
        if (ch.size() != audio.frames())
            fail(AudioErrorKind::InvalidArgument, path, "the buffer's channels have different lengths");
    AudioFileWriter writer(path, audio.sampleRate, int(audio.channelCount()));
    std::vector<const float*> channels;
    for (const auto& ch : audio.channels)
        channels.push_back(ch.data());
    writer.write(channels.data(), audio.frames());
    return writer.finish();
}

} // namespace earlab
