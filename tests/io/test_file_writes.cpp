// writeAudioFile() and AudioFileWriter on real files: samples clipped by an integer format are
// counted, an .opus at a rate Opus cannot hold is resampled to 48 kHz (whole buffer and
// streaming alike), a write that fails (a file size limit standing in for a full disk) leaves
// the old file byte for byte, and a file can be replaced while it is being read.

#include "support/test_signals.h"
#include "written_files.h"

#include "audio/audio_error.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"
#include "audio/io/resampler.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/resource.h>

using namespace earlab;
namespace fs = std::filesystem;

namespace {

std::string g_dir;

std::string pathOf(const std::string& name) { return g_dir + "/" + name; }

AudioBuffer load(const std::string& path)
{
    LoadOptions o;
    o.stereo = false;
    return loadAudioFile(path, o).audio;
}

// A file size limit for this process, as a full disk would stop a write (EFBIG instead of
// ENOSPC); SIGXFSZ ignored so write(2) fails instead of the process being killed.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &saved_);
        previous_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = saved_;
        limit.rlim_cur = bytes;
        ok_ = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previous_);
    }
    bool ok() const { return ok_; }

private:
    rlimit saved_{};
    void (*previous_)(int) = SIG_DFL;
    bool ok_ = false;
};

} // namespace

