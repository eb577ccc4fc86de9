#include "assets/generator/instruments.h"

#include "assets/generator/filters.h"
#include "assets/generator/oscillators.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace earlab::gen {
namespace {

Mono frames(double seconds) { return Mono(toFrame(seconds) + 1, 0.f); }
double attackRamp(double t, double seconds) { return t < seconds ? t / seconds : 1.0; }

} // namespace

Mono kick(Rng& performer, double vel, const KickParams& p)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = frames(p.decay * 5.0); // -43 dB, then faded below
    double phase = 0.0;
    OnePole clickHp;
    clickHp.setCutoff(2500);
    const double norm = std::tanh(p.drive);
    // Exponentials as per-sample factors: this runs for every hit.
    const double sweepFall = std::exp(-1.0 / (p.sweepTau * kRate)), ampFall = std::exp(-1.0 / (p.decay * kRate)),
                 clickFall = std::exp(-1.0 / (0.0025 * kRate));
    double sweep = 1.0, amp = 1.0, clickAmp = p.click;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double hz = p.endHz + (p.startHz - p.endHz) * sweep;
        const double body = std::sin(phase) * amp * attackRamp(t, 0.0008);
        phase += 2.0 * kPi * hz / kRate;
        const double click = clickHp.hp(rng.bipolar()) * clickAmp * attackRamp(t, 0.0004);
        sweep *= sweepFall;
        amp *= ampFall;
        clickAmp *= clickFall;
        const double fade = std::min(1.0, double(out.size() - i) / (0.2 * double(out.size())));
        out[i] = float(vel * fade * std::tanh(p.drive * (body + click)) / norm);
    }
    return out;
}

Mono snare(Rng& performer, double vel, double toneHz, double noiseDecay, double brightness)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = frames(noiseDecay * 7.0);
    Svf band;
    band.set(3200 * brightness, 0.6);
    OnePole hp, top;
    hp.setCutoff(900);
    top.setCutoff(9000); // the wires rattle up to ~10 kHz, then fall off
    double p1 = 0, p2 = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double drop = 1.0 + 0.25 * std::exp(-t / 0.01);
        const double tone = 0.55 * std::sin(p1) * std::exp(-t / 0.045) + 0.3 * std::sin(p2) * std::exp(-t / 0.03);
        p1 += 2.0 * kPi * toneHz * drop / kRate;
        p2 += 2.0 * kPi * toneHz * 1.78 * drop / kRate;
        band.tick(rng.bipolar());
        const double noise = hp.hp(band.band * 0.7 + top.lp(band.high) * 0.5) * std::exp(-t / noiseDecay);
        out[i] = float(vel * attackRamp(t, 0.0005) * (tone + 1.1 * noise));
    }
    return out;
}

Mono clap(Rng& performer, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = frames(0.45);
    Svf bp;
    bp.set(1400, 1.3);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        double env = 0.0;
        for (double burst : {0.0, 0.009, 0.019})
            if (t >= burst)
                env = std::max(env, std::exp(-(t - burst) / 0.0035));
        if (t >= 0.028)
            env = std::max(env, 0.8 * std::exp(-(t - 0.028) / 0.07));
        bp.tick(rng.bipolar());
        out[i] = float(vel * env * (bp.band * 1.6 + bp.high * 0.35));
    }
    return out;
}

namespace {

// TR-808 cymbal oscillator frequencies (Hz), the classic six square waves.
constexpr std::array<double, 6> k808 = {205.3, 304.4, 369.6, 522.7, 540.0, 800.0};

Mono metal(Rng& performer, double seconds, double scale, double decay, double noiseMix, double hpHz,
           double vel, double brightness)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = frames(seconds);
    std::array<Oscillator, 6> osc;
    for (Oscillator& o : osc)
        o.phase = rng.uniform();
    Svf hp1, hp2;
    hp1.set(hpHz, 0.7);
    hp2.set(hpHz * 1.3, 0.6);
    Svf air;
    air.set(std::min(10500.0 * brightness, 15000.0), 0.9);
    const double fall = std::exp(-1.0 / (decay * kRate)); // the exponential decay, per sample
    double level = 1.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        double m = 0;
        for (std::size_t k = 0; k < osc.size(); ++k) { // plain squares: aliases vanish in the noise
            m += osc[k].phase < 0.5 ? 1.0 : -1.0;
            osc[k].advance(k808[k] * scale / kRate);
        }
        const double x = (1.0 - noiseMix) * m / 6.0 + noiseMix * rng.bipolar();
        hp1.tick(x);
        hp2.tick(hp1.high);
        air.tick(hp2.high);
        const double fade = std::min(1.0, double(out.size() - i) / (0.1 * double(out.size())));
        const double env = level * attackRamp(t, 0.0006) * fade;
        level *= fall;
        out[i] = float(vel * env * (hp2.high + 0.6 * air.band));
    }
    return out;
}

} // namespace

