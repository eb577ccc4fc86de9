// earlab-cli compare, the real binary, on WAV and FLAC files written here from the built-in
// loops: the JSON's keys and figures against what the test made (a delay, a gain, an
// inversion, a speed change, a 44.1 kHz item), the table, and the refusals (exit 2, one
// stderr line naming the file). The preparation itself is tests/compare/test_comparison.cpp.

#include "audio/io/audio_file.h"
#include "audio/io/resampler.h"
#include "compare/music_excerpts.h"
#include "support/process_runner.h"
#include "support/scratch_files.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace earlab;
using namespace earlab::test;

namespace {

constexpr std::int64_t kStart = 2 * 48000;
constexpr std::size_t kLength = 12 * 48000;

const AudioBuffer& loop() { return builtinLoopAudio("pop-rock"); }
AudioBuffer delayed(std::int64_t lag) { return cut(loop(), kStart - lag, kLength); }

QString written(const QString& dir, const char* name, const AudioBuffer& audio)
{
    const QString path = dir + "/" + name;
    writeAudioFile(path.toStdString(), audio);
    return path;
}

ProcessRun compare(const QStringList& args) { return runProcess(EARLAB_CLI, QStringList{"compare"} + args, 120000); }

QString both(const ProcessRun& run) { return QString::fromUtf8(run.out + "\n--- stderr:\n" + run.err); }

QJsonArray jsonOf(const ProcessRun& run)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        qWarning("not a JSON array: %s", run.out.constData());
    return doc.array();
}

void expectRefusal(const QStringList& args, const QString& mustName)
{
    const ProcessRun run = compare(args);
    QVERIFY2(run.started && run.finished && !run.crashed, qPrintable(both(run)));
    QCOMPARE(run.exitCode, 2);
    const QString err = QString::fromUtf8(run.err).trimmed();
    qInfo("%s", qPrintable(err));
    QVERIFY2(!err.contains('\n'), qPrintable(err));
    QVERIFY2(err.startsWith("earlab-cli compare: "), qPrintable(err));
    QVERIFY2(err.contains(mustName), qPrintable(err));
    QVERIFY(run.out.isEmpty());
}

} // namespace

class TestCliCompare : public QObject {
    Q_OBJECT

private slots:
    // B: A delayed 480 samples, 3.7 dB down, inverted, as FLAC.
    void jsonOffsetGainPolarity()
    {
        const QString dir = scratch("cli-compare-offset");
        AudioBuffer b = delayed(480);
        scale(b, -std::pow(10.0, -3.7 / 20.0));
        const QString a = written(dir, "a.wav", delayed(0)), bPath = written(dir, "b.flac", b);
        const ProcessRun run = compare({a, bPath, "--json"});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        qInfo("%s", run.out.constData());
        const QJsonArray items = jsonOf(run);
        QCOMPARE(items.size(), 2);
        const QStringList keys = {"file", "loudness_lufs", "true_peak_dbtp", "gain_db", "offset_samples",
                                  "polarity_inverted", "drift_ppm", "drift_corrected"};
        for (const QJsonValue& v : items)
            for (const QString& key : keys)
                QVERIFY2(v.toObject().contains(key), qPrintable(key));
        QVERIFY(!items[0].toObject().contains("null_depth_db"));
        const QJsonObject first = items[0].toObject(), second = items[1].toObject();
        QCOMPARE(first["file"].toString(), a);
        QCOMPARE(second["file"].toString(), bPath);
        QVERIFY(std::abs(second["offset_samples"].toDouble() - 480.0) <= 0.05);
        QCOMPARE(second["polarity_inverted"].toBool(), true);
        QCOMPARE(first["polarity_inverted"].toBool(), false);
        QVERIFY(std::abs(second["gain_db"].toDouble() - 3.7) <= 0.05);
        QVERIFY(second["null_depth_db"].isDouble());
        QVERIFY(second["null_depth_db"].toDouble() <= -60.0);
        QVERIFY(std::abs(second["residual_db"].toDouble()) < 0.1);
        QVERIFY(std::abs(first["loudness_lufs"].toDouble() - second["loudness_lufs"].toDouble() - 3.7) < 0.05);
        QCOMPARE(second["drift_corrected"].toBool(), false);
    }

    // B: 0.1 % slower; C: the same music at 44.1 kHz, 240 samples late.
    void jsonDriftAndOtherRate()
    {
        const QString dir = scratch("cli-compare-drift");
        AudioBuffer slow = resample(loop(), 48000.0 * 1.001);
        slow.sampleRate = 48000.0; // played at 48 kHz: the same music 0.1 % slower
        const AudioBuffer b = cut(slow, std::llround(double(kStart) * 1.001), std::size_t(double(kLength) * 1.001));
        const QString a = written(dir, "a.wav", delayed(0));
        const QString bPath = written(dir, "slow.wav", b), c = written(dir, "c44.flac", resample(delayed(240), 44100.0));
        const ProcessRun run = compare({"--json", a, bPath, c});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        qInfo("%s", run.out.constData());
        const QJsonArray items = jsonOf(run);
        QCOMPARE(items.size(), 3);
        QVERIFY(std::abs(items[1].toObject()["drift_ppm"].toDouble() - 1000.0) <= 20.0);
        QCOMPARE(items[1].toObject()["drift_corrected"].toBool(), true);
        QCOMPARE(items[2].toObject()["sample_rate"].toInt(), 44100);
        QVERIFY(std::abs(items[2].toObject()["offset_samples"].toDouble() - 240.0) <= 0.05);
    }

