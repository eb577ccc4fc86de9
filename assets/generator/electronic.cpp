// Electronic (house) in A minor, 124 BPM, 16 bars (~31 s).
// Progression: | Am F C G | four times (i VI III VII), pad voicings that keep common tones.
// Drums: four-on-the-floor kick, clap on 2 and 4, off-beat open hats, 16th closed hats with
// a groove accent, a shaker-like top layer, crash on bar 1 and 9, a clap roll into the top.
// Bass: sub sine plus filtered saw on the off-beats, side-chain ducked by the kick.
// Harmony: a seven-voice supersaw pad whose low-pass opens and closes over 8 bars, ducked.
// Melody: a 16th-note arpeggio of chord tones with a ping-pong delay; its contour changes
// every 4 bars.

#include "assets/generator/arrangement.h"
#include "assets/generator/effects.h"
#include "assets/generator/instruments.h"
#include "assets/generator/loop_render.h"

#include <array>
#include <cmath>
#include <vector>

namespace earlab::gen {
namespace {

struct Chord {
    int bassRoot;        // MIDI (F1..C2: 44-65 Hz)
    std::array<int, 4> pad; // voice-led: A3 C4 E4 A4 -> A3 C4 F4 A4 -> G3 C4 E4 G4 -> G3 B3 D4 G4
};
const Chord kAm{33, {57, 60, 64, 69}};
const Chord kF{29, {57, 60, 65, 69}};
const Chord kC{36, {55, 60, 64, 67}};
const Chord kG{31, {55, 59, 62, 67}};
const std::array<const Chord*, 4> kCycle = {&kAm, &kF, &kC, &kG};

void drums(LoopRender& loop, Rng& rng, std::vector<double>& kickTimes)
{
    Stereo& out = loop.drums;
    const KickParams kp{160, 46, 0.032, 0.34, 0.35, 2.0};
    auto hit = [&](const Mono& v, double beat, double gain, double pan, double sd = 0.0015) {
        place(out, v, loop.at(beat) + loop.jitter(rng, beat, sd), gain, pan);
    };
    for (int bar = 0; bar < 16; ++bar) {
        const double b0 = bar * 4.0;
        for (int beat = 0; beat < 4; ++beat) {
            kickTimes.push_back(loop.at(b0 + beat));
            place(out, kick(rng, 1.0, kp), loop.at(b0 + beat), 1.0, 0.0); // quantised: it is a machine
        }
        for (double c : {1.0, 3.0})
            hit(clap(rng, vary(rng, 0.9, 0.05)), b0 + c, 0.75, 0.0);
        for (int s = 0; s < 16; ++s) {
            const double beat = b0 + s * 0.25;
            if (s % 4 == 2) { // the off-beat open hat, choked by the next closed one
                Mono h = hat(rng, vary(rng, 0.8, 0.05), 0.2, 1.1);
                choke(h, loop.seconds(0.22));
                hit(h, beat, 0.65, -0.2);
            } else {
                const double vel = s % 4 == 0 ? 0.45 : (s % 4 == 3 ? 0.6 : 0.35);
                hit(hat(rng, vary(rng, vel, 0.08), 0.03, 1.3), beat, 0.6, 0.4, 0.003);
            }
        }
        // Shaker-like top layer on the 16ths in the second half: the air band moves.
        if (bar % 2 == 1)
            for (int s = 0; s < 16; ++s)
                hit(hat(rng, vary(rng, s % 2 ? 0.35 : 0.2, 0.06), 0.018, 1.4), b0 + s * 0.25, 0.4, -0.5, 0.004);
        if (bar == 0 || bar == 8)
            hit(crash(rng, 0.8), b0, 0.45, 0.45);
        if (bar == 15)
            for (int s = 0; s < 4; ++s)
                hit(clap(rng, 0.4 + 0.12 * s), b0 + 3.0 + s * 0.25, 0.6, 0.0);
    }
}

void bass(LoopRender& loop, Rng& rng)
{
    for (int bar = 0; bar < 16; ++bar) {
        const Chord& c = *kCycle[bar % 4];
        for (int beat = 0; beat < 4; ++beat) {
            // Off-beat eighth, and on the last beat of every other bar a 16th pick-up.
            place(loop.bass, synthBass(rng, midiToHz(c.bassRoot), loop.seconds(0.4), vary(rng, 0.9, 0.04)),
                  loop.at(bar * 4 + beat + 0.5), 1.0, 0.0);
            if (beat == 3 && bar % 2 == 1)
                place(loop.bass, synthBass(rng, midiToHz(c.bassRoot + 12), loop.seconds(0.2), 0.7),
                      loop.at(bar * 4 + beat + 0.75), 0.8, 0.0);
        }
    }
}

void pad(LoopRender& loop, Rng& rng)
{
    const double loopSec = loop.loopSeconds();
    // Two filter sweeps per loop (one every 8 bars): 500 Hz closed, 4.5 kHz open.
    auto cutoff = [loopSec](double t) {
        const double x = 0.5 - 0.5 * std::cos(2 * kPi * 2.0 * t / loopSec);
        return 500.0 * std::pow(9.0, x);
    };
    const Adsr env{0.08, 1.5, 0.8, 0.25};
    for (int bar = 0; bar < 16; ++bar)
        for (int midi : kCycle[bar % 4]->pad)
            placeStereo(loop.harmony, superSaw(rng, midiToHz(midi), loop.seconds(3.9), 0.8, env, loop.at(bar * 4), cutoff),
                        loop.at(bar * 4), 0.5);
}

void arp(LoopRender& loop, Rng& rng)
{
    for (int bar = 0; bar < 16; ++bar) {
        const auto& p = kCycle[bar % 4]->pad;
        // Chord tones over two octaves; bars 5-8 and 13-16 go up and down instead of up.
        std::vector<int> tones = {p[0] + 12, p[1] + 12, p[2] + 12, p[3] + 12};
        std::vector<int> order = (bar / 4) % 2 == 0 ? std::vector<int>{0, 1, 2, 3, 2, 1, 3, 2}
                                                    : std::vector<int>{3, 2, 1, 0, 1, 2, 3, 1};
        for (int s = 0; s < 16; ++s) {
            const int idx = order[s % 8];
            int midi = tones[idx];
            if (s >= 8 && s % 4 == 0)
                midi += 12; // a lift on the second half-bar's beats
            const double vel = vary(rng, s % 4 == 0 ? 0.85 : 0.6, 0.07);
            place(loop.melody, pluckSynth(rng, midiToHz(midi), loop.seconds(0.2), vel), loop.at(bar * 4 + s * 0.25), 0.5,
                  0.0);
        }
    }
}

} // namespace

void renderElectronic(LoopRender& loop)
{
    std::vector<double> kicks;
    for (int pass = 0; pass < 2; ++pass) {
        loop.setPass(pass);
        Rng rng(0x454C4543); // "ELEC"
        drums(loop, rng, kicks);
        bass(loop, rng);
        pad(loop, rng);
        arp(loop, rng);
    }
    addReverb(loop.drums, 0.08, {0.6, 0.5, 8000, 0.002});
    compress(loop.drums, -9, 2.0, 12, 90, 2);
    saturate(loop.drums, 1.2);

    const std::vector<float> duck = duckingCurve(loop.bass.frames(), kicks, 10.0, 0.07);
    equalise(loop.bass, {{FilterType::HighPass, 30, 0, 0.7}});
    applyGainCurve(loop.bass, duck);

    equalise(loop.harmony, {{FilterType::HighPass, 180, 0, 0.7}, {FilterType::HighShelf, 8000, 3, 0.7}});
    addReverb(loop.harmony, 0.25, {2.2, 1.4, 7000, 0.02});
    applyGainCurve(loop.harmony, duckingCurve(loop.harmony.frames(), kicks, 6.0, 0.12));

    addDelay(loop.melody, loop.seconds(0.75), loop.seconds(0.75), 0.4, 0.35, 5000, true);
    addReverb(loop.melody, 0.2, {1.6, 1.0, 7000, 0.01});
    equalise(loop.melody, {{FilterType::HighPass, 250, 0, 0.7}});

    for (auto [track, db] : {std::pair{&loop.drums, 0.0}, {&loop.bass, -1.0}, {&loop.harmony, -6.0}, {&loop.melody, -6.0}})
        scale(*track, db);
}

} // namespace earlab::gen
