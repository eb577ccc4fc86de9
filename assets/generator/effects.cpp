#include "assets/generator/effects.h"

#include "assets/generator/filters.h"
#include "audio/dsp/biquad.h"
#include "audio/dsp/compressor.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace earlab::gen {
namespace {

class DelayLine {
public:
    explicit DelayLine(std::size_t length) : buf_(std::max<std::size_t>(length, 1), 0.f) {}
    float read() const { return buf_[pos_]; }
    void write(float v)
    {
        buf_[pos_] = v;
        pos_ = (pos_ + 1) % buf_.size();
    }
    std::size_t length() const { return buf_.size(); }

private:
    std::vector<float> buf_;
    std::size_t pos_ = 0;
};

// Schroeder allpass: y = -g x + d; d' = x + g y.
class Allpass {
public:
    Allpass(std::size_t length, double g) : line_(length), g_(g) {}
    double process(double x)
    {
        const double d = line_.read();
        const double w = x + g_ * d;
        line_.write(float(w));
        return d - g_ * w;
    }

private:
    DelayLine line_;
    double g_;
};

} // namespace

void addReverb(Stereo& track, double send, const ReverbParams& p)
{
    constexpr int N = 8;
    constexpr std::array<int, N> base = {1031, 1327, 1523, 1871, 2053, 2311, 2671, 2903};
    std::vector<DelayLine> lines;
    std::array<double, N> gain{};
    std::array<OnePole, N> damp{};
    for (int k = 0; k < N; ++k) {
        lines.emplace_back(std::size_t(base[k] * p.size));
        gain[k] = std::pow(10.0, -3.0 * double(lines[k].length()) / (p.rt60 * kRate));
        damp[k].setCutoff(p.dampHz);
    }
    std::array<Allpass, 4> diffuse = {Allpass(142, 0.6), Allpass(379, 0.6), Allpass(107, 0.6), Allpass(277, 0.6)};
    DelayLine preL(toFrame(p.predelay) + 1), preR(toFrame(p.predelay) + 7);
    OnePole inLow;
    inLow.setCutoff(120); // keep the low end dry: a reverberant bass is mud
    OnePole inLowR;
    inLowR.setCutoff(120);

    for (std::size_t i = 0; i < track.frames(); ++i) {
        const double inL = preL.read(), inR = preR.read();
        preL.write(float(inLow.hp(track.l[i] * send)));
        preR.write(float(inLowR.hp(track.r[i] * send)));
        const double dl = diffuse[1].process(diffuse[0].process(inL));
        const double dr = diffuse[3].process(diffuse[2].process(inR));

        std::array<double, N> out{};
        double sum = 0;
        for (int k = 0; k < N; ++k) {
            out[k] = damp[k].lp(lines[k].read() * gain[k]);
            sum += out[k];
        }
        const double house = 2.0 / N * sum;
        double wl = 0, wr = 0;
        for (int k = 0; k < N; ++k) {
            const double in = (k % 2 == 0) ? dl : dr;
            lines[k].write(float(out[k] - house + in));
            const double sign = (k / 2) % 2 == 0 ? 1.0 : -1.0;
            if (k % 2 == 0)
                wl += sign * out[k];
            else
                wr += sign * out[k];
        }
        track.l[i] += float(wl * 0.35);
        track.r[i] += float(wr * 0.35);
    }
}

void addDelay(Stereo& track, double leftSeconds, double rightSeconds, double feedback, double mix,
              double lowPassHz, bool pingPong)
{
    DelayLine dl(toFrame(leftSeconds)), dr(toFrame(rightSeconds));
    OnePole lpL, lpR;
    lpL.setCutoff(lowPassHz);
    lpR.setCutoff(lowPassHz);
    for (std::size_t i = 0; i < track.frames(); ++i) {
        const double yl = dl.read(), yr = dr.read();
        const double inL = track.l[i], inR = track.r[i];
        const double fl = lpL.lp(pingPong ? yr : yl), fr = lpR.lp(pingPong ? yl : yr);
        if (pingPong) {
            dl.write(float(0.5 * (inL + inR) + feedback * fl)); // mono in on one side, then it bounces
            dr.write(float(feedback * fr));
        } else {
            dl.write(float(inL + feedback * fl));
            dr.write(float(inR + feedback * fr));
        }
        track.l[i] += float(mix * yl);
        track.r[i] += float(mix * yr);
    }
}

