#pragma once
// What the level, pan and width exercises' tests share: the built-in loops as the app
// prepares them, the variants rendered as the app plays them (loudness-matched when the
// question says so), and the measurements a simulated listener hears them by. Header only.

#include "exercises/exercise.h"
#include "exercises/question_material.h"
#include "exercises/seeded_random.h"

#include "assets/builtin_material.h"
#include "audio/engine/treatment_render.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <numbers>
#include <vector>

namespace earlab::test {

inline double gaussian(SeededRandom& rng)
{
    const double u1 = std::max(rng.unit(), 1e-12), u2 = rng.unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// The built-in loop as the app plays it: its densest 15 s, analysed (prepareLoop); prepared
// once per test program.
inline std::shared_ptr<const PreparedLoop> builtinLoop(const std::string& id)
{
    static std::map<std::string, std::shared_ptr<const PreparedLoop>> prepared;
    if (const auto found = prepared.find(id); found != prepared.end())
        return found->second;
    const BuiltinLoop* loop = findBuiltinLoop(id);
    if (!loop)
        return nullptr;
    MaterialRef m;
    m.kind = MaterialRef::Kind::Builtin;
    m.id = QStringLiteral("builtin:") + QString::fromStdString(id);
    m.path = QString::fromStdString(materialPath(loop->mixFile));
    return prepared[id] = prepareLoop(m);
}

// `seconds` of `loop` from `start` s, as a loop of its own (the simulated listeners hear
// short excerpts so hundreds of questions stay quick).
inline std::shared_ptr<const PreparedLoop> excerpt(const PreparedLoop& loop, double start, double seconds)
{
    auto out = std::make_shared<PreparedLoop>(loop);
    AudioBuffer a;
    a.sampleRate = loop.audio->sampleRate;
    const auto from = std::ptrdiff_t(start * a.sampleRate), n = std::ptrdiff_t(seconds * a.sampleRate);
    for (const auto& c : loop.audio->channels)
        a.channels.emplace_back(c.begin() + from, c.begin() + from + n);
    out->audio = std::make_shared<const AudioBuffer>(std::move(a));
    return out;
}

// Every variant as the app plays it: the later ones loudness-matched to the flat loop when
// the question asks for it (Session does exactly this), through the offline render.
inline std::vector<AudioBuffer> renderVariants(const PreparedLoop& loop, const Question& q)
{
    std::vector<AudioBuffer> out;
    for (std::size_t i = 0; i < q.variants.size(); ++i) {
        const Treatment& t = q.variants[i].treatment;
        out.push_back(renderTreatment(*loop.audio, i > 0 ? matchedTreatment(loop, t, q.loudnessMatched) : t));
    }
    return out;
}

inline double meanSquare(const std::vector<float>& c)
{
    double sum = 0;
    for (float x : c)
        sum += double(x) * x;
    return c.empty() ? 0.0 : sum / double(c.size());
}

// RMS of both channels together, dB.
inline double rmsDb(const AudioBuffer& a)
{
    double sum = 0;
    for (const auto& c : a.channels)
        sum += meanSquare(c);
    return 10.0 * std::log10(sum / double(std::max<std::size_t>(a.channelCount(), 1)));
}

// Interchannel level difference, right over left, dB.
inline double ildDb(const AudioBuffer& a)
{
    return 10.0 * std::log10(meanSquare(a.channels[1]) / meanSquare(a.channels[0]));
}

inline double samplePeakDb(const AudioBuffer& a)
{
    float peak = 0;
    for (const auto& c : a.channels)
        for (float x : c)
            peak = std::max(peak, std::abs(x));
    return 20.0 * std::log10(double(peak));
}

// The option an answer names, by id; nullptr if none.
inline const AnswerOption* option(const Question& q, const QString& id)
{
    for (const AnswerOption& o : q.options)
        if (o.id == id)
            return &o;
    return nullptr;
}

// The answer a listener gives who heard `side` (an option id's side: "a", "wider") and, when
// the options name amounts, `amount`: the option of that side whose amount is nearest by ratio.
inline Answer sidedAnswerFor(const Question& q, const QString& side, double amount)
{
    Answer a;
    double best = std::numeric_limits<double>::infinity();
    for (const AnswerOption& o : q.options) {
        if (o.id.section(':', 0, 0) != side)
            continue;
        const double off = o.id.contains(':') ? std::abs(std::log(o.value / std::max(amount, 1e-3))) : 0.0;
        if (off < best) {
            best = off;
            a.option = o.id;
        }
    }
    return a;
}

} // namespace earlab::test
