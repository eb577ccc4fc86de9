// Alignment on music (issue 8, section 4): synthetic offsets, a fractional delay, a polarity
// inversion, a gain and a speed change applied to the built-in pop-rock loop, each measured
// by measureAlignment() and corrected by alignToReference(); the corrected item nulls against
// the reference. The delays and speed changes are made here by methods independent of the
// corrector: whole excerpts cut at other sample positions, an FFT phase shift of the whole
// (seamless, hence periodic) loop, a libsoxr resampling. Run with  ctest -R test_alignment -V
// to see the measured errors and null depths.

#include "audio/audio_error.h"
#include "audio/compare/alignment.h"
#include "audio/compare/fft_plans.h"
#include "audio/compare/null_difference.h"
#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"
#include "audio/io/resampler.h"
#include "music_excerpts.h"

#include <QtTest>

#include <fftw3.h>

#include <cmath>
#include <future>
#include <complex>
#include <functional>
#include <numbers>
#include <random>
#include <set>

using namespace earlab;
using earlab::test::cut;
using earlab::test::scale;

namespace {

constexpr double kRate = 48000.0;
constexpr std::size_t kStart = 2 * 48000;     // the reference starts 2 s into the loop
constexpr std::size_t kLength = 12 * 48000;   // 12 s excerpts
constexpr double kMaxNullDb = -60.0;

const AudioBuffer& loop() { return test::builtinLoopAudio("pop-rock"); }

// Every channel through a DFT of its whole length, each bin k changed by `change(k, bin)`.
AudioBuffer spectrallyChanged(const AudioBuffer& src, const std::function<void(std::size_t, std::complex<double>&)>& change)
{
    const std::size_t n = src.frames();
    AudioBuffer out = src;
    std::vector<double> x(n);
    std::vector<std::complex<double>> X(n / 2 + 1);
    fftw_plan fwd = fftw_plan_dft_r2c_1d(int(n), x.data(), reinterpret_cast<fftw_complex*>(X.data()), FFTW_ESTIMATE);
    fftw_plan inv = fftw_plan_dft_c2r_1d(int(n), reinterpret_cast<fftw_complex*>(X.data()), x.data(), FFTW_ESTIMATE);
    for (auto& ch : out.channels) {
        std::copy(ch.begin(), ch.end(), x.begin());
        fftw_execute(fwd);
        for (std::size_t k = 0; k < X.size(); ++k)
            change(k, X[k]);
        fftw_execute(inv);
        for (std::size_t i = 0; i < n; ++i)
            ch[i] = float(x[i] / double(n));
    }
    fftw_destroy_plan(fwd);
    fftw_destroy_plan(inv);
    return out;
}

// The whole loop delayed by `delay` samples, as the periodic band-limited signal it is: every
// bin of its DFT turned by e^{-i w delay} (the Nyquist bin of a real signal stays real).
AudioBuffer phaseShifted(const AudioBuffer& src, double delay)
{
    const std::size_t n = src.frames();
    return spectrallyChanged(src, [&](std::size_t k, std::complex<double>& bin) {
        bin *= std::polar(1.0, -2.0 * std::numbers::pi * double(k) * delay / double(n));
        if (2 * k == n)
            bin = bin.real();
    });
}

// A brick-wall low-pass at `hz` (a measurement of the test, not part of the product).
AudioBuffer lowpassed(const AudioBuffer& src, double hz)
{
    const double binHz = src.sampleRate / double(src.frames());
    return spectrallyChanged(src, [&](std::size_t k, std::complex<double>& bin) {
        if (double(k) * binHz > hz)
            bin = 0;
    });
}

// The null below `hz` (both signals low-passed alike) over frames [begin, end), leaving out
// the 0.1 s at each end where the test's brick-wall filter rings on the cut edges.
double bandLimitedNullDb(const AudioBuffer& reference, const AudioBuffer& item, std::size_t begin, std::size_t end, double hz)
{
    const AudioBuffer r = lowpassed(nullDifference(reference, AudioBuffer::silence(reference.channelCount(), reference.frames(), reference.sampleRate), begin, end), hz);
    const AudioBuffer i = lowpassed(nullDifference(item, AudioBuffer::silence(item.channelCount(), item.frames(), item.sampleRate), begin, end), hz);
    const auto edge = std::size_t(0.1 * reference.sampleRate);
    const double db = nullDepthDb(r, i, edge, r.frames() - edge);
    qInfo("null below %.0f Hz: %.2f dB", hz, db);
    return db;
}

struct Outcome {
    Alignment alignment;
    AlignedItem aligned;
    double nullDb = 0;
    double gainDb = 0;
    AudioBuffer matched; // aligned and RMS-matched
};

// Measures, corrects, matches the RMS gain (what the caller's loudness matching stands for)
// and nulls against the reference over the region the item covers.
Outcome alignAndNull(const AudioBuffer& reference, const AudioBuffer& item)
{
    Outcome o;
    o.alignment = measureAlignment(reference, item, {}, "reference.wav", "item.wav");
    o.aligned = alignToReference(item, o.alignment, reference.frames());
    const auto& a = o.alignment;
    o.gainDb = rmsGainDb(reference, o.aligned.audio, a.commonBegin, a.commonEnd);
    o.matched = o.aligned.audio;
    applyGainDb(o.matched, o.gainDb);
    o.nullDb = nullDepthDb(reference, o.matched, a.commonBegin, a.commonEnd);
    qInfo("offset %.6f samples, drift %.4f ppm, polarity %s, correlation %.6f, common [%zu, %zu), rms gain %.5f dB, null %.2f dB",
          a.offsetSamples, a.driftPpm, a.polarityInverted ? "inverted" : "normal", a.correlation, a.commonBegin,
          a.commonEnd, o.gainDb, o.nullDb);
    return o;
}

// `b` with 2 s of digital silence and 1 s of -90 dBFS white noise (dither) added at each end,
// the noise drawn from `seed`: how real mixes start and end.
AudioBuffer paddedWithSilenceAndDither(const AudioBuffer& b, unsigned seed)
{
    const auto silence = std::size_t(2 * kRate), dither = std::size_t(kRate);
    const std::size_t pad = silence + dither;
    AudioBuffer out = AudioBuffer::silence(b.channelCount(), b.frames() + 2 * pad, b.sampleRate);
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, float(std::pow(10.0, -90.0 / 20.0)));
    for (std::size_t c = 0; c < b.channelCount(); ++c) {
        auto& ch = out.channels[c];
        for (std::size_t i = 0; i < dither; ++i) {
            ch[silence + i] = noise(rng);
            ch[pad + b.frames() + i] = noise(rng);
        }
        std::copy(b.channels[c].begin(), b.channels[c].end(), ch.begin() + std::ptrdiff_t(pad));
    }
    return out;
}