Mono hat(Rng& performer, double vel, double decay, double brightness)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    return metal(rng, decay * 7.0, 1.62, decay, 0.45, 6500 * std::min(brightness, 1.4), vel * 1.4, brightness);
}

Mono ride(Rng& performer, double vel, double decay)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = metal(rng, decay * 3.5, 1.05, decay, 0.15, 3200, vel * 0.9, 1.2);
    // The bell: two inharmonic partials that die quickly, the "ping" of a ride.
    for (std::size_t i = 0; i < out.size() && i < toFrame(0.8); ++i) { // the bell is gone by then
        const double t = i / kRate;
        const double bell = 0.18 * std::sin(2 * kPi * 2950 * t) + 0.12 * std::sin(2 * kPi * 4310 * t);
        out[i] += float(vel * bell * std::exp(-t / 0.11));
    }
    return out;
}

Mono crash(Rng& performer, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    return metal(rng, 5.0, 1.3, 1.1, 0.6, 4000, vel * 1.1, 1.1);
}

Mono tom(Rng& performer, double vel, double hz)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = frames(1.6);
    double phase = 0;
    OnePole lp;
    lp.setCutoff(3000);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double f = hz * (1.0 + 0.5 * std::exp(-t / 0.04));
        phase += 2 * kPi * f / kRate;
        const double skin = lp.lp(rng.bipolar()) * std::exp(-t / 0.02) * 0.4;
        out[i] = float(vel * attackRamp(t, 0.001) * (std::sin(phase) * std::exp(-t / 0.22) + skin));
    }
    return out;
}

Mono brushSwish(Rng& performer, double vel, double length)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = frames(length + 0.1);
    Svf bp;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double x = std::min(t / length, 1.0);
        // A sweep across the head: swells and fades, brightening as the brush speeds up.
        const double env = std::sin(kPi * x) * std::sin(kPi * x) * (0.6 + 0.4 * x);
        if (i % 16 == 0)
            bp.set(2500 + 3500 * std::sin(kPi * x), 0.7);
        bp.tick(rng.bipolar());
        out[i] = float(vel * env * (bp.band + 0.3 * bp.high));
    }
    return out;
}

Mono brushTap(Rng& performer, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = frames(0.35);
    Svf bp;
    bp.set(4200, 0.6);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        bp.tick(rng.bipolar());
        const double head = 0.35 * std::sin(2 * kPi * 210 * t) * std::exp(-t / 0.03);
        out[i] = float(vel * attackRamp(t, 0.002) * (bp.band * std::exp(-t / 0.07) + head));
    }
    return out;
}

Mono pickedBass(Rng& performer, double hz, double gate, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    const Adsr env{0.003, 0.45, 0.55, 0.035};
    Mono out = frames(env.length(gate));
    Oscillator saw, pulse, sub;
    saw.phase = rng.uniform();
    pulse.phase = rng.uniform();
    Svf lp;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        if (i % 8 == 0)
            lp.set(220 + (900 + 1800 * vel) * std::exp(-t / 0.09), 1.1);
        lp.tick(0.6 * saw.saw(hz) + 0.4 * pulse.pulse(hz * 1.001, 0.3));
        const double pick = rng.bipolar() * std::exp(-t / 0.004) * 0.25;
        out[i] = float(vel * env(t, gate) * (0.55 * lp.low + 0.55 * sub.sine(hz) + pick));
    }
    return out;
}

