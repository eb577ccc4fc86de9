// prepareComparison() (exercises/comparison_items.h) on real files written here from the
// built-in loops: each item's offset, polarity, drift and gain against what the test made,
// the loudness match and the headroom rule re-measured on the audio it returns (BS.1770,
// loudness.h, measured anew), a 44.1 kHz item among 48 kHz ones, progress and cancelling,
// and the refusals. Run with  ctest -R test_comparison -V  to see the measured figures.

#include "audio/audio_error.h"
#include "audio/compare/null_difference.h"
#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"
#include "audio/io/resampler.h"
#include "exercises/comparison_items.h"
#include "music_excerpts.h"
#include "support/test_signals.h"

#include <QtTest>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>

using namespace earlab;
using earlab::test::cut;
using earlab::test::scale;

namespace {

constexpr double kRate = 48000.0;
constexpr std::int64_t kStart = 2 * 48000;   // item 1 starts 2 s into the loop
constexpr std::size_t kLength = 12 * 48000;  // 12 s excerpts

const AudioBuffer& loop() { return test::builtinLoopAudio("pop-rock"); }

double dbToFactor(double db) { return std::pow(10.0, db / 20.0); }

// The excerpt delayed by `lag` samples: its content `lag` samples later than item 1's.
AudioBuffer delayed(std::int64_t lag) { return cut(loop(), kStart - lag, kLength); }

class Files {
public:
    explicit Files(const char* tag) : dir_(test::scratchDirectory(tag)) {}
    std::string write(const std::string& name, const AudioBuffer& audio) const
    {
        const std::string path = dir_ + "/" + name;
        writeAudioFile(path, audio);
        return path;
    }
    std::string path(const std::string& name) const { return dir_ + "/" + name; }

private:
    std::string dir_;
};

void logItems(const Comparison& c)
{
    for (const ComparisonItem& i : c.items)
        qInfo("%s: %.3f LUFS, %.3f dBTP, gain %+.4f dB (match %+.4f), offset %+.5f, %s, drift %+.3f ppm%s, "
              "residual %+.5f dB, null %.2f dB",
              i.file.c_str(), i.loudnessLufs, i.truePeakDbtp, i.gainDb, i.matchGainDb, i.alignment.offsetSamples,
              i.alignment.polarityInverted ? "inverted" : "normal", i.alignment.driftPpm,
              i.driftCorrected ? " (corrected)" : "", i.residualDb, i.nullDepthDb);
}

// What plays, measured again here: every item as loud as item 1 within 0.1 dB (less its trim).
void expectMatched(const Comparison& c)
{
    const double reference = integratedLoudnessLufs(*c.items[0].audio);
    for (const ComparisonItem& item : c.items) {
        QCOMPARE(item.audio->frames(), c.commonEnd - c.commonBegin);
        QCOMPARE(item.audio->sampleRate, c.sampleRate);
        const double difference = integratedLoudnessLufs(*item.audio) - reference - (item.trimDb - c.items[0].trimDb);
        QVERIFY2(std::abs(difference) < 0.1, qPrintable(QString("%1: %2 dB").arg(item.file.c_str()).arg(difference)));
        QVERIFY(std::abs(item.residualDb - difference) < 1e-6);
    }
}

void expectRefusal(const std::function<void()>& f, const std::string& mustName, const QString& cause)
{
    try {
        f();
        QFAIL("no error");
    } catch (const AudioError& e) {
        qInfo("%s", e.what());
        QVERIFY2(QString::fromStdString(e.what()).contains(QString::fromStdString(mustName)), e.what());
        QVERIFY2(QString::fromStdString(e.what()).contains(cause), e.what());
    }
}

} // namespace

