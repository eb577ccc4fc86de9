#include "app/src/loop_preview.h"

#include "app/src/audio_output.h"
#include "app/src/track_decode.h"

#include "audio/engine/scene.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace earlab::app {

LoopPreview::LoopPreview(AudioOutput* audio, QObject* parent) : QObject(parent), m_audio(audio)
{
    connect(&m_decoding, &QFutureWatcher<Decoded>::finished, this, &LoopPreview::onDecoded);
}

LoopPreview::~LoopPreview()
{
    m_decoding.waitForFinished(); // the worker captures nothing of this object, but finish it
}

void LoopPreview::play(const QString& path, double startSeconds, double lengthSeconds)
{
    m_start = std::max(0.0, std::isfinite(startSeconds) ? startSeconds : 0.0);
    m_length = std::max(0.0, std::isfinite(lengthSeconds) ? lengthSeconds : 0.0);
    m_error.clear();
    m_active = true;
    if (path == m_path && m_file) {
        start();
        return;
    }
    m_path = path;
    m_file.reset();
    m_loading = true;
    emit changed();
    if (m_decoding.isRunning())
        return; // onDecoded() sees the path changed and decodes the new one
    m_decoding.setFuture(QtConcurrent::run([path]() {
        Decoded d{path, nullptr, {}};
        d.audio = decodeForPlayback(path, &d.error);
        return d;
    }));
}

void LoopPreview::onDecoded()
{
    Decoded d = m_decoding.result();
    if (d.path != m_path) { // another file was asked for meanwhile
        const QString wanted = m_path;
        m_path.clear();
        if (m_active)
            play(wanted, m_start, m_length);
        return;
    }
    m_loading = false;
    if (!d.audio) {
        m_error = d.error;
        m_active = false;
        emit changed();
        return;
    }
    m_file = std::move(d.audio);
    if (m_active)
        start();
    else
        emit changed();
}

void LoopPreview::start()
{
    const AudioBuffer& file = *m_file;
    const auto frames = std::int64_t(file.frames());
    const auto first = std::clamp<std::int64_t>(std::llround(m_start * file.sampleRate), 0, frames);
    const auto count = std::clamp<std::int64_t>(std::llround(m_length * file.sampleRate), 0, frames - first);
    if (count <= 0) {
        m_error = tr("%1: the region %2–%3 s lies outside the file").arg(m_path).arg(m_start).arg(m_start + m_length);
        m_active = false;
        emit changed();
        return;
    }
    // The region alone is the scene: the transport's loop then loops exactly the region.
    auto region = std::make_shared<AudioBuffer>();
    region->sampleRate = file.sampleRate;
    for (const auto& channel : file.channels)
        region->channels.emplace_back(channel.begin() + first, channel.begin() + first + count);
    Scene scene;
    scene.variants.push_back({std::move(region), Treatment{}, "preview"});
    m_audio->load(scene);
    m_audio->play();
    emit changed();
}

void LoopPreview::release()
{
    stop();
    if (m_loading)
        return; // onDecoded() keeps the result; the next release() (or play()) settles it
    m_file.reset();
    m_path.clear();
    emit changed();
}

void LoopPreview::stop()
{
    if (!m_active && !m_loading)
        return;
    m_active = false;
    m_audio->unload();
    emit changed();
}

} // namespace earlab::app
