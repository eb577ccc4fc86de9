// Scanning one file: the right facts from good files (WAV, FLAC, MP3 made by sox), the level
// overview of a known signal, a clear ok = false for broken ones, progress and cancellation,
// and finding files in folders.

#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"
#include "exercises/eq_bands.h"
#include "exercises/library_scan.h"
#include "support/process_runner.h"
#include "support/scratch_files.h"
#include "support/test_signals.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace earlab;
using namespace earlab::test;

namespace {

// The loudness a stereo sine file should measure, from sox's own decoder: for a sine on
// both channels BS.1770 gives 20·log10(peak) = 20·log10(√2 · RMS) (K-weighting is 0 dB at
// 997 Hz by design). Lossy encoders change the level a little, so MP3 is judged by this.
double sineLoudnessBySox(const QString& path)
{
    const ProcessRun run = runProcess(soxExecutable(), {path, "-n", "stat"}, 60000);
    if (!run.started || !run.finished)
        return std::nan("");
    for (const QString& line : QString::fromLocal8Bit(run.err).split('\n')) {
        if (line.startsWith("RMS     amplitude:"))
            return 20.0 * std::log10(std::sqrt(2.0) * line.section(':', 1).trimmed().toDouble());
    }
    return std::nan("");
}

std::size_t loudestBand(const std::vector<double>& levels)
{
    return std::size_t(std::max_element(levels.begin(), levels.end()) - levels.begin());
}

} // namespace

