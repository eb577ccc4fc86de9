// Acoustic jazz: a 12-bar jazz blues in F, 100 BPM, swung eighths (the off-beat at 64 % of
// the beat), 12 bars (28.8 s).
// Changes: | F7 | Bb7 | F7 | Cm7 F7 | Bb7 | Bdim7 | F7 | D7 | Gm7 | C7 | F7 D7 | Gm7 C7 |,
// so the ii-V turnaround in bar 12 leads into F7 across the loop seam.
// Drums: ride in the "ding, ding-a" pattern, hi-hat foot on 2 and 4, brush sweeps and taps
// on the snare, a feathered bass drum. Bass: a walking line (roots on the downbeat, chord
// and scale tones, chromatic approach notes) on a plucked Karplus-Strong string with body.
// Harmony: FM electric piano comping with rootless voicings (A and B forms, chosen for the
// smallest movement from the previous voicing). Melody: a blues head on vibraphone.

#include "assets/generator/arrangement.h"
#include "assets/generator/effects.h"
#include "assets/generator/instruments.h"
#include "assets/generator/loop_render.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace earlab::gen {
namespace {

enum class Quality { Dom7, Min7, Dim7 };

struct Change {
    double beat;  // absolute beat where the chord starts
    double beats; // how long it lasts
    int root;     // pitch class, 0 = C
    Quality q;
};

std::vector<Change> changes()
{
    constexpr int F = 5, Bb = 10, C = 0, B = 11, D = 2, G = 7;
    using Q = Quality;
    const std::vector<std::vector<std::pair<int, Q>>> bars = {
        {{F, Q::Dom7}}, {{Bb, Q::Dom7}}, {{F, Q::Dom7}}, {{C, Q::Min7}, {F, Q::Dom7}},
        {{Bb, Q::Dom7}}, {{B, Q::Dim7}}, {{F, Q::Dom7}}, {{D, Q::Dom7}},
        {{G, Q::Min7}}, {{C, Q::Dom7}}, {{F, Q::Dom7}, {D, Q::Dom7}}, {{G, Q::Min7}, {C, Q::Dom7}},
    };
    std::vector<Change> out;
    for (std::size_t bar = 0; bar < bars.size(); ++bar) {
        const double len = 4.0 / double(bars[bar].size());
        for (std::size_t k = 0; k < bars[bar].size(); ++k)
            out.push_back({bar * 4.0 + k * len, len, bars[bar][k].first, bars[bar][k].second});
    }
    return out;
}

// Chord tones (semitones above the root) a walking bass may land on.
std::vector<int> chordTones(Quality q)
{
    switch (q) {
    case Quality::Dom7: return {0, 4, 7, 10};
    case Quality::Min7: return {0, 3, 7, 10};
    case Quality::Dim7: return {0, 3, 6, 9};
    }
    return {0};
}
// The scale the chord implies (mixolydian, dorian, whole-half diminished).
std::vector<int> scaleTones(Quality q)
{
    switch (q) {
    case Quality::Dom7: return {0, 2, 4, 5, 7, 9, 10};
    case Quality::Min7: return {0, 2, 3, 5, 7, 9, 10};
    case Quality::Dim7: return {0, 2, 3, 5, 6, 8, 9, 11};
    }
    return {0};
}

bool inSet(int midi, int root, const std::vector<int>& set)
{
    const int rel = ((midi - root) % 12 + 12) % 12;
    return std::find(set.begin(), set.end(), rel) != set.end();
}

int nearestOfClass(int pc, int near, int lo, int hi)
{
    int best = INT_MIN;
    for (int m = lo; m <= hi; ++m)
        if (m % 12 == pc && (best == INT_MIN || std::abs(m - near) < std::abs(best - near)))
            best = m;
    return best;
}

// Rootless voicings (Bill Evans / Wynton Kelly style left hand): A form 3-5(13)-7-9, B form
// 7-9-3-5(13). Chooses the form and octave with the least total voice movement.
std::vector<int> voicing(const Change& c, const std::vector<int>& previous)
{
    std::vector<std::vector<int>> forms;
    switch (c.q) {
    case Quality::Dom7: forms = {{4, 9, 10, 14}, {10, 14, 16, 21}}; break;
    case Quality::Min7: forms = {{3, 7, 10, 14}, {10, 14, 15, 19}}; break;
    case Quality::Dim7: forms = {{0, 3, 6, 9}, {3, 6, 9, 12}}; break;
    }
    std::vector<int> best;
    int bestCost = INT_MAX;
    for (const auto& form : forms)
        for (int octave = 2; octave <= 5; ++octave) {
            std::vector<int> notes;
            for (int iv : form)
                notes.push_back(c.root + 12 * octave + iv);
            if (notes.front() < 50 || notes.front() > 60) // D3..C4: the left hand's home
                continue;
            int cost = 0;
            for (std::size_t k = 0; k < notes.size() && k < previous.size(); ++k)
                cost += std::abs(notes[k] - previous[k]);
            if (previous.empty())
                cost = std::abs(notes.front() - 55);
            if (cost < bestCost) {
                bestCost = cost;
                best = notes;
            }
        }
    return best;
}

struct Tone { double beat, length; int midi; };
const std::vector<std::vector<Tone>> kHead = {
    {{0, 1, 72}, {1, .5, 69}, {1.5, .5, 72}, {2, .5, 74}, {2.5, 1.5, 72}},
    {{.5, .5, 74}, {1, .5, 72}, {1.5, 1.5, 68}, {3, 1, 65}},
    {{0, .5, 69}, {.5, .5, 72}, {1, 1, 75}, {2, .5, 74}, {2.5, .5, 72}, {3, 1, 69}},
    {{0, .5, 67}, {.5, .5, 70}, {1, 1, 74}, {2, 1, 75}, {3, .5, 72}, {3.5, .5, 69}},
    {{0, 1.5, 70}, {1.5, .5, 74}, {2, 1, 77}, {3, 1, 68}},
    {{0, 1, 71}, {1, .5, 74}, {1.5, .5, 77}, {2, 1, 80}, {3, 1, 77}},
    {{0, 1, 77}, {1, .5, 75}, {1.5, .5, 72}, {2, 1.5, 69}, {3.5, .5, 72}},
    {{0, .5, 72}, {.5, .5, 69}, {1, 1, 66}, {2, .5, 69}, {2.5, .5, 72}, {3, 1, 74}},
    {{0, 1.5, 77}, {1.5, .5, 74}, {2, .5, 70}, {2.5, .5, 67}, {3, .5, 69}, {3.5, .5, 70}},
    {{0, .5, 72}, {.5, .5, 76}, {1, 1, 79}, {2, .5, 76}, {2.5, .5, 74}, {3, 1, 70}},
    {{0, 1, 69}, {1, 1, 72}, {2, .5, 72}, {2.5, .5, 69}, {3, 1, 66}},
    {{0, .5, 67}, {.5, .5, 70}, {1, .5, 74}, {1.5, .5, 77}, {2, 1, 76}, {3, .5, 70}, {3.5, .5, 71}},
};

void drums(LoopRender& loop, Rng& rng)
{
    Stereo& out = loop.drums;
    const KickParams feather{95, 52, 0.02, 0.22, 0.05, 1.0};
    auto hit = [&](const Mono& v, double beat, double gain, double pan, double sd = 0.005) {
        place(out, v, loop.at(beat) + loop.jitter(rng, beat, sd), gain, pan);
    };
    for (int bar = 0; bar < loop.bars(); ++bar) {
        const double b0 = bar * 4.0;
        for (int beat = 0; beat < 4; ++beat) {
            hit(ride(rng, vary(rng, beat % 2 ? 0.8 : 0.62, 0.06)), b0 + beat, 0.42, 0.4);
            if (beat % 2 == 1) {
                hit(ride(rng, vary(rng, 0.45, 0.06)), b0 + beat + 0.5, 0.42, 0.4); // the skip note
                hit(hat(rng, vary(rng, 0.55, 0.05), 0.03, 0.6), b0 + beat, 0.5, -0.3); // foot chick
            }
            hit(kick(rng, vary(rng, 0.35, 0.05), feather), b0 + beat, 0.9, 0.0);
        }
        // Brushes: a sweep across each half bar, and taps that answer the soloist.
        for (int half = 0; half < 2; ++half)
            hit(brushSwish(rng, vary(rng, 0.55, 0.08), loop.seconds(1.9)), b0 + half * 2.0, 0.3, -0.15, 0.01);
        for (double off : {0.5, 1.5, 2.5, 3.5})
            if (rng.chance(0.3))
                hit(brushTap(rng, vary(rng, 0.45, 0.1)), b0 + off, 0.6, -0.1);
        if (rng.chance(0.2))
            hit(kick(rng, 0.7, feather), b0 + 3.5, 0.9, 0.0); // a "bomb"
        if (bar == loop.bars() - 1)
            for (double t : {2.5, 3.0, 3.5})
                hit(brushTap(rng, 0.7), b0 + t, 0.65, -0.1);
    }
}

void bass(LoopRender& loop, Rng& rng, const std::vector<Change>& ch)
{
    const int totalBeats = loop.beats();
    auto changeAt = [&](int beat) -> const Change& {
        const Change* found = &ch.front();
        for (const Change& c : ch)
            if (c.beat <= beat)
                found = &c;
        return *found;
    };
    int prev = 41; // F2
    for (int beat = 0; beat < totalBeats; ++beat) {
        const Change& c = changeAt(beat);
        const Change& next = changeAt((beat + 1) % totalBeats);
        const bool first = beat == int(c.beat);
        const bool last = &next != &c || beat + 1 == totalBeats;
        int note;
        if (first) {
            note = nearestOfClass(c.root, prev, 31, 48);
        } else {
            const int target = nearestOfClass(next.root, prev, 31, 48);
            if (last) {
                // Chromatic approach from the side the line is coming from (or a fifth above).
                if (rng.chance(0.2))
                    note = target + 7 <= 50 ? target + 7 : target - 5;
                else
                    note = target + (prev > target ? 1 : -1);
            } else {
                // A chord or scale tone a small step from the last note, heading to the target.
                std::vector<int> options;
                const int dir = target >= prev ? 1 : -1;
                for (int step = 1; step <= 5; ++step) {
                    const int m = prev + dir * step;
                    if (m >= 31 && m <= 50 && inSet(m, c.root, beat % 2 == 0 ? chordTones(c.q) : scaleTones(c.q)))
                        options.push_back(m);
                }
                note = options.empty() ? prev + dir * 2 : options[std::size_t(rng.below(int(std::min<std::size_t>(2, options.size()))))];
            }
        }
        const double vel = vary(rng, beat % 4 == 0 ? 0.9 : 0.78, 0.06);
        place(loop.bass, uprightBass(rng, midiToHz(note), loop.seconds(0.92), vel),
              loop.at(beat) - 0.006 + humanise(rng, 0.004), 1.0, -0.05);
        prev = note;
    }
}

void comp(LoopRender& loop, Rng& rng, const std::vector<Change>& ch)
{
    // Rhythms for a whole bar: (beat, length), swung via loop.at().
    const std::vector<std::vector<std::pair<double, double>>> oneChord = {
        {{0, 0.7}, {1.5, 1.2}},  // Charleston
        {{0, 1.6}, {2.5, 1.0}},
        {{0.5, 0.4}, {2, 1.5}},
        {{1.5, 0.4}, {3, 0.9}},
        {{0, 0.4}, {1.5, 0.4}, {3.5, 0.4}},
    };
    std::vector<int> prevVoicing;
    for (const Change& c : ch) {
        const std::vector<int> v = voicing(c, prevVoicing);
        prevVoicing = v;
        std::vector<std::pair<double, double>> hits;
        if (c.beats >= 4)
            hits = oneChord[std::size_t(rng.below(int(oneChord.size())))];
        else
            hits = {{rng.chance(0.6) ? 0.0 : 0.5, rng.chance(0.5) ? 1.5 : 0.4}};
        for (auto [at, len] : hits) {
            const double vel = vary(rng, 0.55, 0.12);
            const double start = loop.at(c.beat + at) + humanise(rng, 0.006);
            for (std::size_t k = 0; k < v.size(); ++k)
                place(loop.harmony, electricPiano(rng, midiToHz(v[k]), loop.seconds(len), vel * rng.range(0.85, 1.0)),
                      start + k * 0.004, 0.35, -0.25 + 0.1 * double(k));
        }
    }
}

void head(LoopRender& loop, Rng& rng)
{
    for (int bar = 0; bar < loop.bars(); ++bar)
        for (const Tone& t : kHead[std::size_t(bar)]) {
            const double vel = vary(rng, std::fmod(t.beat, 1.0) == 0 ? 0.8 : 0.65, 0.08);
            place(loop.melody, vibraphone(rng, midiToHz(t.midi), loop.seconds(t.length) * 0.95, vel),
                  loop.at(bar * 4 + t.beat) + humanise(rng, 0.007), 0.4, 0.3);
        }
}

} // namespace