// The largest |offset| (samples) left between an aligned item and the reference, over the
// windows measureAlignment places: the time error of the alignment, worst place.
double worstWindowError(const AudioBuffer& reference, const AudioBuffer& aligned)
{
    AlignmentOptions o;
    o.windows = 9;
    o.windowSeconds = 1.0;
    const Alignment a = measureAlignment(reference, aligned, o);
    double worst = 0;
    for (const auto& w : a.windows)
        worst = std::max(worst, std::abs(w.offsetSamples));
    return worst;
}

void expectAudioError(const std::function<void()>& f, const QString& mustContain)
{
    try {
        f();
        QFAIL(qPrintable("no error; expected one mentioning " + mustContain));
    } catch (const AudioError& e) {
        qInfo("%s", e.what());
        QVERIFY2(QString::fromStdString(e.what()).contains(mustContain), e.what());
    }
}

} // namespace

class TestAlignment : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(loop().sampleRate, kRate);
        QVERIFY(loop().frames() > kStart + kLength + 48000);
    }

    void integerOffsets_data()
    {
        QTest::addColumn<int>("lag");
        for (int lag : {0, 1, 480, 12345, -480})
            QTest::newRow(qPrintable(QString::number(lag))) << lag;
    }

    // The item holds the reference's content `lag` samples later (cut that much earlier).
    void integerOffsets()
    {
        QFETCH(int, lag);
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        const AudioBuffer item = cut(loop(), std::int64_t(kStart) - lag, kLength);
        const Outcome o = alignAndNull(reference, item);
        QCOMPARE(std::llround(o.alignment.offsetSamples), (long long)lag);
        QVERIFY2(std::abs(o.alignment.offsetSamples - lag) < 0.01, qPrintable(QString::number(o.alignment.offsetSamples, 'f', 6)));
        QVERIFY(!o.alignment.polarityInverted);
        QVERIFY2(std::abs(o.alignment.driftPpm) < 1.0, qPrintable(QString::number(o.alignment.driftPpm)));
        QVERIFY(!o.aligned.driftCorrected);
        QVERIFY(o.alignment.windows.size() >= 3);
        QVERIFY2(o.nullDb <= kMaxNullDb, qPrintable(QString::number(o.nullDb)));
    }

    // A 0.37-sample delay made by an FFT phase shift of the whole loop.
    void fractionalDelay()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        const AudioBuffer item = cut(phaseShifted(loop(), 0.37), kStart, kLength);
        const Outcome o = alignAndNull(reference, item);
        QVERIFY2(std::abs(o.alignment.offsetSamples - 0.37) < 0.05, qPrintable(QString::number(o.alignment.offsetSamples, 'f', 6)));
        // The loop holds energy up to Nyquist (its synthesised waveforms), where no filter of
        // finite length delays by a fraction exactly: -56 dB full band, so nulled below
        // 23 kHz (0.96 x Nyquist), where the corrector is exact (docs/blind_tests.md).
        QVERIFY2(o.nullDb <= -50.0, qPrintable(QString::number(o.nullDb)));
        const auto& a = o.alignment;
        QVERIFY(bandLimitedNullDb(reference, o.matched, a.commonBegin, a.commonEnd, 23000.0) <= kMaxNullDb);
    }

    void polarityInversion()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        AudioBuffer item = cut(loop(), std::int64_t(kStart) - 480, kLength);
        scale(item, -1.0);
        const Outcome o = alignAndNull(reference, item);
        QVERIFY(o.alignment.polarityInverted);
        QCOMPARE(std::llround(o.alignment.offsetSamples), 480LL);
        QVERIFY2(o.nullDb <= kMaxNullDb, qPrintable(QString::number(o.nullDb)));
    }

    // -3.7 dB: the alignment does not see it; loudness matching and the RMS ratio recover it.
    void gain()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        AudioBuffer item = cut(loop(), std::int64_t(kStart) - 12345, kLength);
        scale(item, std::pow(10.0, -3.7 / 20.0));
        const Outcome o = alignAndNull(reference, item);
        QCOMPARE(std::llround(o.alignment.offsetSamples), 12345LL);
        QVERIFY2(std::abs(o.gainDb - 3.7) < 0.05, qPrintable(QString::number(o.gainDb, 'f', 5)));
        const double loudnessGain = loudnessMatchGainDb(reference, item);
        qInfo("loudness-matching gain %.5f dB", loudnessGain);
        QVERIFY2(std::abs(loudnessGain - 3.7) < 0.05, qPrintable(QString::number(loudnessGain, 'f', 5)));
        QVERIFY2(o.nullDb <= kMaxNullDb, qPrintable(QString::number(o.nullDb)));
    }

    // The loop resampled to 1.001 x as many samples (libsoxr): +1000 ppm.
    void speedChange()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        AudioBuffer slow = resample(loop(), kRate * 1.001);
        slow.sampleRate = kRate;
        const AudioBuffer item = cut(slow, std::llround(double(kStart) * 1.001), std::size_t(double(kLength) * 1.001));
        const Outcome o = alignAndNull(reference, item);
        QVERIFY2(std::abs(o.alignment.driftPpm - 1000.0) < 20.0, qPrintable(QString::number(o.alignment.driftPpm, 'f', 3)));
        QVERIFY(o.aligned.driftCorrected);
        QVERIFY2(std::abs(o.alignment.offsetSamples) < 0.05, qPrintable(QString::number(o.alignment.offsetSamples, 'f', 6)));
        // libsoxr (HQ, the test's speed change and the corrector alike) passes 0.91 x Nyquist:
        // the item has nothing above 21.9 kHz left to null with, so the null is taken below
        // 21 kHz.
        const auto& a = o.alignment;
        QVERIFY(bandLimitedNullDb(reference, o.matched, a.commonBegin, a.commonEnd, 21000.0) <= kMaxNullDb);
    }

    // Items of other lengths: the common region is used, whichever is longer.
    void differentLengths_data()
    {
        QTest::addColumn<int>("itemStart"); // in the loop, frames
        QTest::addColumn<int>("itemLength");
        QTest::addColumn<double>("offset");
        QTest::addColumn<int>("commonBegin");
        QTest::addColumn<int>("commonEnd");
        // 4 s from 1.5 s into the reference: its first sample is at reference time 1.5 s.
        QTest::newRow("shorter, inside") << int(kStart + 72000) << 4 * 48000 << -72000.0 << 72000 << 72000 + 4 * 48000;
        // 20 s starting 1 s before the reference: covers all of it.
        QTest::newRow("longer") << int(kStart - 48000) << 20 * 48000 << 48000.0 << 0 << int(kLength);
    }

    void differentLengths()
    {
        QFETCH(int, itemStart);
        QFETCH(int, itemLength);
        QFETCH(double, offset);
        QFETCH(int, commonBegin);
        QFETCH(int, commonEnd);
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        const AudioBuffer item = cut(loop(), itemStart, std::size_t(itemLength));
        const Outcome o = alignAndNull(reference, item);
        QVERIFY2(std::abs(o.alignment.offsetSamples - offset) < 0.01, qPrintable(QString::number(o.alignment.offsetSamples, 'f', 6)));
        QVERIFY(std::abs(double(o.alignment.commonBegin) - commonBegin) <= 1);
        QVERIFY(std::abs(double(o.alignment.commonEnd) - commonEnd) <= 1);
        QCOMPARE(o.aligned.audio.frames(), reference.frames());
        QVERIFY2(o.nullDb <= kMaxNullDb, qPrintable(QString::number(o.nullDb)));
    }

    // FFTW's planner is not thread-safe: two alignments at once (new transform sizes in both)
    // must give what one gives alone.
    void concurrentMeasurements()
    {
        const AudioBuffer reference = cut(loop(), kStart, 7 * 48000);
        const AudioBuffer a = cut(loop(), std::int64_t(kStart) - 777, 7 * 48000 + 1111);
        const AudioBuffer b = cut(loop(), std::int64_t(kStart) + 333, 7 * 48000 - 2222);
        auto fa = std::async(std::launch::async, [&] { return measureAlignment(reference, a).offsetSamples; });
        auto fb = std::async(std::launch::async, [&] { return measureAlignment(reference, b).offsetSamples; });
        const double oa = fa.get(), ob = fb.get();
        QCOMPARE(oa, measureAlignment(reference, a).offsetSamples);
        QCOMPARE(ob, measureAlignment(reference, b).offsetSamples);
        QCOMPARE(std::llround(oa), 777LL);
        QCOMPARE(std::llround(ob), -333LL);
    }

    // The difference to listen to, and its depth.
    void nullOfTheDifference()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        QCOMPARE(nullDepthDb(reference, reference), -std::numeric_limits<double>::infinity());
        AudioBuffer quieter = reference;
        scale(quieter, 0.9); // the difference is 0.1 x the reference: -20 dB
        const AudioBuffer d = nullDifference(reference, quieter);
        QCOMPARE(d.frames(), reference.frames());
        QVERIFY(std::abs(d.channels[1][1000] - 0.1f * reference.channels[1][1000]) < 1e-6f);
        QVERIFY(std::abs(nullDepthDb(reference, quieter) - -20.0) < 1e-4);
        QVERIFY(std::abs(rmsGainDb(reference, quieter) - -20.0 * std::log10(0.9)) < 1e-4);
        expectAudioError([&] { nullDepthDb(reference, AudioBuffer::silence(1, kLength, kRate)); }, "channel count");
    }

    // Speed change, offset and inversion at once: the offset is the item's start on the
    // reference's timeline (reference t holds item position 1.001 (t + 12345)).
    void speedChangeWithOffset()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        AudioBuffer slow = resample(loop(), kRate * 1.001);
        slow.sampleRate = kRate;
        // Cut at a whole sample of the slow loop: reference t = (u + start) / 1.001 - kStart.
        const auto start = std::llround(double(kStart - 12345) * 1.001);
        const double expected = (1.001 * double(kStart) - double(start)) / 1.001; // 12344.655...
        AudioBuffer item = cut(slow, start, std::size_t(double(kLength) * 1.001));
        scale(item, -1.0);
        const Outcome o = alignAndNull(reference, item);
        QVERIFY2(std::abs(o.alignment.driftPpm - 1000.0) < 20.0, qPrintable(QString::number(o.alignment.driftPpm, 'f', 3)));
        QVERIFY2(std::abs(o.alignment.offsetSamples - expected) < 0.05,
                 qPrintable(QString("%1 instead of %2").arg(o.alignment.offsetSamples, 0, 'f', 6).arg(expected, 0, 'f', 6)));
        QVERIFY(o.alignment.polarityInverted);
        QVERIFY(o.aligned.driftCorrected);
        const auto& a = o.alignment;
        QVERIFY(bandLimitedNullDb(reference, o.matched, a.commonBegin, a.commonEnd, 21000.0) <= kMaxNullDb);
    }

    // Real mixes start and end with silence, a fade or dither: windows must sit where the
    // reference has energy, with an offset and with a drift alike.
    void silenceAndDitherAtTheEnds()
    {
        const AudioBuffer reference = paddedWithSilenceAndDither(cut(loop(), kStart, kLength), 1);
        {
            const AudioBuffer item = paddedWithSilenceAndDither(cut(loop(), std::int64_t(kStart) - 480, kLength), 2);
            const Alignment a = measureAlignment(reference, item, {}, "reference.wav", "item.wav");
            QVERIFY2(std::abs(a.offsetSamples - 480) < 0.01, qPrintable(QString::number(a.offsetSamples, 'f', 6)));
            QVERIFY2(std::abs(a.driftPpm) < 1.0, qPrintable(QString::number(a.driftPpm)));
            QVERIFY(a.windows.size() >= 3);
        }
        {
            AudioBuffer slow = resample(loop(), kRate * 1.001);
            slow.sampleRate = kRate;
            const AudioBuffer item = paddedWithSilenceAndDither(cut(slow, 96096, std::size_t(double(kLength) * 1.001)), 3);
            // Reference t = pad + j holds loop kStart + j = item pad + 1.001 (kStart + j) - 96096.
            const double pad = 3 * kRate;
            const double expected = (-0.001 * pad + 1.001 * double(kStart) - 96096.0) / 1.001;
            const Alignment a = measureAlignment(reference, item, {}, "reference.wav", "slow.wav");
            qInfo("drift %.4f ppm, offset %.6f (expected %.6f)", a.driftPpm, a.offsetSamples, expected);
            QVERIFY2(std::abs(a.driftPpm - 1000.0) < 20.0, qPrintable(QString::number(a.driftPpm, 'f', 3)));
            QVERIFY2(std::abs(a.offsetSamples - expected) < 0.05, qPrintable(QString::number(a.offsetSamples, 'f', 6)));
        }
    }

    // The first, coarse search must allow for the drift accumulated up to where it looks: a
    // 60 s item at 3000 ppm is 90 ms off at its centre, beyond a 50 ms offset search. Noise,
    // not a loop: a loop's repeats would match the coarse window at a wrong lag by luck.
    // Low-passed (two one-pole stages near 300 Hz), as music's energy is: the drift smears
    // the 2 s coarse window by 6 samples, which white noise would not survive.
    void coarseSearchAllowsForDrift()
    {
        AudioBuffer reference = AudioBuffer::silence(2, 60 * 48000, kRate);
        std::mt19937 rng(4);
        std::normal_distribution<float> noise(0.0f, 1.0f);
        for (auto& ch : reference.channels) {
            float y1 = 0, y2 = 0;
            for (float& v : ch) {
                y1 += 0.04f * (noise(rng) - y1);
                y2 += 0.04f * (y1 - y2);
                v = y2;
            }
        }
        AudioBuffer slow = resample(reference, kRate * 1.003);
        slow.sampleRate = kRate;
        AlignmentOptions o;
        o.maxOffsetSeconds = 0.05;
        const Alignment a = measureAlignment(reference, slow, o, "reference.wav", "slow.wav");
        qInfo("drift %.4f ppm, offset %.6f", a.driftPpm, a.offsetSamples);
        QVERIFY2(std::abs(a.driftPpm - 3000.0) < 20.0, qPrintable(QString::number(a.driftPpm, 'f', 3)));
        QVERIFY2(std::abs(a.offsetSamples) < 0.05, qPrintable(QString::number(a.offsetSamples, 'f', 6)));
    }

    // A drift too small to correct (4 ppm) is shifted by the offset at the middle of the
    // common region: the worst time error is half of what a shift by the start's offset leaves.
    void smallDriftShiftedAtTheMiddle()
    {
        const AudioBuffer reference = cut(loop(), kStart, 60 * 48000);
        AudioBuffer slow = resample(reference, kRate * 1.000004);
        slow.sampleRate = kRate;
        const AudioBuffer& item = slow;
        const Alignment a = measureAlignment(reference, item);
        qInfo("drift %.4f ppm, offset %.6f", a.driftPpm, a.offsetSamples);
        QVERIFY2(std::abs(a.driftPpm - 4.0) < 0.5, qPrintable(QString::number(a.driftPpm, 'f', 4)));
        QVERIFY2(std::abs(a.offsetSamples) < 0.1, qPrintable(QString::number(a.offsetSamples, 'f', 4)));
        const AlignedItem middle = alignToReference(item, a, reference.frames());
        QVERIFY(!middle.driftCorrected);
        Alignment startAnchored = a;
        startAnchored.driftPpm = 0; // the same shift everywhere: the offset at the item's start
        const AlignedItem start = alignToReference(item, startAnchored, reference.frames());
        const double middleError = worstWindowError(reference, middle.audio);
        const double startError = worstWindowError(reference, start.audio);
        qInfo("worst window error: %.3f samples shifted at the middle, %.3f at the start", middleError, startError);
        QVERIFY2(startError > 8.0, qPrintable(QString::number(startError))); // 4 ppm x 60 s = 11.5 samples
        QVERIFY2(middleError <= 0.6 * startError, qPrintable(QString::number(middleError)));
    }

    // Plans are cached for the life of the process: the sizes asked for must come from a
    // small set (at most two per octave), whatever lengths are measured.
    void fftSizesAreBounded()
    {
        std::set<std::size_t> sizes;
        for (std::size_t n = 1 << 20; n < (1 << 21); n += 97) {
            const std::size_t m = goodFftSize(n);
            QVERIFY(m >= n && m % 2 == 0);
            sizes.insert(m);
        }
        QVERIFY2(sizes.size() <= 3, qPrintable(QString::number(sizes.size()))); // 2^20 .. 2^21 inclusive
        QCOMPARE(goodFftSize(1), std::size_t(2));
        QCOMPARE(goodFftSize(5), std::size_t(6));
    }

    void silentItem()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        const AudioBuffer item = AudioBuffer::silence(2, kLength, kRate);
        expectAudioError([&] { measureAlignment(reference, item, {}, "reference.wav", "silent.wav"); }, "silent.wav: is silent");
    }

    // The item silent where the reference has sound: said so, not "changes too much over time".
    void itemSilentWhereReferenceSounds()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        AudioBuffer item = reference;
        for (auto& ch : item.channels)
            std::fill(ch.begin() + std::ptrdiff_t(kLength / 2), ch.end(), 0.0f);
        expectAudioError([&] { measureAlignment(reference, item, {}, "reference.wav", "cut.wav"); }, "cut.wav: is silent near");
    }

    void noCommonRegion()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        // Too short to share a second with anything.
        const AudioBuffer shortItem = cut(loop(), kStart, 24000);
        expectAudioError([&] { measureAlignment(reference, shortItem, {}, "reference.wav", "short.wav"); },
                         "short.wav: no common region");
        // Overlapping for 0.5 s only: the item starts 11.5 s into the reference.
        const AudioBuffer late = cut(loop(), std::int64_t(kStart + kLength - 24000), kLength);
        expectAudioError([&] { measureAlignment(reference, late, {}, "reference.wav", "late.wav"); }, "late.wav: no common region");
        // Content 3 s later, beyond the +-2 s searched by default.
        const AudioBuffer far = cut(loop(), std::int64_t(kStart) - 3 * 48000, kLength);
        expectAudioError([&] { measureAlignment(reference, far, {}, "reference.wav", "far.wav"); }, "far.wav: no common region");
    }

    void otherSampleRateOrOptions()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        AudioBuffer other = reference;
        other.sampleRate = 44100.0;
        expectAudioError([&] { measureAlignment(reference, other, {}, "reference.wav", "44k.wav"); }, "44k.wav: its sample rate");
        AlignmentOptions two;
        two.windows = 2; // no drift from two points
        expectAudioError([&] { measureAlignment(reference, reference, two); }, "windows must be 3 to 50");
    }

    void differentMusic()
    {
        const AudioBuffer reference = cut(loop(), kStart, kLength);
        const AudioBuffer other = cut(test::builtinLoopAudio("electronic"), kStart, kLength);
        expectAudioError([&] { measureAlignment(reference, other, {}, "reference.wav", "other.wav"); }, "other.wav");
    }
};

QTEST_GUILESS_MAIN(TestAlignment)
#include "test_alignment.moc"
