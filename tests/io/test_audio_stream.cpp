// The streaming reader and writer (audio_stream.h) against the whole-file functions: the same
// samples, the same errors; and the streamed render against the whole-buffer one.
#include "audio/audio_error.h"
#include "audio/dsp/pink_noise.h"
#include "audio/engine/treatment_render.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"
#include "support/busy_treatment.h"
#include "support/test_signals.h"
#include "written_files.h"

#include <QtTest/QtTest>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

using namespace earlab;

namespace {

std::string g_dir;
std::string pathOf(const std::string& name) { return g_dir + "/" + name; }

AudioBuffer noise(std::size_t channels, double seconds, double rate, unsigned seed)
{
    AudioBuffer b;
    b.sampleRate = rate;
    for (std::size_t c = 0; c < channels; ++c)
        b.channels.push_back(dsp::makePinkNoise(seconds, rate, -18.0, seed + unsigned(c)).channels[0]);
    return b;
}

// Everything a reader gives, read in blocks of `block` frames.
AudioBuffer readAll(AudioFileReader& r, std::size_t block)
{
    AudioBuffer out = AudioBuffer::silence(2, 0, r.sampleRate());
    std::vector<float> l(block), rr(block);
    while (const std::size_t n = r.readStereo(l.data(), rr.data(), block)) {
        out.channels[0].insert(out.channels[0].end(), l.begin(), l.begin() + long(n));
        out.channels[1].insert(out.channels[1].end(), rr.begin(), rr.begin() + long(n));
    }
    return out;
}

} // namespace