    // The same file twice: a null of -inf, which JSON holds as null; the table says -inf.
    void sameFileTwiceAndTable()
    {
        const QString dir = scratch("cli-compare-same");
        const QString a = written(dir, "a.wav", delayed(0));
        const ProcessRun json = compare({a, a, "--json"});
        QVERIFY2(json.ok(), qPrintable(both(json)));
        const QJsonValue null = jsonOf(json)[1].toObject()["null_depth_db"];
        // A whole-number lag is copied, not interpolated: the same file twice nulls completely.
        QVERIFY2(null.isNull(), json.out.constData());

        const QString b = written(dir, "b.wav", delayed(480));
        const ProcessRun table = compare({a, b, "--trim", b + "=-2"});
        QVERIFY2(table.ok(), qPrintable(both(table)));
        qInfo("%s", table.out.constData());
        const QString out = QString::fromUtf8(table.out);
        QVERIFY(out.contains(a) && out.contains(b));
        QVERIFY(out.contains("+480.000 ")); // the table shows 3 decimals: 480.00003
        QVERIFY(out.contains("null dB") && out.contains("residual dB"));
        // The trim shows in the gain: -2 dB less than the match.
        const ProcessRun trimmed = compare({a, b, "--json", "--trim", b + "=-2"});
        QVERIFY2(trimmed.ok(), qPrintable(both(trimmed)));
        const QJsonObject item = jsonOf(trimmed)[1].toObject();
        QVERIFY(std::abs(item["gain_db"].toDouble() - item["trim_db"].toDouble() - jsonOf(json)[1].toObject()["gain_db"].toDouble()) < 0.01);
        QCOMPARE(item["trim_db"].toDouble(), -2.0);
        expectRefusal({a, b, "--trim", "c.wav=-2"}, "c.wav");
        expectRefusal({a, b, "--trim", b + "=100"}, b + "=100");
    }

    // --difference: the file holds item N minus item 1 as played, at the null depth reported.
    void differenceIsWhatChanged()
    {
        const QString dir = scratch("cli-compare-difference");
        const AudioBuffer original = delayed(0);
        AudioBuffer changed = original; // the same mix with a quiet 1 kHz tone added
        for (auto& ch : changed.channels)
            for (std::size_t i = 0; i < ch.size(); ++i)
                ch[i] += float(0.02 * std::sin(2 * 3.14159265358979 * 1000.0 * double(i) / 48000.0));
        const QString a = written(dir, "a.wav", original), b = written(dir, "b.wav", changed);
        const QString copy = dir + "/copy of a.wav";
        QVERIFY(QFile::copy(a, copy));

        const QString out = dir + "/difference.wav";
        const ProcessRun run = compare({a, b, copy, "--json", "--difference", out});
        QVERIFY2(run.ok(), qPrintable(both(run)));
        const QString err = QString::fromUtf8(run.err);
        qInfo("%s", qPrintable(err.trimmed()));
        QVERIFY(err.contains("difference of item 2 and item 1 written to " + out));
        const QJsonArray items = jsonOf(run); // stdout is still one JSON document
        QCOMPARE(items.size(), 3);
        const AudioBuffer difference = loadAudioFile(out.toStdString()).audio;
        // rms(difference) / rms(item 1 as played), in dB: the null depth the JSON reports.
        double differenceSquares = 0, referenceSquares = 0;
        const double g0 = std::pow(10.0, items[0].toObject()["gain_db"].toDouble() / 20.0);
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < difference.frames(); ++i) {
                differenceSquares += double(difference.channels[c][i]) * difference.channels[c][i];
                referenceSquares += g0 * g0 * double(original.channels[c][i]) * original.channels[c][i];
            }
        const double depth = 10 * std::log10(differenceSquares / referenceSquares);
        const double reported = items[1].toObject()["null_depth_db"].toDouble();
        qInfo("difference file: %.3f dB below item 1; reported null %.3f dB", depth, reported);
        QVERIFY(std::abs(depth - reported) < 0.05);
        QVERIFY(reported > -40.0 && reported < -10.0); // the tone, not silence

        // The copy's difference is silence, exactly.
        const QString silent = dir + "/silent.flac";
        const ProcessRun copyRun = compare({a, b, copy, "--difference", silent, "--difference-of", "3"});
        QVERIFY2(copyRun.ok(), qPrintable(both(copyRun)));
        const AudioBuffer none = loadAudioFile(silent.toStdString()).audio;
        QVERIFY(none.frames() > 0);
        for (const auto& ch : none.channels)
            QVERIFY(std::all_of(ch.begin(), ch.end(), [](float v) { return v == 0.0f; }));

        expectRefusal({a, b, "--difference-of", "2"}, "--difference");
        expectRefusal({a, b, "--difference", out, "--difference-of", "3"}, "--difference-of 3");
    }

    void refusals()
    {
        const QString dir = scratch("cli-compare-refusals");
        const QString a = written(dir, "a.wav", delayed(0));
        expectRefusal({a}, a);
        QStringList nine;
        for (int i = 0; i < 9; ++i)
            nine << a;
        expectRefusal(nine, "9 given");
        const QString silent = written(dir, "silent.wav", AudioBuffer::silence(2, kLength, 48000.0));
        expectRefusal({a, silent}, silent + ": silent");
        const QString text = dir + "/notes.flac";
        QVERIFY(writeBytes(text, "these are notes, not audio\n"));
        expectRefusal({a, text}, text);
        const QString other = written(dir, "other.wav", cut(builtinLoopAudio("electronic"), kStart, kLength));
        expectRefusal({a, other}, other);
        expectRefusal({a, dir + "/missing.wav"}, dir + "/missing.wav");
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "test_cli_compare.moc"