class TestComparison : public QObject {
    Q_OBJECT

private slots:
    // B: item 1 delayed 480 samples, 3.7 dB down and upside down.
    void offsetGainPolarity()
    {
        const Files files("comparison-offset");
        AudioBuffer b = delayed(480);
        scale(b, -dbToFactor(-3.7));
        const Comparison c = prepareComparison({files.write("a.wav", delayed(0)), files.write("b.flac", b)});
        logItems(c);
        const ComparisonItem& item = c.items[1];
        QVERIFY(std::abs(item.alignment.offsetSamples - 480.0) <= 0.05);
        QVERIFY(item.alignment.polarityInverted);
        QVERIFY(!c.items[0].alignment.polarityInverted);
        QVERIFY(std::abs(item.gainDb - 3.7) <= 0.05);
        QCOMPARE(c.items[0].gainDb, 0.0);
        QVERIFY(item.nullDepthDb <= -60.0);
        QVERIFY(std::isnan(c.items[0].nullDepthDb));
        // Loudness and true peak are the files' own, before any gain.
        const Loudness asWritten = measureLoudness(loadAudioFile(files.path("b.flac")).audio);
        QVERIFY(std::abs(item.loudnessLufs - asWritten.integratedLufs) < 1e-9);
        QVERIFY(std::abs(item.truePeakDbtp - asWritten.truePeakDbtp) < 1e-9);
        expectMatched(c);
        // The common region: B's first sample holds item 1's frame -480, so B ends 480 frames
        // before item 1 does (the fractional delay's last frame may fall outside too).
        qInfo("common region [%zu, %zu)", c.commonBegin, c.commonEnd);
        QCOMPARE(c.commonBegin, std::size_t(0));
        QVERIFY(c.commonEnd <= kLength - 480 && c.commonEnd >= kLength - 482);
    }

    // B: the loop 0.1 % slower (libsoxr, 1.001 x as many samples): +1000 ppm, corrected.
    void drift()
    {
        const Files files("comparison-drift");
        AudioBuffer slow = resample(loop(), kRate * 1.001);
        slow.sampleRate = kRate; // played at 48 kHz: the same music 0.1 % slower
        const AudioBuffer b = cut(slow, std::llround(double(kStart) * 1.001), std::size_t(double(kLength) * 1.001));
        const Comparison c = prepareComparison({files.write("a.wav", delayed(0)), files.write("b.wav", b)});
        logItems(c);
        QVERIFY(std::abs(c.items[1].alignment.driftPpm - 1000.0) <= 20.0);
        QVERIFY(c.items[1].driftCorrected);
        QVERIFY(std::abs(c.items[1].alignment.offsetSamples) < 0.5);
        expectMatched(c);
    }

    // B carries one click near full scale (its loudness all but unchanged); C is 6 dB down.
    // After matching, B's click would pass -1.1 dBTP: every item goes down by one gain.
    void headroomForAll()
    {
        const Files files("comparison-headroom");
        const AudioBuffer a = delayed(0);
        AudioBuffer b = a;
        b.channels[0][5 * 48000] = 0.97f;
        AudioBuffer c3 = a;
        scale(c3, 0.5);
        const std::string bPath = files.write("b.wav", b);
        const Comparison c = prepareComparison({files.write("a.wav", a), bPath, files.write("c.wav", c3)});
        logItems(c);
        qInfo("common headroom gain %.4f dB", c.headroomGainDb);
        const double clickPeak = measureLoudness(loadAudioFile(bPath).audio).truePeakDbtp;
        QVERIFY(clickPeak > -1.0);
        QVERIFY(c.headroomGainDb < -0.05);
        // All shifted by the same amount: each gain is its match plus the common gain.
        for (const ComparisonItem& item : c.items)
            QVERIFY(std::abs(item.gainDb - item.matchGainDb - c.headroomGainDb) < 1e-9);
        QVERIFY(std::abs(c.items[2].gainDb - c.items[0].gainDb - 20.0 * std::log10(2.0)) < 0.05);
        QVERIFY(std::abs(c.items[1].gainDb - c.items[0].gainDb) < 0.05);
        // The loudest, measured on what plays, sits at -1.1 dBTP.
        double loudest = -INFINITY;
        for (const ComparisonItem& item : c.items)
            loudest = std::max(loudest, measureLoudness(*item.audio).truePeakDbtp);
        qInfo("loudest true peak as played %.4f dBTP", loudest);
        QVERIFY(loudest <= -1.0);
        QVERIFY(loudest > -1.2);
        expectMatched(c);
    }