void renderAcousticJazz(LoopRender& loop)
{
    const std::vector<Change> ch = changes();
    for (int pass = 0; pass < 2; ++pass) {
        loop.setPass(pass);
        Rng rng(0x4A415A5A); // "JAZZ"
        drums(loop, rng);
        bass(loop, rng, ch);
        comp(loop, rng, ch);
        head(loop, rng);
    }
    const double loopSec = loop.loopSeconds();
    const ReverbParams room{1.1, 0.9, 5500, 0.01};
    addReverb(loop.drums, 0.15, room);
    compress(loop.drums, -16, 2.0, 10, 150, 2);

    equalise(loop.bass, {{FilterType::HighPass, 35, 0, 0.7}, {FilterType::Peak, 90, 2, 0.9}});
    compress(loop.bass, -18, 3.0, 10, 120, 3);
    addReverb(loop.bass, 0.05, room);

    equalise(loop.harmony, {{FilterType::HighPass, 120, 0, 0.7}});
    autoPan(loop.harmony, std::round(loopSec * 1.2), loopSec, 0.35); // the suitcase's stereo vibrato
    addReverb(loop.harmony, 0.18, room);

    tremolo(loop.melody, std::round(loopSec * 5.0), loopSec, 0.3); // the vibraphone's motor
    addReverb(loop.melody, 0.22, room);

    for (auto [track, db] : {std::pair{&loop.drums, 0.0}, {&loop.bass, 1.0}, {&loop.harmony, 1.0}, {&loop.melody, 1.0}})
        scale(*track, db);
}

} // namespace earlab::gen