class TestAudioStream : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { g_dir = test::scratchDirectory("io-audio-stream"); }

    void readerEqualsLoad_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("block");
        QTest::newRow("stereo wav") << 2 << "s.wav" << 1000;
        QTest::newRow("mono flac") << 1 << "m.flac" << 4096;
        QTest::newRow("5.1 wav") << 6 << "six.wav" << 333;
        QTest::newRow("3 channels aiff") << 3 << "three.aiff" << 70000;
    }
    void readerEqualsLoad()
    {
        QFETCH(int, channels);
        QFETCH(QString, name);
        QFETCH(int, block);
        const std::string path = pathOf(name.toStdString());
        writeAudioFile(path, noise(std::size_t(channels), 3.1, 44100.0, 7));
        const LoadedAudio whole = loadAudioFile(path);
        AudioFileReader r(path);
        QCOMPARE(r.sampleRate(), 44100);
        QCOMPARE(r.fileChannels(), channels);
        const AudioBuffer streamed = readAll(r, std::size_t(block));
        QVERIFY(streamed.channels == whole.audio.channels);
        QCOMPARE(r.info().frames, whole.info.frames);
        QCOMPARE(r.info().format, whole.info.format);
        QCOMPARE(r.info().encoding, whole.info.encoding);
        QCOMPARE(r.readStereo(nullptr, nullptr, 10), std::size_t(0));
    }

    void writerEqualsWriteAudioFile_data()
    {
        QTest::addColumn<QString>("ext");
        QTest::newRow("wav") << ".wav";
        QTest::newRow("flac") << ".flac";
        QTest::newRow("aiff") << ".aiff";
    }
    void writerEqualsWriteAudioFile()
    {
        QFETCH(QString, ext);
        AudioBuffer a = noise(2, 2.0, 48000.0, 3);
        a.channels[0][100] = 1.5f; // clipped in the 24-bit formats
        const std::string whole = pathOf("whole" + ext.toStdString());
        const std::string streamed = pathOf("streamed" + ext.toStdString());
        writeAudioFile(whole, a);
        test::writeInBlocks(streamed, a, 1234);
        QVERIFY(loadAudioFile(streamed).audio.channels == loadAudioFile(whole).audio.channels);
        if (ext == ".flac")
            QVERIFY(test::bytesOf(streamed) == test::bytesOf(whole)); // no timestamps in FLAC: the same bytes
        QCOMPARE(test::temporariesIn(g_dir).size(), std::size_t(0));
    }

    void readerErrorsAreLoadErrors_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("missing") << "absent.wav";
        QTest::newRow("empty") << "empty.wav";
        QTest::newRow("not audio") << "text.wav";
        QTest::newRow("truncated wav") << "cut.wav";
        QTest::newRow("folder") << "folder.wav";
    }
    void readerErrorsAreLoadErrors()
    {
        QFETCH(QString, name);
        const std::string path = pathOf(name.toStdString());
        if (name == "empty.wav")
            std::ofstream(path, std::ios::binary);
        if (name == "text.wav")
            std::ofstream(path) << "this is not audio, just some words in a file\n";
        if (name == "cut.wav") {
            writeAudioFile(path, noise(2, 1.0, 48000.0, 9));
            std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
        }
        if (name == "folder.wav")
            std::filesystem::create_directories(path);

        std::string loadError;
        AudioErrorKind loadKind{};
        try {
            loadAudioFile(path);
        } catch (const AudioError& e) {
            loadError = e.what();
            loadKind = e.kind();
        }
        QVERIFY(!loadError.empty());
        std::string streamError;
        AudioErrorKind streamKind{};
        try {
            AudioFileReader r(path);
            readAll(r, 4096);
        } catch (const AudioError& e) {
            streamError = e.what();
            streamKind = e.kind();
        }
        QCOMPARE(streamError, loadError);
        QCOMPARE(int(streamKind), int(loadKind));
    }

    void writerErrors()
    {
        QVERIFY_THROWS_EXCEPTION(AudioError, AudioFileWriter(pathOf("x.xyz"), 48000.0, 2));
        QVERIFY_THROWS_EXCEPTION(AudioError, AudioFileWriter("/nonexistent-dir/x.wav", 48000.0, 2));
        // Nothing written: writeAudioFile's "empty buffer" error, no file.
        {
            AudioFileWriter w(pathOf("nothing.wav"), 48000.0, 2);
            QVERIFY_THROWS_EXCEPTION(AudioError, w.finish());
        }
        QVERIFY(!std::filesystem::exists(pathOf("nothing.wav")));
        // A NaN: InvalidArgument naming channel and frame from the file's start.
        AudioBuffer a = noise(2, 0.5, 48000.0, 1);
        a.channels[1][5000] = std::nanf("");
        try {
            test::writeInBlocks(pathOf("nan.wav"), a, 1000);
            QFAIL("no error for a NaN");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::InvalidArgument);
            QVERIFY2(std::string(e.what()).find("channel 1") != std::string::npos, e.what());
            QVERIFY2(std::string(e.what()).find("frame 5000") != std::string::npos, e.what());
        }
        QVERIFY(!std::filesystem::exists(pathOf("nan.wav")));
        QCOMPARE(test::temporariesIn(g_dir).size(), std::size_t(0));
    }

    void unfinishedWriterKeepsExistingFile()
    {
        const std::string path = pathOf("keep.wav");
        writeAudioFile(path, noise(2, 0.5, 48000.0, 2));
        const auto before = test::bytesOf(path);
        {
            AudioFileWriter w(path, 48000.0, 2);
            const AudioBuffer other = noise(2, 0.5, 48000.0, 5);
            const float* ptrs[2] = {other.channels[0].data(), other.channels[1].data()};
            w.write(ptrs, other.frames());
        } // abandoned
        QVERIFY(test::bytesOf(path) == before);
        QCOMPARE(test::temporariesIn(g_dir).size(), std::size_t(0));
    }

    void streamedRenderEqualsWholeBufferRender_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("seconds");
        QTest::newRow("stereo, many blocks") << 2 << 7.3;
        QTest::newRow("mono, one short block") << 1 << 0.01;
        QTest::newRow("5.1") << 6 << 1.7;
    }
    void streamedRenderEqualsWholeBufferRender()
    {
        QFETCH(int, channels);
        QFETCH(double, seconds);
        const std::string in = pathOf("render-in.wav");
        writeAudioFile(in, noise(std::size_t(channels), seconds, 48000.0, 11));
        const std::string whole = pathOf("render-whole.wav");
        const std::string streamed = pathOf("render-streamed.wav");
        writeAudioFile(whole, renderTreatment(loadAudioFile(in).audio, test::fiveBandsAndCompressor(true)));
        renderTreatmentFile(in, streamed, test::fiveBandsAndCompressor(true));
        QVERIFY(loadAudioFile(streamed).audio.channels == loadAudioFile(whole).audio.channels);
    }

    void streamedRenderErrors()
    {
        // A bad input: its error, and an existing output stays as it was.
        const std::string cut = pathOf("render-cut.wav");
        writeAudioFile(cut, noise(2, 3.0, 48000.0, 6));
        std::filesystem::resize_file(cut, std::filesystem::file_size(cut) * 3 / 4);
        const std::string out = pathOf("render-out.wav");
        writeAudioFile(out, noise(2, 0.1, 48000.0, 8));
        const auto before = test::bytesOf(out);
        try {
            renderTreatmentFile(cut, out, test::fiveBandsAndCompressor(true));
            QFAIL("no error for a truncated input");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::Truncated);
        }
        QVERIFY(test::bytesOf(out) == before);
        // A bad input and a bad treatment: the input's error first, as loading first would.
        Treatment bad = test::fiveBandsAndCompressor(true);
        bad.eq[0].frequencyHz = 30000.0; // above Nyquist
        try {
            renderTreatmentFile(cut, out, bad);
            QFAIL("no error");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::Truncated);
        }
        // A good input and a bad treatment: the treatment's error, no file.
        const std::string good = pathOf("render-good.wav");
        writeAudioFile(good, noise(2, 0.5, 48000.0, 6));
        QVERIFY_THROWS_EXCEPTION(AudioError, renderTreatmentFile(good, pathOf("render-none.wav"), bad));
        QVERIFY(!std::filesystem::exists(pathOf("render-none.wav")));
        QCOMPARE(test::temporariesIn(g_dir).size(), std::size_t(0));
    }
};

QTEST_APPLESS_MAIN(TestAudioStream)
#include "test_audio_stream.moc"