    // A trim counts on top of the match and before the ceiling.
    void trim()
    {
        const Files files("comparison-trim");
        ComparisonOptions options;
        options.trimDb = {0.0, -2.5};
        const Comparison c = prepareComparison({files.write("a.wav", delayed(0)), files.write("b.wav", delayed(100))}, options);
        logItems(c);
        QVERIFY(std::abs(c.items[1].gainDb - c.items[1].matchGainDb + 2.5 - c.headroomGainDb) < 1e-9);
        expectMatched(c);
        options.trimDb = {0.0};
        expectRefusal([&] { prepareComparison({files.path("a.wav"), files.path("b.wav")}, options); }, "", "one trim per file");
    }

    // retrimComparison: new trims on the prepared audio give what a fresh preparation with
    // those trims gives (gains, headroom, residual, samples), and the ceiling still holds.
    void retrim()
    {
        const Files files("comparison-retrim");
        const std::vector<std::string> paths{files.write("a.wav", delayed(0)), files.write("b.wav", delayed(100))};
        const Comparison plain = prepareComparison(paths);
        for (const std::vector<double>& trims : {std::vector<double>{0.0, -2.5}, std::vector<double>{-3.0, 12.0}}) {
            ComparisonOptions options;
            options.trimDb = trims;
            const Comparison fresh = prepareComparison(paths, options);
            const Comparison re = retrimComparison(plain, trims);
            logItems(re);
            qInfo("headroom fresh %.6f dB, retrimmed %.6f dB", fresh.headroomGainDb, re.headroomGainDb);
            QVERIFY(std::abs(re.headroomGainDb - fresh.headroomGainDb) < 1e-4);
            for (std::size_t i = 0; i < 2; ++i) {
                QCOMPARE(re.items[i].trimDb, trims[i]);
                QCOMPARE(re.items[i].matchGainDb, plain.items[i].matchGainDb);
                QVERIFY(std::abs(re.items[i].gainDb - fresh.items[i].gainDb) < 1e-4);
                QVERIFY(std::abs(re.items[i].residualDb - fresh.items[i].residualDb) < 1e-4);
                // The samples: the same to float rounding, far below any audible difference.
                QVERIFY(nullDepthDb(*fresh.items[i].audio, *re.items[i].audio) < -120.0);
            }
            QVERIFY(std::abs(re.items[1].nullDepthDb - fresh.items[1].nullDepthDb) < 0.01);
            expectMatched(re);
            double loudest = -INFINITY;
            for (const ComparisonItem& item : re.items)
                loudest = std::max(loudest, measureLoudness(*item.audio).truePeakDbtp);
            QVERIFY(loudest <= -1.0);
        }
        // +12 dB on B passes the ceiling: everything comes down together.
        QVERIFY(retrimComparison(plain, {-3.0, 12.0}).headroomGainDb < -1.0);
        // The original stays as it was.
        QCOMPARE(plain.items[1].trimDb, 0.0);
        expectRefusal([&] { retrimComparison(plain, {0.0}); }, "", "one trim per file");
        expectRefusal([&] { retrimComparison(plain, {0.0, 30.0}); }, paths[1], "between -60 and 24");
    }

    // A 44.1 kHz item among 48 kHz ones is resampled to 48 kHz and aligns.
    void otherSampleRate()
    {
        const Files files("comparison-rate");
        const AudioBuffer b = resample(delayed(240), 44100.0);
        const Comparison c = prepareComparison({files.write("a.wav", delayed(0)), files.write("b.flac", b)});
        logItems(c);
        QCOMPARE(c.items[1].fileSampleRate, 44100.0);
        QCOMPARE(c.sampleRate, kRate);
        QVERIFY(std::abs(c.items[1].alignment.offsetSamples - 240.0) <= 0.05);
        QVERIFY(std::abs(c.items[1].alignment.driftPpm) < 1.0);
        // Not -60 dB: the 44.1 kHz file holds nothing above 0.91 x its Nyquist (libsoxr's
        // passband, 20 kHz), where the loop has energy (measured -28 dB full band).
        QVERIFY(c.items[1].nullDepthDb < -20.0);
        expectMatched(c);
    }