void equalise(Stereo& track, const std::vector<EqBand>& bands)
{
    for (const EqBand& band : bands) {
        dsp::Biquad biquad;
        biquad.setCoefficients(dsp::designBiquad(band, kRate));
        float* ch[2] = {track.l.data(), track.r.data()};
        biquad.process(ch, 2, int(track.frames()));
    }
}

void saturate(Stereo& track, double drive)
{
    // Unity gain for small signals; loud ones round off towards +-1/drive.
    for (std::size_t i = 0; i < track.frames(); ++i) {
        track.l[i] = float(std::tanh(drive * track.l[i]) / drive);
        track.r[i] = float(std::tanh(drive * track.r[i]) / drive);
    }
}

void compress(Stereo& track, double thresholdDb, double ratio, double attackMs, double releaseMs,
              double makeupDb)
{
    CompressorSettings s;
    s.thresholdDb = thresholdDb;
    s.ratio = ratio;
    s.kneeDb = 6.0;
    s.attackMs = attackMs;
    s.releaseMs = releaseMs;
    s.makeupDb = makeupDb;
    dsp::Compressor c;
    c.prepare(kRate, 4096);
    c.setParams(dsp::makeCompressorParams(s, true, kRate), 0);
    for (std::size_t i = 0; i < track.frames(); i += 4096) {
        const int n = int(std::min<std::size_t>(4096, track.frames() - i));
        float* ch[2] = {track.l.data() + i, track.r.data() + i};
        c.process(ch, 2, n);
    }
}

void scale(Stereo& track, double db)
{
    const float g = float(dbToGain(db));
    for (std::size_t i = 0; i < track.frames(); ++i) {
        track.l[i] *= g;
        track.r[i] *= g;
    }
}

void applyGainCurve(Stereo& track, const std::vector<float>& gain)
{
    for (std::size_t i = 0; i < track.frames() && i < gain.size(); ++i) {
        track.l[i] *= gain[i];
        track.r[i] *= gain[i];
    }
}

std::vector<float> duckingCurve(std::size_t frames, const std::vector<double>& triggers, double depthDb,
                                double recovery)
{
    std::vector<float> curve(frames, 1.f);
    const double floorGain = dbToGain(-depthDb);
    for (double t : triggers) {
        const std::size_t s = toFrame(t);
        const std::size_t attack = toFrame(0.004);
        for (std::size_t i = 0; s + i < frames && i < toFrame(recovery * 7.0); ++i) {
            double g;
            if (i < attack) // a short fall, not a step: a step would click
                g = 1.0 - (1.0 - floorGain) * double(i) / double(attack);
            else
                g = 1.0 - (1.0 - floorGain) * std::exp(-double(i - attack) / (recovery * kRate));
            curve[s + i] = std::min(curve[s + i], float(g));
        }
    }
    return curve;
}

void autoPan(Stereo& track, double cyclesPerLoop, double loopSeconds, double depth)
{
    const double hz = cyclesPerLoop / loopSeconds;
    for (std::size_t i = 0; i < track.frames(); ++i) {
        const double s = depth * std::sin(2 * kPi * hz * i / kRate);
        track.l[i] *= float(1.0 - s);
        track.r[i] *= float(1.0 + s);
    }
}

void tremolo(Stereo& track, double cyclesPerLoop, double loopSeconds, double depth)
{
    const double hz = cyclesPerLoop / loopSeconds;
    for (std::size_t i = 0; i < track.frames(); ++i) {
        const float g = float(1.0 - depth * 0.5 * (1.0 - std::cos(2 * kPi * hz * i / kRate)));
        track.l[i] *= g;
        track.r[i] *= g;
    }
}

} // namespace earlab::gen
