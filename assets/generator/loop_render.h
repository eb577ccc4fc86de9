#pragma once
// The frame every style renders into: four stem tracks two loop-lengths long, a beat grid
// with swing, and the pass being rendered. A style composes its notes once per pass from
// the same seed (so both passes hold identical notes), then processes the whole tracks;
// the second pass is kept. Its start carries the first pass's tails (reverb, delay, the
// last chord ringing), so the file's end flows into its start with no seam.

#include "assets/builtin_material.h"
#include "assets/generator/arrangement.h"
#include "assets/generator/stereo.h"

#include <cmath>

namespace earlab::gen {

class LoopRender {
public:
    LoopRender(const BuiltinLoop& info, double swing)
        : info_(info),
          swing_(swing),
          loopFrames_(toFrame(info.seconds)),
          drums(2 * loopFrames_),
          bass(2 * loopFrames_),
          harmony(2 * loopFrames_),
          melody(2 * loopFrames_)
    {
    }

    const BuiltinLoop& info() const { return info_; }
    double beatSeconds() const { return 60.0 / info_.bpm; }
    double loopSeconds() const { return double(loopFrames_) / kRate; }
    std::size_t loopFrames() const { return loopFrames_; }
    int beats() const { return int(std::lround(info_.seconds / beatSeconds())); }
    int bars() const { return beats() / 4; }

    void setPass(int pass) { pass_ = pass; }
    int pass() const { return pass_; }

    // Absolute time (s) of a position in beats from the loop start, in the current pass.
    // Swing moves every off-beat eighth from half the beat to `swing` of it.
    double at(double beat) const
    {
        const double whole = std::floor(beat);
        const double frac = beat - whole;
        const double swung = frac < 0.5 ? frac / 0.5 * swing_ : swing_ + (frac - 0.5) / 0.5 * (1.0 - swing_);
        return (whole + swung) * beatSeconds() + pass_ * loopSeconds();
    }
    double seconds(double beats) const { return beats * beatSeconds(); }

    // A drummer's timing error for a hit at `beat` (see humanise()), except on the first
    // downbeat: the loop's edge falls exactly on that hit's first (silent) sample, not
    // inside its attack, so the wrap is a step from silence-onset like any other.
    double jitter(Rng& rng, double beat, double sd) const
    {
        const double e = humanise(rng, sd);
        return beat == 0.0 ? 0.0 : e;
    }

private:
    const BuiltinLoop& info_;
    double swing_;
    std::size_t loopFrames_;
    int pass_ = 0;

public:
    Stereo drums, bass, harmony, melody;
};

// The styles: each fills the four tracks (both passes) and applies its own processing.
void renderPopRock(LoopRender& loop);
void renderElectronic(LoopRender& loop);
void renderAcousticJazz(LoopRender& loop);

} // namespace earlab::gen