class TestFileWrites : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        g_dir = test::scratchDirectory("file_writes");
        QVERIFY(!g_dir.empty());
    }

    void cleanup() { QVERIFY(test::temporariesIn(g_dir).empty()); }

    void clippedSamplesAreCounted_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("integer");
        QTest::newRow("flac") << "hot.flac" << true;
        QTest::newRow("aiff") << "hot.aiff" << true;
        QTest::newRow("wav (float)") << "hot.wav" << false;
    }

    void clippedSamplesAreCounted()
    {
        QFETCH(QString, name);
        QFETCH(bool, integer);
        // 1 kHz at +6 dBFS peak: a known share of the samples lies beyond full scale.
        AudioBuffer hot = test::sine(1000.0, 6.0, 48000.0, 48000);
        hot.channels[1][100] = -3.0f; // one negative overshoot, the peak
        std::uint64_t beyond = 0;
        float peak = 0;
        for (const auto& ch : hot.channels)
            for (float v : ch) {
                beyond += std::fabs(v) > 1.0f;
                peak = std::max(peak, std::fabs(v));
            }
        QVERIFY(beyond > 10000);

        const std::string path = pathOf(name.toStdString());
        const WriteSummary whole = writeAudioFile(path, hot);
        QCOMPARE(whole.clippedSamples, integer ? beyond : std::uint64_t(0));
        QCOMPARE(whole.peak, peak);
        const AudioBuffer back = load(path);
        const float backPeak = std::max(test::peakDb(back.channels[0]), test::peakDb(back.channels[1]));
        if (integer)
            QVERIFY2(backPeak <= 0.0f, qPrintable(QString::number(backPeak))); // clipped, as counted
        else
            QCOMPARE(back.channels[1][100], -3.0f); // float keeps it

        const WriteSummary streamed = test::writeInBlocks(path, hot, 1000);
        QCOMPARE(streamed.clippedSamples, whole.clippedSamples);
        QCOMPARE(streamed.peak, whole.peak);
    }

    void opusAtOtherRatesIsWrittenAt48k_data()
    {
        QTest::addColumn<double>("rate");
        QTest::newRow("44.1 kHz") << 44100.0;
        QTest::newRow("96 kHz") << 96000.0;
        QTest::newRow("22.05 kHz") << 22050.0;
    }

    void opusAtOtherRatesIsWrittenAt48k()
    {
        QFETCH(double, rate);
        const std::size_t frames = std::size_t(rate * 1.5) + 17;
        const AudioBuffer in = test::sine(1000.0, -6.0, rate, frames);
        const auto expected = std::int64_t(std::llround(double(frames) * 48000.0 / rate));
        const std::string whole = pathOf("whole.opus"), streamed = pathOf("streamed.opus");
        QCOMPARE(writeAudioFile(whole, in).fileSampleRate, 48000);
        QCOMPARE(test::writeInBlocks(streamed, in, 4099).fileSampleRate, 48000);
        for (const std::string& path : {whole, streamed}) {
            const LoadedAudio back = loadAudioFile(path);
            QCOMPARE(back.info.sampleRate, 48000);
            QCOMPARE(back.info.frames, expected);
            // The tone survives: RMS of a -6 dBFS sine is -9.03 dB (after the codec's start).
            const double rms = test::rmsDb(std::span(back.audio.channels[0]).subspan(4800, 48000));
            QVERIFY2(std::fabs(rms - (-9.03)) < 0.5, qPrintable(QString::number(rms)));
        }
    }

    void streamingResampleWithOutputTakenEqualsWholeResample()
    {
        // The streaming writer takes each block's output out of the buffer before the next:
        // the concatenation must still be exactly resample()'s output, length included.
        const AudioBuffer in = test::sine(440.0, -3.0, 44100.0, 100003);
        const AudioBuffer whole = resample(in, 48000.0);
        StreamResampler stream(2, 44100.0, 48000.0);
        AudioBuffer pending = AudioBuffer::silence(2, 0, 48000.0);
        std::vector<float> left, right;
        for (std::size_t at = 0; at < in.frames(); at += 3001) {
            const float* ptrs[2] = {in.channels[0].data() + at, in.channels[1].data() + at};
            stream.process(std::span<const float* const>(ptrs, 2), std::min<std::size_t>(3001, in.frames() - at), pending);
            left.insert(left.end(), pending.channels[0].begin(), pending.channels[0].end());
            right.insert(right.end(), pending.channels[1].begin(), pending.channels[1].end());
            pending.channels[0].clear();
            pending.channels[1].clear();
        }
        stream.finish(pending);
        left.insert(left.end(), pending.channels[0].begin(), pending.channels[0].end());
        right.insert(right.end(), pending.channels[1].begin(), pending.channels[1].end());
        QCOMPARE(left.size(), whole.frames());
        QVERIFY(left == whole.channels[0]);
        QVERIFY(right == whole.channels[1]);
    }

    void failedWriteKeepsTheOldFile_data()
    {
        QTest::addColumn<bool>("streaming");
        QTest::newRow("writeAudioFile") << false;
        QTest::newRow("AudioFileWriter") << true;
    }

    void failedWriteKeepsTheOldFile()
    {
        QFETCH(bool, streaming);
        const std::string path = pathOf("old.wav");
        writeAudioFile(path, test::sine(500.0, -12.0, 48000.0, 4800));
        const std::string before = test::bytesOf(path);
        const AudioBuffer big = test::sine(1000.0, -6.0, 48000.0, 480000); // 3.8 MB as float WAV
        try {
            FileSizeLimit limit(1 << 20);
            QVERIFY(limit.ok());
            if (streaming)
                test::writeInBlocks(path, big, 10000);
            else
                writeAudioFile(path, big);
            QFAIL("no error past the file size limit");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::WriteFailed);
            const QString m = e.what();
            QVERIFY2(m.contains("File too large") && m.contains("the existing file is unchanged"), qPrintable(m));
        }
        QVERIFY(test::bytesOf(path) == before);
    }

    void fileIsReplacedWhileBeingRead()
    {
        // render X -o X streams: the reader keeps its open file, the rename gives the name a
        // new one.
        const std::string path = pathOf("same.wav");
        const AudioBuffer first = test::sine(300.0, -6.0, 48000.0, 200000);
        writeAudioFile(path, first);
        AudioFileReader reader(path);
        std::vector<float> l(1000), r(1000);
        QCOMPARE(reader.readStereo(l.data(), r.data(), 1000), std::size_t(1000));
        writeAudioFile(path, test::sine(2000.0, -20.0, 48000.0, 1000));
        std::size_t total = 1000;
        float last = 0;
        while (const std::size_t n = reader.readStereo(l.data(), r.data(), 1000)) {
            total += n;
            last = l[n - 1];
        }
        QCOMPARE(total, first.frames());
        QCOMPARE(last, first.channels[0].back());
        QCOMPARE(load(path).frames(), std::size_t(1000));
    }
};

QTEST_GUILESS_MAIN(TestFileWrites)
#include "test_file_writes.moc"