class TestLibraryScan : public QObject {
    Q_OBJECT

private slots:
    void goodFiles_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<QString>("format");
        QTest::addColumn<double>("durationTolerance"); // s
        QTest::addColumn<double>("levelChange"); // dB the encoder may change the level by
        QTest::newRow("wav") << "wav" << "WAV" << 1e-9 << 0.01;
        QTest::newRow("flac") << "flac" << "FLAC" << 1e-9 << 0.01;
        QTest::newRow("mp3") << "mp3" << "MP3" << 0.06 << 0.6; // sox's LAME: about -0.45 dB
    }

    void goodFiles()
    {
        QFETCH(QString, extension);
        QFETCH(QString, format);
        QFETCH(double, durationTolerance);
        QFETCH(double, levelChange);
        // 997 Hz at -20 dBFS peak on both channels: BS.1770 gives exactly -20.0 LUFS.
        const QString path = scratch("scan-good") + "/sine." + extension;
        QCOMPARE(sox({"-n", "-r", "48000", "-c", "2", "-b", "24", path, "synth", "10", "sine", "997", "gain", "-20"}),
                 QString());

        std::vector<double> fractions;
        const ScanResult result = scanFile(path, [&](double f) { fractions.push_back(f); });
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.path, path);
        QCOMPARE(result.format, format);
        QCOMPARE(result.channels, 2);
        QCOMPARE(result.sampleRate, 48000);
        QVERIFY2(std::abs(result.durationSeconds - 10.0) <= durationTolerance,
                 qPrintable(QString::number(result.durationSeconds, 'f', 6)));
        const double expected = sineLoudnessBySox(path);
        QVERIFY2(std::abs(expected - -20.0) <= levelChange, qPrintable(QString::number(expected, 'f', 3)));
        QVERIFY2(std::abs(result.loudnessLufs - expected) <= 0.05,
                 qPrintable(QStringLiteral("%1 LUFS, sox says %2").arg(result.loudnessLufs, 0, 'f', 3).arg(expected, 0, 'f', 3)));
        if (extension != "mp3")
            QVERIFY2(std::abs(result.loudnessLufs - -20.0) <= 0.05, qPrintable(QString::number(result.loudnessLufs, 'f', 3)));
        QVERIFY2(std::abs(result.truePeakDbtp - expected) <= 0.3, qPrintable(QString::number(result.truePeakDbtp)));

        QCOMPARE(result.octaveLevelsDb.size(), octaveCentresHz().size());
        const std::size_t loudest = loudestBand(result.octaveLevelsDb);
        QCOMPARE(octaveCentresHz()[loudest], 1000.0);
        // The sine's RMS is -23 dBFS; the 1 kHz band passes it at about -0.1 dB (997 Hz).
        QVERIFY2(std::abs(result.octaveLevelsDb[loudest] - -23.0) < 0.5, qPrintable(QString::number(result.octaveLevelsDb[loudest])));
        QVERIFY(result.octaveLevelsDb.front() < result.octaveLevelsDb[loudest] - 40.0);

        // Shorter than 15 s: the region is the whole file.
        QCOMPARE(result.region.startSeconds, 0.0);
        QCOMPARE(result.region.lengthSeconds, result.durationSeconds);

        QVERIFY(!fractions.empty());
        QCOMPARE(fractions.front(), 0.0);
        QCOMPARE(fractions.back(), 1.0);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QVERIFY(fractions.size() >= 3);
    }

    void monoFileAndRegion()
    {
        // A mono 30 s file, quiet then loud: channels as stored, loudness as played
        // (dual mono), region in the loud part.
        const QString dir = scratch("scan-mono");
        const QString quiet = dir + "/q.wav", loud = dir + "/l.wav", path = dir + "/mono.flac";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "1", quiet, "synth", "10", "pinknoise", "gain", "-50"}), QString());
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "1", loud, "synth", "20", "pinknoise", "gain", "-15"}), QString());
        QCOMPARE(sox({quiet, loud, path}), QString());
        const ScanResult result = scanFile(path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.channels, 1);
        QCOMPARE(result.sampleRate, 44100);
        QVERIFY(std::abs(result.durationSeconds - 30.0) < 1e-6);
        QVERIFY(result.region.startSeconds >= 9.98 && result.region.startSeconds <= 15.02);
        QVERIFY(std::abs(result.region.lengthSeconds - 15.0) < 1e-3);
        // Pink noise at -28 dB RMS, counted twice (dual mono) and K-weighted: about -25 LUFS.
        QVERIFY2(result.loudnessLufs > -30.0 && result.loudnessLufs < -20.0, qPrintable(QString::number(result.loudnessLufs)));
    }

    void overviewOfSilenceThenASine()
    {
        // 10 s of silence, then 10 s of a 1 kHz sine at 0.5 on the left channel only: 400
        // bins of 50 ms. The peak is the larger channel's; the RMS pools both channels, so
        // a sine of RMS 0.5/√2 on one of two channels gives √(0.125 / 2) = 0.25.
        const QString dir = scratch("scan-overview");
        const QString silence = dir + "/silence.wav", sine = dir + "/sine.wav", path = dir + "/half.wav";
        QCOMPARE(sox({"-D", "-n", "-r", "48000", "-c", "2", "-b", "24", silence, "trim", "0", "10"}), QString());
        QCOMPARE(sox({"-D", "-n", "-r", "48000", "-c", "2", "-b", "24", sine, "synth", "10", "sine", "1000", "vol", "0.5",
                      "remix", "1", "0"}),
                 QString());
        QCOMPARE(sox({"-D", silence, sine, path}), QString());
        const ScanResult result = scanFile(path);
        QVERIFY2(result.ok, qPrintable(result.error));
        const LevelOverview& overview = result.overview;
        QCOMPARE(overview.bins(), kOverviewBins);
        QCOMPARE(overview.rms.size(), qsizetype(kOverviewBins));
        for (int bin = 0; bin < 200; ++bin) {
            QCOMPARE(overview.peakAt(bin), 0.0);
            QCOMPARE(overview.rmsAt(bin), 0.0);
        }
        for (int bin = 200; bin < kOverviewBins; ++bin) {
            QVERIFY2(std::abs(overview.peakAt(bin) - 0.5) < 0.005, qPrintable(QString("bin %1: peak %2").arg(bin).arg(overview.peakAt(bin))));
            QVERIFY2(std::abs(overview.rmsAt(bin) - 0.25) < 0.005, qPrintable(QString("bin %1: RMS %2").arg(bin).arg(overview.rmsAt(bin))));
        }

        // A mono file plays as dual mono: the RMS is the channel's own.
        const QString mono = dir + "/mono.flac";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "1", "-b", "24", mono, "synth", "6", "sine", "1000", "vol", "0.5"}), QString());
        const ScanResult dual = scanFile(mono);
        QVERIFY2(dual.ok, qPrintable(dual.error));
        QCOMPARE(dual.overview.bins(), kOverviewBins);
        for (int bin : {0, 199, 399}) {
            QVERIFY(std::abs(dual.overview.peakAt(bin) - 0.5) < 0.005);
            QVERIFY(std::abs(dual.overview.rmsAt(bin) - 0.5 / std::sqrt(2.0)) < 0.005);
        }
    }

    void overviewEncoding()
    {
        // One byte per value, round(255·√a): exact at 0 and full scale, ±0.002 around 0.5,
        // ±0.4 dB at -40 dBFS; out-of-range values land at the ends.
        QCOMPARE(LevelOverview::encode(0.0), std::uint8_t(0));
        QCOMPARE(LevelOverview::encode(1.0), std::uint8_t(255));
        QCOMPARE(LevelOverview::encode(2.0), std::uint8_t(255));
        QCOMPARE(LevelOverview::encode(-1.0), std::uint8_t(0));
        QCOMPARE(LevelOverview::encode(std::nan("")), std::uint8_t(0));
        QCOMPARE(LevelOverview::decode(255), 1.0);
        QVERIFY(std::abs(LevelOverview::decode(LevelOverview::encode(0.5)) - 0.5) < 0.002);
        const double quiet = LevelOverview::decode(LevelOverview::encode(0.01));
        QVERIFY2(std::abs(20.0 * std::log10(quiet / 0.01)) < 0.4, qPrintable(QString::number(quiet)));

        // The stored form: peaks then RMS values; anything else is no overview.
        AudioBuffer audio = AudioBuffer::silence(2, 1000, 1000.0);
        audio.channels[0][10] = 1.0f;
        const LevelOverview overview = levelOverview(audio, 10);
        QCOMPARE(overview.bins(), 10);
        QCOMPARE(overview.peakAt(0), 1.0);
        QCOMPARE(overview.peakAt(1), 0.0);
        QVERIFY(std::abs(overview.rmsAt(0) - std::sqrt(1.0 / 200.0)) < 0.003);
        QCOMPARE(overview.toBytes().size(), 20);
        QCOMPARE(LevelOverview::fromBytes(overview.toBytes()), overview);
        QVERIFY(LevelOverview::fromBytes(QByteArray("abc")).isEmpty());
        QVERIFY(LevelOverview::fromBytes(QByteArray()).isEmpty());
        QVERIFY(levelOverview(AudioBuffer{}).isEmpty());
        // Fewer frames than bins: the empty bins are silence.
        const LevelOverview tiny = levelOverview(AudioBuffer::silence(2, 3, 1000.0), 10);
        QCOMPARE(tiny.bins(), 10);
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("text named .wav") << "text";
        QTest::newRow("truncated flac") << "truncated";
        QTest::newRow("missing file") << "missing";
        QTest::newRow("directory") << "directory";
        QTest::newRow("empty mp3") << "empty";
    }

    void brokenFiles()
    {
        QFETCH(QString, kind);
        const QString dir = scratch("scan-broken");
        QString path;
        if (kind == "text") {
            path = dir + "/notes.wav";
            QVERIFY(writeBytes(path, "These are my mixing notes, not audio.\n"));
        } else if (kind == "truncated") {
            const QString whole = dir + "/whole.flac";
            path = dir + "/cut.flac";
            QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", whole, "synth", "20", "pinknoise", "gain", "-20"}), QString());
            const QByteArray bytes = readBytes(whole);
            QVERIFY(bytes.size() > 100000);
            QVERIFY(writeBytes(path, bytes.left(bytes.size() / 2)));
        } else if (kind == "missing") {
            path = dir + "/gone.flac";
        } else if (kind == "directory") {
            path = dir + "/album.wav";
            QVERIFY(QDir().mkpath(path));
        } else if (kind == "empty") {
            path = dir + "/empty.mp3";
            QVERIFY(writeBytes(path, QByteArray()));
        }

        std::vector<double> fractions;
        const ScanResult result = scanFile(path, [&](double f) { fractions.push_back(f); });
        QVERIFY(!result.ok);
        QCOMPARE(result.path, path);
        QVERIFY2(result.error.contains(path), qPrintable(result.error));
        QVERIFY2(result.error.size() > path.size() + 5, qPrintable(result.error)); // a cause follows
        QCOMPARE(result.durationSeconds, 0.0);
        QVERIFY(result.octaveLevelsDb.empty());
        QCOMPARE(result.region, TimeRegion{});
        QVERIFY(result.overview.isEmpty());
        QVERIFY(!fractions.empty());
        QCOMPARE(fractions.back(), 1.0);
        qInfo().noquote() << kind << "->" << result.error;
    }

    void unusableFilesAreFlagged_data()
    {
        QTest::addColumn<QStringList>("soxArgs"); // after the output path
        QTest::addColumn<QString>("cause");
        QTest::newRow("digital silence") << QStringList{"trim", "0", "20"} << "digital silence: nothing to train on";
        QTest::newRow("2 s of music") << QStringList{"synth", "2", "pinknoise", "gain", "-20"}
                                      << "shorter than one loop (2.0 s; a loop needs 5 s)";
        QTest::newRow("4.96 s of music") << QStringList{"synth", "4.96", "pinknoise", "gain", "-20"}
                                         << "shorter than one loop (4.9 s; a loop needs 5 s)";
    }

    void unusableFilesAreFlagged()
    {
        // Both decode fine; neither can give a question, so the scan says so (ok = false,
        // which keeps them out of the material questions are asked on).
        QFETCH(QStringList, soxArgs);
        QFETCH(QString, cause);
        const QString path = scratch("scan-unusable") + "/file.wav";
        QCOMPARE(sox(QStringList{"-n", "-r", "44100", "-c", "2", "-b", "16", path} + soxArgs), QString());
        std::vector<double> fractions;
        const ScanResult result = scanFile(path, [&](double f) { fractions.push_back(f); });
        QVERIFY(!result.ok);
        QCOMPARE(result.error, path + ": " + cause);
        QVERIFY(result.overview.isEmpty());
        QCOMPARE(fractions.back(), 1.0);

        // Just above both limits: usable.
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "16", path, "synth", "5.01", "sine", "1000", "gain", "-80"}),
                 QString());
        const ScanResult usable = scanFile(path);
        QVERIFY2(usable.ok, qPrintable(usable.error));
    }

    void damagedMp3ScansWithItsWarning()
    {
        const QString dir = scratch("scan-damaged");
        const QString whole = dir + "/whole.mp3", damaged = dir + "/damaged.mp3";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", whole, "synth", "20", "pinknoise", "gain", "-20"}), QString());
        const ScanResult clean = scanFile(whole);
        QVERIFY2(clean.ok, qPrintable(clean.error));
        QVERIFY(clean.warnings.isEmpty());
        // Every 200th byte flipped after the first 1 KB (the information frame).
        QByteArray bytes = readBytes(whole);
        for (qsizetype i = 1024; i < bytes.size(); i += 200)
            bytes[i] = char(~bytes[i]);
        QVERIFY(writeBytes(damaged, bytes));
        const ScanResult result = scanFile(damaged);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY2(result.warnings.front().startsWith(damaged + ": "), qPrintable(result.warnings.front()));
        QVERIFY2(result.warnings.front().contains("damaged MPEG frames were skipped"), qPrintable(result.warnings.front()));
    }

    void emptyPathIsABrokenFileToo()
    {
        const ScanResult result = scanFile(QString());
        QVERIFY(!result.ok);
        QVERIFY(!result.error.isEmpty());
    }

    void cancelBeforeAndDuring()
    {
        const QString path = scratch("scan-cancel") + "/long.flac";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", path, "synth", "120", "pinknoise", "gain", "-20"}), QString());

        std::atomic<bool> cancel{true};
        ScanResult result = scanFile(path, {}, &cancel);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains("cancelled") && result.error.contains(path), qPrintable(result.error));

        // Cancelled part way through decoding: stops there.
        cancel = false;
        double last = 0.0;
        QElapsedTimer timer;
        timer.start();
        result = scanFile(path, [&](double f) {
            last = f;
            if (f > 0.05)
                cancel = true;
        }, &cancel);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains("cancelled"), qPrintable(result.error));
        QCOMPARE(last, 1.0); // progress still ends
        qInfo() << "cancelled a 120 s scan after" << timer.elapsed() << "ms";

        // Not cancelled: fine.
        cancel = false;
        result = scanFile(path, {}, &cancel);
        QVERIFY2(result.ok, qPrintable(result.error));
    }

    void scanTimePerMinuteOfAudio()
    {
        // A figure for the log, not a pass/fail limit (speed goals live in tests/bench).
        const QString path = scratch("scan-time") + "/three-minutes.flac";
        QCOMPARE(sox({"-n", "-r", "44100", "-c", "2", "-b", "16", path, "synth", "180", "pinknoise", "gain", "-18",
                      "tremolo", "2", "60"}),
                 QString());
        QElapsedTimer timer;
        timer.start();
        const ScanResult result = scanFile(path);
        const double seconds = double(timer.nsecsElapsed()) * 1e-9;
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(std::abs(result.durationSeconds - 180.0) < 1e-6);
        qInfo().noquote() << QStringLiteral("scan time: %1 s for %2 min of 44.1 kHz stereo FLAC = %3 s per minute of audio")
                                 .arg(seconds, 0, 'f', 3)
                                 .arg(result.durationSeconds / 60.0, 0, 'f', 1)
                                 .arg(seconds / (result.durationSeconds / 60.0), 0, 'f', 3);

        // Where the time goes, stage by stage (the same calls scanFile makes).
        timer.restart();
        const LoadedAudio loaded = loadAudioFile(path.toStdString());
        const double decode = double(timer.nsecsElapsed()) * 1e-9;
        timer.restart();
        const Loudness loudness = measureLoudness(loaded.audio);
        const double loudnessSeconds = double(timer.nsecsElapsed()) * 1e-9;
        timer.restart();
        const DensityAnalysis density = analyseDensity(loaded.audio);
        const double analysis = double(timer.nsecsElapsed()) * 1e-9;
        timer.restart();
        const LevelOverview overview = levelOverview(loaded.audio);
        const double overviewSeconds = double(timer.nsecsElapsed()) * 1e-9;
        QCOMPARE(loudness.integratedLufs, result.loudnessLufs);
        QCOMPARE(density.region, result.region);
        QCOMPARE(overview, result.overview);
        qInfo().noquote() << QStringLiteral("per minute of audio: decode %1 s, loudness + true peak %2 s, "
                                            "bands + region %3 s, level overview %4 s")
                                 .arg(decode / 3.0, 0, 'f', 3)
                                 .arg(loudnessSeconds / 3.0, 0, 'f', 3)
                                 .arg(analysis / 3.0, 0, 'f', 3)
                                 .arg(overviewSeconds / 3.0, 0, 'f', 4);
    }

    void audioFilesInFindsNestedFiles()
    {
        const QString root = scratch("scan-folder");
        const QStringList wanted = {root + "/a.wav", root + "/sub/B.FLAC", root + "/sub/deeper/c.mp3",
                                    root + "/sub/deeper/d.aiff", root + "/sub/e.aif", root + "/x.Opus",
                                    root + "/y.ogg", root + "/z.oga"};
        const QStringList ignored = {root + "/cover.jpg", root + "/sub/notes.txt", root + "/sub/deeper/mp3",
                                     root + "/.hidden/h.wav", root + "/._resource.wav", root + "/track.wav.bak"};
        for (const QString& path : wanted + ignored)
            QVERIFY(writeBytes(path, "x"));
        QVERIFY(QDir().mkpath(root + "/folder.flac")); // a folder, not a file
        QVERIFY(QFile::link(root + "/sub", root + "/sub/deeper/loop")); // would cycle if followed

        QStringList expected = wanted;
        std::sort(expected.begin(), expected.end(),
                  [](const QString& a, const QString& b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
        QCOMPARE(audioFilesIn(root), expected);
        QCOMPARE(audioFilesIn(root + "/sub/deeper"), (QStringList{root + "/sub/deeper/c.mp3", root + "/sub/deeper/d.aiff"}));
        QCOMPARE(audioFilesIn(root + "/no-such-folder"), QStringList());
        QCOMPARE(audioFilesIn(root + "/a.wav"), QStringList());
        QCOMPARE(audioFilesIn(QString()), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestLibraryScan)
#include "test_library_scan.moc"
