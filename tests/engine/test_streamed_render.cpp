// The streamed renders of `earlab-cli render` (planRender, renderMasteredFile, and
// renderTreatmentFile after a loudness-matching pass) against the whole-buffer functions on
// short files: the same samples (float WAV is bit exact), the same gain, the same errors.

#include "audio/audio_error.h"
#include "audio/dsp/pink_noise.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "support/test_signals.h"

#include <QtTest>

#include <cmath>
#include <string>

using namespace earlab;

namespace {

Treatment boostAndSqueeze()
{
    Treatment t;
    t.eq.push_back({FilterType::Peak, 1000.0, 9.0, 1.0});
    t.compress = true;
    t.compressor.thresholdDb = -30.0;
    t.compressor.ratio = 4.0;
    t.widthPercent = 140.0; // in the second stage of renderTreatmentFile's split chain
    return t;
}

double maxAbsDifference(const AudioBuffer& a, const AudioBuffer& b)
{
    if (a.channelCount() != b.channelCount() || a.frames() != b.frames())
        return INFINITY;
    double d = 0.0;
    for (std::size_t c = 0; c < a.channelCount(); ++c)
        for (std::size_t i = 0; i < a.frames(); ++i)
            d = std::max(d, double(std::abs(a.channels[c][i] - b.channels[c][i])));
    return d;
}

bool bitIdentical(const AudioBuffer& a, const AudioBuffer& b)
{
    return a.channels == b.channels;
}

// The message of what `f` throws, or "" if it does not throw an AudioError.
template <typename F>
std::string errorOf(F f)
{
    try {
        f();
    } catch (const AudioError& e) {
        return e.what();
    }
    return "";
}

} // namespace

class TestStreamedRender : public QObject {
    Q_OBJECT

    std::string dir_;
    std::string path(const std::string& name) const { return dir_ + "/" + name; }

private slots:
    void initTestCase()
    {
        dir_ = test::scratchDirectory("streamed-render");
        QVERIFY(!dir_.empty());
        // Hot enough that the limiter works; an odd length (not a multiple of any block).
        AudioBuffer stereo = dsp::makePinkNoise(3.0, 48000.0, -8.0, 5, 2);
        stereo.channels[0].resize(144001);
        stereo.channels[1].resize(144001);
        writeAudioFile(path("stereo.wav"), stereo);
        writeAudioFile(path("mono.flac"), dsp::makePinkNoise(2.5, 44100.0, -12.0, 6, 1));
        writeAudioFile(path("silent.wav"), AudioBuffer::silence(2, 48000, 48000.0));
    }

    void masterSameSamples_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("match");
        QTest::newRow("stereo wav") << "stereo.wav" << false;
        QTest::newRow("mono flac") << "mono.flac" << false;
        QTest::newRow("stereo wav, loudness-matched") << "stereo.wav" << true;
    }

    void masterSameSamples()
    {
        QFETCH(QString, input);
        QFETCH(bool, match);
        const std::string in = path(input.toStdString()), out = path("mastered.wav");
        const Treatment t = boostAndSqueeze();
        const AudioBuffer source = loadAudioFile(in).audio;
        const Treatment wholeTreatment = match ? loudnessMatched(source, source, t) : t;
        const AudioBuffer whole = renderMastered(source, wholeTreatment);

        const RenderPlan plan = planRender(in, t, match);
        QCOMPARE(plan.frames, std::int64_t(source.frames()));
        QVERIFY2(std::abs(plan.treatment.gainDb - wholeTreatment.gainDb) < 1e-4,
                 qPrintable(QString("%1 vs %2 dB").arg(plan.treatment.gainDb).arg(wholeTreatment.gainDb)));
        const MasteredFile m = renderMasteredFile(in, out, plan);
        QCOMPARE(m.renders, 1);
        const AudioBuffer streamed = loadAudioFile(out).audio;
        if (!match)
            QVERIFY(bitIdentical(streamed, whole)); // the very same chain, block-size independent
        else // the gain agrees to float rounding, so do the samples
            QVERIFY2(maxAbsDifference(streamed, whole) < 1e-5, qPrintable(QString::number(maxAbsDifference(streamed, whole))));
    }

    void matchedTreatmentSameSamples()
    {
        const std::string in = path("stereo.wav"), out = path("matched.wav");
        const Treatment t = boostAndSqueeze();
        const AudioBuffer source = loadAudioFile(in).audio;
        const AudioBuffer whole = renderTreatment(source, loudnessMatched(source, source, t));
        renderTreatmentFile(in, out, planRender(in, t, true).treatment);
        const double d = maxAbsDifference(loadAudioFile(out).audio, whole);
        QVERIFY2(d < 1e-5, qPrintable(QString::number(d)));
    }

    void lossyCorrectedFromTheOriginalInput()
    {
        // Rendering onto the input: every corrective render must read the original, not the
        // previous render (which would be limited twice and quieter each time).
        const std::string in = path("onto.ogg");
        AudioBuffer hot = dsp::makePinkNoise(3.0, 48000.0, -6.0, 9, 2);
        writeAudioFile(in, hot);
        const std::string copy = path("copy.ogg");
        QVERIFY(QFile::copy(QString::fromStdString(in), QString::fromStdString(copy)));
        const MasteredFile m = renderMasteredFile(in, in, planRender(in, {}, false));
        QVERIFY2(m.renders > 1, "this input needed no correction: it tests nothing");
        QVERIFY2(m.truePeakDbtp <= -1.0, qPrintable(QString::number(m.truePeakDbtp)));
        // The same file rendered elsewhere: the same renders, ceiling and decoded peak (the
        // encoder is repeatable), so every render onto the input read the original.
        const MasteredFile apart = renderMasteredFile(copy, path("apart.ogg"), planRender(copy, {}, false));
        QCOMPARE(m.renders, apart.renders);
        QCOMPARE(m.ceilingDb, apart.ceilingDb);
        QCOMPARE(m.truePeakDbtp, apart.truePeakDbtp);
    }

    void sameErrors()
    {
        const Treatment t = boostAndSqueeze();
        // The input's own error, first.
        const std::string missing = path("absent.wav");
        const std::string loadError = errorOf([&] { loadAudioFile(missing); });
        QVERIFY(!loadError.empty());
        QCOMPARE(errorOf([&] { planRender(missing, t, true); }), loadError);
        // Nothing to match.
        const AudioBuffer silent = loadAudioFile(path("silent.wav")).audio;
        const std::string matchError = errorOf([&] { loudnessMatched(silent, silent, t); });
        QVERIFY(!matchError.empty());
        QCOMPARE(errorOf([&] { planRender(path("silent.wav"), t, true); }), matchError);
        // The output's format.
        const std::string bad = path("x.xyz");
        const std::string writeError = errorOf([&] { writeAudioFile(bad, silent); });
        QVERIFY(!writeError.empty());
        QCOMPARE(errorOf([&] { renderMasteredFile(path("stereo.wav"), bad, planRender(path("stereo.wav"), t, false)); }),
                 writeError);
    }
};

QTEST_APPLESS_MAIN(TestStreamedRender)
#include "test_streamed_render.moc"