    // Three items, one later, one earlier and inverted; and the same file twice (nulls to -inf).
    void threeItemsAndTheSameTwice()
    {
        const Files files("comparison-three");
        AudioBuffer early = delayed(-1000);
        scale(early, -0.5);
        const std::string a = files.write("a.wav", delayed(0));
        const Comparison c = prepareComparison({a, files.write("b.wav", delayed(480)), files.write("c.wav", early)});
        logItems(c);
        QVERIFY(std::abs(c.items[1].alignment.offsetSamples - 480.0) <= 0.05);
        QVERIFY(std::abs(c.items[2].alignment.offsetSamples + 1000.0) <= 0.05);
        QVERIFY(!c.items[1].alignment.polarityInverted);
        QVERIFY(c.items[2].alignment.polarityInverted);
        for (std::size_t i = 1; i < 3; ++i)
            QVERIFY(c.items[i].nullDepthDb <= -60.0);
        expectMatched(c);

        const Comparison same = prepareComparison({a, a});
        logItems(same);
        QVERIFY(std::abs(same.items[1].alignment.offsetSamples) < 1e-3);
        QVERIFY(same.items[1].nullDepthDb < -100.0); // -inf when the corrector leaves it bit exact
    }

    // Progress rises to 1 with a stage text; cancelling stops with ComparisonCancelled.
    void progressAndCancel()
    {
        const Files files("comparison-progress");
        const std::string a = files.write("a.wav", delayed(0)), b = files.write("b.wav", delayed(30));
        std::vector<double> fractions;
        std::vector<std::string> stages;
        ComparisonOptions options;
        options.progress = [&](double f, const std::string& stage) {
            fractions.push_back(f);
            stages.push_back(stage);
        };
        prepareComparison({a, b}, options);
        QVERIFY(fractions.size() >= 5);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
        QVERIFY(std::any_of(stages.begin(), stages.end(), [](const std::string& s) { return s.starts_with("aligning"); }));

        ComparisonOptions cancelling;
        std::size_t polls = 0;
        cancelling.cancelled = [&] { return ++polls > 2; };
        QVERIFY_THROWS_EXCEPTION(ComparisonCancelled, prepareComparison({a, b}, cancelling));
    }

    // A file saved again while it is read is refused: the log would name bytes that never played.
    void aFileChangedWhileReadIsRefused()
    {
        const Files files("comparison-changed");
        const std::string a = files.write("a.wav", delayed(0)), b = files.write("b.wav", delayed(30));
        ComparisonOptions options;
        bool saved = false;
        int calls = 0;
        options.progress = [&](double, const std::string& stage) {
            // The first "decoding b" comes before b is opened, the next from inside its read.
            if (!saved && stage == "decoding " + b && ++calls == 2) {
                saved = true;
                writeAudioFile(b, delayed(60));   // what a DAW's "save" does meanwhile
                std::filesystem::last_write_time(b, std::filesystem::last_write_time(b) + std::chrono::seconds(2));
            }
        };
        try {
            prepareComparison({a, b}, options);
            QFAIL("a file saved again during the preparation was accepted");
        } catch (const AudioError& e) {
            qInfo("%s", e.what());
            QVERIFY(saved);
            QVERIFY(std::string(e.what()).find(b) != std::string::npos);
            QVERIFY(std::string(e.what()).find("changed while EarLab read it") != std::string::npos);
        }
        QCOMPARE(prepareComparison({a, b}).items[1].alignment.offsetSamples > 59.0, true); // read again: fine
    }

    void refusals()
    {
        const Files files("comparison-refusals");
        const std::string a = files.write("a.wav", delayed(0));
        expectRefusal([&] { prepareComparison({a}); }, a, "2 to 8 files, 1 given");
        expectRefusal([&] { prepareComparison(std::vector<std::string>(9, a)); }, a, "2 to 8 files, 9 given");
        const std::string silent = files.write("silent.wav", AudioBuffer::silence(2, kLength, kRate));
        expectRefusal([&] { prepareComparison({a, silent}); }, silent, "silent");
        const std::string text = files.path("notes.wav");
        std::FILE* f = std::fopen(text.c_str(), "wb");
        std::fputs("these are notes, not audio\n", f);
        std::fclose(f);
        expectRefusal([&] { prepareComparison({a, text}); }, text, "");
        const std::string other = files.write("other.wav", cut(test::builtinLoopAudio("electronic"), kStart, kLength));
        expectRefusal([&] { prepareComparison({a, other}); }, other, "");
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "test_comparison.moc"
