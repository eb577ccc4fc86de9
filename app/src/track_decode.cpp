#include "app/src/track_decode.h"

#include "audio/audio_error.h"
#include "audio/engine/player_config.h"
#include "audio/io/audio_file.h"
#include "exercises/library_scan_stems.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace earlab::app {

std::shared_ptr<const AudioBuffer> decodeForPlayback(const QString& path, QString* error)
{
    try {
        LoadOptions options;
        options.targetSampleRate = kEngineSampleRate;
        options.stereo = true;
        return std::make_shared<const AudioBuffer>(
            QFileInfo(path).isDir() ? loadStemMix(audioFilesIn(path, Recursion::FolderOnly), options)
                                    : loadAudioFile(path.toStdString(), options).audio);
    } catch (const AudioError& e) {
        *error = QString::fromStdString(e.what());
    } catch (const std::bad_alloc&) {
        *error = QCoreApplication::translate("earlab", "%1: not enough memory to decode it for playback").arg(path);
    }
    return nullptr;
}

} // namespace earlab::app
