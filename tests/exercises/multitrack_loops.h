#pragma once
// The built-in songs as multitrack material (the mix and its stems), and short excerpts of a
// prepared one, for the tests of exercises that mix stems. Header only.

#include "exercises/question_material.h"

#include "assets/builtin_material.h"

#include <memory>

namespace earlab::test {

// The built-in song with its stems, as the app names it.
inline MaterialRef builtinSong(const BuiltinLoop& loop)
{
    MaterialRef m;
    m.kind = MaterialRef::Kind::Builtin;
    m.id = QString::fromStdString("builtin:" + loop.id);
    m.title = QString::fromStdString(loop.title);
    m.path = QString::fromStdString(materialPath(loop.mixFile));
    for (const auto& [name, file] : loop.stems) {
        m.stemNames << QString::fromStdString(name);
        m.stemPaths << QString::fromStdString(materialPath(file));
    }
    return m;
}

inline AudioBuffer framesOf(const AudioBuffer& a, std::size_t start, std::size_t frames)
{
    AudioBuffer out;
    out.sampleRate = a.sampleRate;
    for (const auto& c : a.channels)
        out.channels.emplace_back(c.begin() + std::ptrdiff_t(start), c.begin() + std::ptrdiff_t(start + frames));
    return out;
}

// `seconds` of a prepared song from `startSeconds`, the mix and every stem alike: the
// listeners' renders stay quick.
inline std::shared_ptr<const PreparedLoop> songExcerpt(const PreparedLoop& loop, double startSeconds, double seconds)
{
    const auto start = std::size_t(startSeconds * loop.audio->sampleRate);
    const auto frames = std::size_t(seconds * loop.audio->sampleRate);
    auto out = std::make_shared<PreparedLoop>(loop);
    out->audio = std::make_shared<const AudioBuffer>(framesOf(*loop.audio, start, frames));
    auto mt = std::make_shared<Multitrack>();
    mt->names = loop.stems->names;
    for (const auto& s : loop.stems->stems)
        mt->stems.push_back(std::make_shared<const AudioBuffer>(framesOf(*s, start, frames)));
    out->stems = mt;
    return out;
}

} // namespace earlab::test