Mono synthBass(Rng& performer, double hz, double gate, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    const Adsr env{0.002, 0.18, 0.7, 0.025};
    Mono out = frames(env.length(gate));
    Oscillator saw, sub;
    saw.phase = rng.uniform();
    Svf lp;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        if (i % 8 == 0)
            lp.set(160 + 1500 * vel * std::exp(-t / 0.07), 2.4);
        lp.tick(saw.saw(hz));
        const double x = 0.7 * sub.sine(hz) + 0.5 * lp.low;
        out[i] = float(vel * env(t, gate) * std::tanh(1.6 * x));
    }
    return out;
}

Mono pluckedString(Rng& performer, double hz, double gate, double vel, double brightness, double t60)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    const double release = 0.04;
    Mono y = frames(gate + 7 * release);
    const double period = kRate / hz;
    const double delay = period - 0.5; // the two-point average adds half a sample
    const double loss = std::pow(10.0, -3.0 / (t60 * hz));
    const std::size_t excite = std::size_t(period);
    // The pluck: the string's initial shape, a triangle peaking at the pick position (its
    // harmonics fall as 1/n^2, as a real plucked string's do), roughened by a little noise
    // whose brightness is the pick's hardness.
    Mono burst(excite, 0.f);
    OnePole tone;
    tone.setCutoff(600 + 9000 * brightness * brightness);
    const double pick = 0.18;
    double mean = 0;
    for (std::size_t i = 0; i < excite; ++i) {
        const double x = double(i) / double(excite);
        const double shape = x < pick ? x / pick : (1.0 - x) / (1.0 - pick);
        burst[i] = float(shape + 0.35 * brightness * tone.lp(rng.bipolar()));
        mean += burst[i];
    }
    mean /= double(excite);
    for (float& b : burst)
        b = float(b - mean);
    auto at = [&y](double pos) {
        const std::size_t i0 = std::size_t(pos);
        const double f = pos - double(i0);
        return y[i0] * (1.0 - f) + y[i0 + 1] * f;
    };
    for (std::size_t i = 0; i < y.size(); ++i) {
        double v = i < excite ? burst[i] * vel : 0.0;
        const double back = double(i) - delay - 1.0;
        if (back >= 0.0)
            v += loss * 0.5 * (at(back + 1.0) + at(back));
        y[i] = float(v);
    }
    // Damped by the fretting hand at note-off, then the DC the average left behind removed.
    OnePole dc;
    dc.setCutoff(20);
    for (std::size_t i = 0; i < y.size(); ++i) {
        const double t = i / kRate;
        const double damp = t < gate ? 1.0 : std::exp(-(t - gate) / release);
        y[i] = float(dc.hp(y[i]) * damp);
    }
    return y;
}

Mono uprightBass(Rng& performer, double hz, double gate, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    Mono out = pluckedString(rng, hz, gate, vel, 0.22, 1.6);
    // The body: a sine at the fundamental that blooms for a moment after the pluck.
    OnePole lp;
    lp.setCutoff(1400);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double damp = t < gate ? 1.0 : std::exp(-(t - gate) / 0.05);
        const double body = 0.5 * vel * std::sin(2 * kPi * hz * t) * std::exp(-t / 0.7) * attackRamp(t, 0.012);
        out[i] = float(lp.lp(out[i] * 1.6 + body * damp));
    }
    return out;
}

Stereo superSaw(Rng& performer, double hz, double gate, double vel, const Adsr& env, double start,
                const std::function<double(double)>& cutoffAt)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    constexpr std::array<double, 7> cents = {-17, -11, -5, 0, 5, 11, 17};
    constexpr std::array<double, 7> pans = {-0.9, 0.6, -0.3, 0.0, 0.3, -0.6, 0.9};
    const std::size_t n = toFrame(env.length(gate)) + 1;
    Stereo out(n);
    std::array<Oscillator, 7> osc;
    std::array<double, 7> gl{}, gr{}, f{};
    for (std::size_t k = 0; k < osc.size(); ++k) {
        osc[k].phase = rng.uniform();
        panGains(pans[k], gl[k], gr[k]);
        f[k] = hz * std::pow(2.0, cents[k] / 1200.0);
    }
    Svf fl, fr;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = i / kRate;
        if (i % 32 == 0) {
            const double c = cutoffAt(start + t);
            fl.set(c, 1.1);
            fr.set(c, 1.1);
        }
        double l = 0, r = 0;
        for (std::size_t k = 0; k < osc.size(); ++k) {
            const double s = osc[k].saw(f[k]);
            l += s * gl[k];
            r += s * gr[k];
        }
        fl.tick(l);
        fr.tick(r);
        const double a = vel * env(t, gate) / 4.0;
        out.l[i] = float(fl.low * a);
        out.r[i] = float(fr.low * a);
    }
    return out;
}

