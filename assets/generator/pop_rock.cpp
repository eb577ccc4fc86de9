// Pop-rock in G major, 120 BPM, 16 bars (32 s).
// Progression: | G D Em C | G D Em C | Em C G D | Em C G D |, so the last bar's D (V)
// resolves onto the first bar's G (I) across the loop seam.
// Drums: kick, snare with ghost notes, 8th hats with an open hat every 4th bar, crashes on
// bars 1 and 9, a tom and snare fill into the top. Bass: picked 8ths on the root with
// fifths and chromatic approach notes. Harmony: two strummed, slightly overdriven
// Karplus-Strong guitars (open-position voicings), hard left and right, different takes.
// Melody: a saw lead with glide and vibrato, dotted-eighth delay.

#include "assets/generator/arrangement.h"
#include "assets/generator/effects.h"
#include "assets/generator/instruments.h"
#include "assets/generator/loop_render.h"

#include <array>
#include <vector>

namespace earlab::gen {
namespace {

struct Chord {
    int bassRoot;             // MIDI, the bass guitar's root (E1..D2)
    std::vector<int> strings; // the guitar voicing, low to high
};

// Open-position shapes; the top voice moves G4 F#4 E4 E4: stepwise, as a guitarist plays it.
const Chord kG{31, {43, 47, 50, 55, 59, 67}};
const Chord kD{38, {50, 57, 62, 66}};
const Chord kEm{28, {40, 47, 52, 55, 59, 64}};
const Chord kC{36, {48, 52, 55, 60, 64}};

const std::array<const Chord*, 16> kBars = {&kG, &kD, &kEm, &kC, &kG, &kD, &kEm, &kC,
                                            &kEm, &kC, &kG, &kD, &kEm, &kC, &kG, &kD};

// The tune, bar by bar: (beat in bar, length in beats, MIDI).
struct Tone { double beat, length; int midi; };
const std::vector<std::vector<Tone>> kMelody = {
    {{0, 1.5, 71}, {1.5, 0.5, 69}, {2, 1, 67}, {3, 1, 74}},
    {{0, 1.5, 69}, {1.5, 0.5, 66}, {2, 0.5, 69}, {2.5, 0.5, 71}, {3, 1, 69}},
    {{0, 1.5, 67}, {1.5, 0.5, 64}, {2, 1, 67}, {3, 1, 71}},
    {{0, 1, 72}, {1, 0.5, 71}, {1.5, 0.5, 69}, {2, 2, 67}},
    {{0, 1.5, 74}, {1.5, 0.5, 71}, {2, 0.5, 74}, {2.5, 0.5, 76}, {3, 1, 74}},
    {{0, 1.5, 78}, {1.5, 0.5, 76}, {2, 1, 74}, {3, 1, 69}},
    {{0, 1, 71}, {1, 0.5, 67}, {1.5, 0.5, 71}, {2, 1.5, 76}, {3.5, 0.5, 74}},
    {{0, 1, 76}, {1, 0.5, 74}, {1.5, 0.5, 72}, {2, 2, 67}},
    {{0.5, 0.5, 76}, {1, 1, 79}, {2, 0.5, 78}, {2.5, 0.5, 76}, {3, 1, 71}},
    {{0, 1.5, 76}, {1.5, 0.5, 74}, {2, 1, 72}, {3, 1, 67}},
    {{0, 1.5, 74}, {1.5, 0.5, 71}, {2, 0.5, 67}, {2.5, 0.5, 69}, {3, 1, 71}},
    {{0, 3, 69}, {3, 1, 66}},
    {{0, 0.5, 67}, {0.5, 0.5, 71}, {1, 1.5, 76}, {2.5, 0.5, 74}, {3, 1, 71}},
    {{0, 1, 72}, {1, 1, 76}, {2, 1.5, 79}, {3.5, 0.5, 76}},
    {{0, 1, 74}, {1, 0.5, 71}, {1.5, 0.5, 74}, {2, 1, 79}, {3, 1, 78}},
    {{0, 2, 78}, {2, 0.5, 76}, {2.5, 0.5, 74}, {3, 1, 69}},
};

void drums(LoopRender& loop, Rng& rng)
{
    Stereo& out = loop.drums;
    const KickParams kp{140, 48, 0.028, 0.30, 0.3, 1.6};
    auto hit = [&](const Mono& v, double beat, double gain, double pan) {
        place(out, v, loop.at(beat) + loop.jitter(rng, beat, 0.003), gain, pan);
    };
    for (int bar = 0; bar < 16; ++bar) {
        const double b0 = bar * 4.0;
        const bool fill = bar == 15;
        // Kick: 1, 3 and the "and" of 3; every other bar a push on the "and" of 2.
        std::vector<double> kicks = {0, 2, 2.5};
        if (bar % 2 == 1)
            kicks.push_back(1.5);
        for (double k : kicks)
            hit(kick(rng, vary(rng, k == 0 ? 1.0 : 0.88, 0.05), kp), b0 + k, 1.0, 0.0);
        // Snare on 2 and 4, with the odd ghost note.
        for (double s : {1.0, 3.0})
            if (!(fill && s == 3.0))
                hit(snare(rng, vary(rng, 0.9, 0.06)), b0 + s, 0.85, 0.05);
        if (!fill && rng.chance(0.5))
            hit(snare(rng, vary(rng, 0.22, 0.05), 185, 0.09), b0 + 3.75, 0.85, 0.05);
        if (!fill && rng.chance(0.3))
            hit(snare(rng, vary(rng, 0.18, 0.05), 185, 0.09), b0 + 1.75, 0.85, 0.05);
        // Hats: eighths, accented on the beat; the last eighth of every 4th bar opens.
        for (int e = 0; e < 8; ++e) {
            if (fill && e >= 4)
                break;
            const double beat = b0 + e * 0.5;
            const bool open = (bar % 4 == 3) && e == 7;
            Mono h = hat(rng, vary(rng, e % 2 == 0 ? 0.75 : 0.5, 0.08), open ? 0.35 : 0.06);
            if (open)
                choke(h, loop.seconds(0.5));
            hit(h, beat, 0.8, 0.35);
        }
        if (bar == 0 || bar == 8)
            hit(crash(rng, 0.8), b0, 0.4, -0.45);
        if (fill) {
            hit(tom(rng, 0.8, 196), b0 + 2.0, 0.8, -0.25);
            hit(tom(rng, 0.7, 196), b0 + 2.25, 0.8, -0.25);
            hit(tom(rng, 0.8, 147), b0 + 2.5, 0.8, 0.2);
            hit(tom(rng, 0.75, 110), b0 + 2.75, 0.8, 0.35);
            for (int k = 0; k < 4; ++k)
                hit(snare(rng, 0.5 + 0.13 * k), b0 + 3.0 + 0.25 * k, 0.85, 0.05);
        }
    }
}

void bass(LoopRender& loop, Rng& rng)
{
    for (int bar = 0; bar < 16; ++bar) {
        const Chord& c = *kBars[bar];
        const Chord& next = *kBars[(bar + 1) % 16];
        for (int e = 0; e < 8; ++e) {
            int midi = c.bassRoot;
            if (e == 6 && bar % 2 == 1)
                midi = c.bassRoot + 7; // the fifth
            if (e == 7 && bar % 2 == 1)
                midi = next.bassRoot + (next.bassRoot > c.bassRoot ? -1 : 1); // chromatic approach
            const double vel = vary(rng, e % 2 == 0 ? 0.9 : 0.72, 0.06);
            const double gate = loop.seconds(e == 7 ? 0.45 : 0.4);
            place(loop.bass, pickedBass(rng, midiToHz(midi), gate, vel), loop.at(bar * 4 + e * 0.5) + humanise(rng, 0.004),
                  1.0, 0.0);
        }
    }
}

// One strummed guitar take. Pattern D - D U - U D U; up-strums catch the top four strings.
Stereo guitar(LoopRender& loop, Rng& rng)
{
    Stereo take(loop.drums.frames());
    constexpr std::array<int, 8> pattern = {1, 0, 1, -1, 0, -1, 1, -1}; // 1 down, -1 up, 0 rest
    for (int bar = 0; bar < 16; ++bar) {
        const Chord& c = *kBars[bar];
        for (int e = 0; e < 8; ++e) {
            if (pattern[e] == 0)
                continue;
            int nextE = e + 1;
            while (nextE < 8 && pattern[nextE] == 0)
                ++nextE;
            const double start = loop.at(bar * 4 + e * 0.5) + humanise(rng, 0.006);
            const double gate = loop.at(bar * 4 + nextE * 0.5) - loop.at(bar * 4 + e * 0.5) + 0.01;
            const bool down = pattern[e] == 1;
            std::vector<int> strings = c.strings;
            if (!down) {
                strings.erase(strings.begin(), strings.end() - std::min<std::ptrdiff_t>(4, std::ptrdiff_t(strings.size())));
                std::reverse(strings.begin(), strings.end());
            }
            const double vel = vary(rng, down ? (e == 0 ? 0.85 : 0.7) : 0.5, 0.07);
            const double spread = down ? 0.011 : 0.008; // s between strings
            for (std::size_t s = 0; s < strings.size(); ++s) {
                const double offset = s * spread * rng.range(0.8, 1.2);
                place(take, pluckedString(rng, midiToHz(strings[s]), gate - offset, vel * rng.range(0.85, 1.0), 0.75, 2.5),
                      start + offset, 0.5, 0.0);
            }
        }
    }
    return take;
}

void melody(LoopRender& loop, Rng& rng)
{
    double prevHz = midiToHz(69);
    for (int bar = 0; bar < 16; ++bar)
        for (const Tone& t : kMelody[bar]) {
            const double hz = midiToHz(t.midi);
            const double vel = vary(rng, t.beat == 0 ? 0.85 : 0.72, 0.06);
            place(loop.melody, leadSynth(rng, hz, loop.seconds(t.length) * 0.92, vel, prevHz),
                  loop.at(bar * 4 + t.beat) + humanise(rng, 0.005), 0.45, 0.08);
            prevHz = hz;
        }
}

} // namespace

void renderPopRock(LoopRender& loop)
{
    Stereo left(loop.harmony.frames()), right(loop.harmony.frames());
    for (int pass = 0; pass < 2; ++pass) {
        loop.setPass(pass);
        Rng rng(0x5050524F434B); // "PPROCK": the same notes on both passes
        drums(loop, rng);
        bass(loop, rng);
        Stereo l = guitar(loop, rng), r = guitar(loop, rng);
        for (std::size_t i = 0; i < left.frames(); ++i) {
            left.l[i] += l.l[i];
            right.l[i] += r.l[i];
        }
        melody(loop, rng);
    }

    // Drum bus: room, glue compression, a soft clip on the transients.
    addReverb(loop.drums, 0.18, {0.7, 0.6, 7000, 0.004});
    compress(loop.drums, -9, 2.0, 15, 90, 2);
    saturate(loop.drums, 1.3);

    equalise(loop.bass, {{FilterType::HighPass, 32, 0, 0.7}, {FilterType::Peak, 700, -2, 1.0}});
    compress(loop.bass, -16, 4.0, 5, 80, 4);

    // Each take: amp crunch, a cabinet's band limit, then hard left / hard right.
    for (Stereo* take : {&left, &right}) {
        for (std::size_t i = 0; i < take->frames(); ++i)
            take->r[i] = take->l[i];
        saturate(*take, 1.2);
        equalise(*take, {{FilterType::HighPass, 110, 0, 0.7}, {FilterType::Peak, 2400, 3, 1.2},
                         {FilterType::LowPass, 7500, 0, 0.7}});
    }
    for (std::size_t i = 0; i < loop.harmony.frames(); ++i) {
        loop.harmony.l[i] += 0.9f * left.l[i] + 0.2f * right.l[i];
        loop.harmony.r[i] += 0.2f * left.l[i] + 0.9f * right.l[i];
    }
    addReverb(loop.harmony, 0.12, {1.3, 1.0, 6000, 0.015});

    addDelay(loop.melody, loop.seconds(0.75), loop.seconds(0.5), 0.3, 0.22, 4500, false);
    addReverb(loop.melody, 0.25, {1.8, 1.2, 6000, 0.02});
    equalise(loop.melody, {{FilterType::HighPass, 150, 0, 0.7}});

    // Balance (dB) before the mix is brought to -16 LUFS as a whole.
    for (auto [track, db] : {std::pair{&loop.drums, 0.0}, {&loop.bass, -1.0}, {&loop.harmony, -3.0}, {&loop.melody, -3.0}})
        scale(*track, db);
}

} // namespace earlab::gen