Mono electricPiano(Rng& performer, double hz, double gate, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    const double release = 0.09;
    Mono out = frames(gate + 7 * release);
    const double tau = 1.6 * std::sqrt(261.6 / hz); // low notes ring longer
    const double detune = 1.0 + 0.0015 * rng.bipolar();
    const bool tine = hz * 7.0 < 16000.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double index = (0.3 + 1.7 * vel) * std::exp(-t / 0.25) + 0.2;
        const double ph = 2 * kPi * hz * t;
        double v = std::sin(ph + index * std::sin(ph * detune));
        v += 0.25 * std::sin(2.0 * ph) * std::exp(-t / 0.4);
        if (tine)
            v += 0.35 * vel * std::sin(7.0 * ph) * std::exp(-t / 0.025);
        const double damp = t < gate ? 1.0 : std::exp(-(t - gate) / release);
        out[i] = float(0.5 * vel * v * std::exp(-t / tau) * attackRamp(t, 0.0015) * damp);
    }
    return out;
}

Mono leadSynth(Rng& performer, double hz, double gate, double vel, double fromHz)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    const Adsr env{0.012, 0.3, 0.75, 0.09};
    Mono out = frames(env.length(gate));
    Oscillator a, b, c;
    a.phase = rng.uniform();
    b.phase = rng.uniform();
    Svf lp;
    const double glide = 0.02; // s, portamento time constant from the previous note
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double vib = 1.0 + 0.006 * std::min(1.0, std::max(0.0, (t - 0.25) / 0.3)) * std::sin(2 * kPi * 5.3 * t);
        const double f = (hz + (fromHz - hz) * std::exp(-t / glide)) * vib;
        if (i % 8 == 0)
            lp.set(900 + 3500 * vel * std::exp(-t / 0.3) + 800, 1.4);
        lp.tick(0.5 * a.saw(f * 1.0035) + 0.5 * b.saw(f * 0.9965) + 0.3 * c.pulse(f * 0.5, 0.5));
        out[i] = float(vel * env(t, gate) * std::tanh(1.4 * lp.low));
    }
    return out;
}

Mono pluckSynth(Rng& performer, double hz, double gate, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    const Adsr env{0.002, 0.14, 0.12, 0.06};
    Mono out = frames(env.length(gate));
    Oscillator a, b;
    a.phase = rng.uniform();
    b.phase = rng.uniform();
    Svf lp;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        if (i % 8 == 0)
            lp.set(400 + 6500 * vel * std::exp(-t / 0.07), 2.0);
        lp.tick(0.6 * a.saw(hz) + 0.4 * b.pulse(hz * 1.003, 0.25));
        out[i] = float(vel * env(t, gate) * lp.low);
    }
    return out;
}

Mono vibraphone(Rng& performer, double hz, double gate, double vel)
{
    Rng rng(performer.next()); // its own noise: a voice never shifts the performance
    const double release = 0.12;
    Mono out = frames(gate + 7 * release);
    OnePole mallet;
    mallet.setCutoff(2500);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double t = i / kRate;
        const double ph = 2 * kPi * hz * t;
        // A tuned aluminium bar: partials near 1 : 4 : 10 (the bar's undercut tunes them).
        double v = std::sin(ph) * std::exp(-t / 2.2);
        v += 0.32 * vel * std::sin(3.98 * ph) * std::exp(-t / 0.45);
        if (hz * 9.9 < 18000)
            v += 0.12 * vel * std::sin(9.9 * ph) * std::exp(-t / 0.07);
        v += mallet.lp(rng.bipolar()) * std::exp(-t / 0.004) * 0.4 * vel;
        const double damp = t < gate ? 1.0 : std::exp(-(t - gate) / release);
        out[i] = float(0.6 * vel * v * attackRamp(t, 0.001) * damp);
    }
    return out;
}

} // namespace earlab::gen
