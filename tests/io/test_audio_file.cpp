// Loading and writing real files on disk. References are independent of audio/io: formulas
// (sines), files made by the sox command line tool, headers built byte by byte here, and
// libsndfile called directly for the one figure it reports wrongly (an MP3's padded length).
#include "audio/audio_error.h"
#include "audio/io/audio_file.h"
#include "audio/io/resampler.h"
#include "support/process_runner.h"
#include "support/test_signals.h"

#include <QtTest/QtTest>

#include <sndfile.h>

#include <sys/stat.h>
#include <sys/types.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <numbers>
#include <vector>

using namespace earlab;

Q_DECLARE_METATYPE(earlab::AudioErrorKind)

namespace {

std::string g_dir;

std::string pathOf(const std::string& name) { return g_dir + "/" + name; }

bool runSox(const QStringList& args)
{
    const test::ProcessRun run = test::runProcess("sox", args, 30000);
    if (!run.ok()) {
        qWarning("sox %s failed: %s", qPrintable(args.join(' ')), run.err.constData());
        return false;
    }
    return true;
}

std::vector<unsigned char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeBytes(const std::string& path, const std::vector<unsigned char>& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

void writeText(const std::string& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

void putLe16(std::vector<unsigned char>& v, unsigned x) { v.push_back(x & 0xFF); v.push_back((x >> 8) & 0xFF); }
void putLe32(std::vector<unsigned char>& v, std::uint32_t x) { for (int i = 0; i < 4; ++i) v.push_back((x >> (8 * i)) & 0xFF); }
void putBe16(std::vector<unsigned char>& v, unsigned x) { v.push_back((x >> 8) & 0xFF); v.push_back(x & 0xFF); }
void putBe32(std::vector<unsigned char>& v, std::uint32_t x) { for (int i = 3; i >= 0; --i) v.push_back((x >> (8 * i)) & 0xFF); }
void putTag(std::vector<unsigned char>& v, const char* tag)
{
    for (int i = 0; i < 4; ++i)
        v.push_back(static_cast<unsigned char>(tag[i]));
}

// A canonical 44-byte-header WAV. `dataSize` is what the header claims (defaults to the
// payload's real size), so a header can promise more than the file holds.
std::vector<unsigned char> wavBytes(unsigned formatTag, unsigned channels, std::uint32_t rate, unsigned bits,
                                    const std::vector<unsigned char>& payload, std::int64_t dataSize = -1)
{
    const unsigned blockAlign = channels * bits / 8;
    std::vector<unsigned char> v;
    putTag(v, "RIFF");
    putLe32(v, std::uint32_t(36 + payload.size()));
    putTag(v, "WAVE");
    putTag(v, "fmt ");
    putLe32(v, 16);
    putLe16(v, formatTag);
    putLe16(v, channels);
    putLe32(v, rate);
    putLe32(v, rate * blockAlign);
    putLe16(v, blockAlign);
    putLe16(v, bits);
    putTag(v, "data");
    putLe32(v, std::uint32_t(dataSize < 0 ? std::int64_t(payload.size()) : dataSize));
    v.insert(v.end(), payload.begin(), payload.end());
    return v;
}

std::vector<unsigned char> pcm16Payload(std::size_t samples)
{
    std::vector<unsigned char> p;
    for (std::size_t i = 0; i < samples; ++i)
        putLe16(p, unsigned(std::int16_t(1000 * std::sin(0.05 * double(i)))) & 0xFFFF);
    return p;
}

std::vector<unsigned char> floatPayload(const std::vector<float>& samples)
{
    std::vector<unsigned char> p(samples.size() * 4);
    std::memcpy(p.data(), samples.data(), p.size()); // x86: little-endian already
    return p;
}

// AIFF FORM with a COMM chunk (44.1 kHz as an 80-bit float) and optionally an SSND chunk.
std::vector<unsigned char> aiffBytes(std::uint32_t frames, bool withSsnd)
{
    std::vector<unsigned char> comm;
    putBe16(comm, 2);          // channels
    putBe32(comm, frames);     // numSampleFrames
    putBe16(comm, 16);         // bits
    const unsigned char rate44100[10] = {0x40, 0x0E, 0xAC, 0x44, 0, 0, 0, 0, 0, 0};
    comm.insert(comm.end(), rate44100, rate44100 + 10);
    std::vector<unsigned char> body;
    putTag(body, "AIFF");
    putTag(body, "COMM");
    putBe32(body, std::uint32_t(comm.size()));
    body.insert(body.end(), comm.begin(), comm.end());
    if (withSsnd) {
        putTag(body, "SSND");
        putBe32(body, 8);
        putBe32(body, 0); // offset
        putBe32(body, 0); // block size
    }
    std::vector<unsigned char> v;
    putTag(v, "FORM");
    putBe32(v, std::uint32_t(body.size()));
    v.insert(v.end(), body.begin(), body.end());
    return v;
}

void truncateToHalf(const std::string& from, const std::string& to, std::size_t keepHeader = 0)
{
    const auto bytes = readBytes(from);
    const std::size_t keep = keepHeader + (bytes.size() - keepHeader) / 2;
    writeBytes(to, std::vector<unsigned char>(bytes.begin(), bytes.begin() + std::ptrdiff_t(keep)));
}

double correlation(std::span<const float> a, std::span<const float> b)
{
    const std::size_t n = std::min(a.size(), b.size());
    double ab = 0, aa = 0, bb = 0;
    for (std::size_t i = 0; i < n; ++i) {
        ab += double(a[i]) * b[i];
        aa += double(a[i]) * a[i];
        bb += double(b[i]) * b[i];
    }
    return ab / std::sqrt(aa * bb);
}

// A signal with some structure (two tones and a slow envelope), so correlation means something.
AudioBuffer music(double rate, std::size_t frames, std::size_t channels)
{
    AudioBuffer b = AudioBuffer::silence(channels, frames, rate);
    for (std::size_t c = 0; c < channels; ++c)
        for (std::size_t i = 0; i < frames; ++i) {
            const double t = double(i) / rate;
            const double env = 0.6 + 0.4 * std::sin(2.0 * std::numbers::pi * 1.5 * t);
            b.channels[c][i] = float(env * (0.35 * std::sin(2.0 * std::numbers::pi * (440.0 + 110.0 * double(c)) * t) +
                                             0.15 * std::sin(2.0 * std::numbers::pi * 1250.0 * t)));
        }
    return b;
}

// The frame count libsndfile's header parsing reports, read directly (not through audio/io).
std::int64_t libsndfileHeaderFrames(const std::string& path)
{
    SF_INFO info{};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
    if (!f)
        return -1;
    sf_close(f);
    return info.frames;
}

// The same synthesis rendered by sox as raw float32 (read here byte by byte, no decoder in
// between): sox's sine is not exactly sin(2 pi f n / rate) (it is off by up to ~1e-3), so
// 16-bit files are compared with sox's own float rendering, per channel (de-interleaved).
std::vector<std::vector<float>> soxFloatReference(const QStringList& synthArgs, int rate, int channels)
{
    const std::string raw = pathOf("reference-" + std::to_string(rate) + "-" + std::to_string(channels) + ".f32");
    QStringList args{"-D", "-n", "-r", QString::number(rate), "-c", QString::number(channels), "-t", "raw", "-e",
                     "float", "-b", "32", QString::fromStdString(raw)};
    if (!runSox(args + synthArgs))
        return {};
    const auto bytes = readBytes(raw);
    const std::size_t frames = bytes.size() / 4 / std::size_t(channels);
    auto out = std::vector<std::vector<float>>(std::size_t(channels), std::vector<float>(frames));
    for (std::size_t i = 0; i < frames; ++i)
        for (std::size_t c = 0; c < std::size_t(channels); ++c)
            std::memcpy(&out[c][i], bytes.data() + 4 * (i * std::size_t(channels) + c), 4);
    return out;
}

int risingZeroCrossings(std::span<const float> x)
{
    int n = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
        n += (x[i - 1] < 0.0f && x[i] >= 0.0f) ? 1 : 0;
    return n;
}

} // namespace

class TestAudioFile : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        g_dir = test::scratchDirectory("io-audio-file");
        QVERIFY(!g_dir.empty());
        QVERIFY2(QProcess::execute("sox", {"--version"}) == 0, "the sox command is needed to make reference files");
    }

    // --- round trips through writeAudioFile --------------------------------------------

    void floatWavIsBitExact()
    {
        AudioBuffer in = music(44100.0, 30000, 2);
        in.channels[0][5] = 1.5f; // float WAV keeps overs
        in.channels[1][6] = -2.25f;
        in.channels[1][7] = 1e-30f;
        const std::string path = pathOf("exact.wav");
        writeAudioFile(path, in);
        const LoadedAudio out = loadAudioFile(path, {.targetSampleRate = 0, .stereo = false, .progress = {}});
        QCOMPARE(out.info.format, std::string("WAV"));
        QCOMPARE(out.info.encoding, std::string("float 32-bit"));
        QCOMPARE(out.info.sampleRate, 44100);
        QCOMPARE(out.info.channels, 2);
        QCOMPARE(out.info.frames, std::int64_t(30000));
        QCOMPARE(out.audio.sampleRate, 44100.0);
        QCOMPARE(out.audio.channels, in.channels);
    }

    void twentyFourBitFormats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("format");
        QTest::newRow("flac") << "x24.flac" << "FLAC";
        QTest::newRow("aiff") << "x24.aiff" << "AIFF";
        QTest::newRow("aif") << "x24.AIF" << "AIFF";
    }
    void twentyFourBitFormats()
    {
        QFETCH(QString, name);
        QFETCH(QString, format);
        AudioBuffer in = music(48000.0, 48000, 3);
        in.channels[2][0] = 1.0f;   // clips to the largest 24-bit value
        in.channels[2][1] = -1.0f;
        in.channels[2][2] = 1.7f;   // clips
        const std::string path = pathOf(name.toStdString());
        writeAudioFile(path, in);
        const LoadedAudio out = loadAudioFile(path, {.targetSampleRate = 0, .stereo = false, .progress = {}});
        QCOMPARE(out.info.format, format.toStdString());
        QCOMPARE(out.info.encoding, std::string("PCM 24-bit"));
        QCOMPARE(out.info.channels, 3);
        QCOMPARE(out.info.frames, std::int64_t(48000));
        const double step = std::ldexp(1.0, -23);
        const double maxPositive = 1.0 - step;
        for (std::size_t c = 0; c < 3; ++c)
            for (std::size_t i = 0; i < 48000; ++i) {
                const double expected = std::clamp(double(in.channels[c][i]), -1.0, maxPositive);
                const double error = std::abs(double(out.audio.channels[c][i]) - expected);
                if (error > step)
                    QFAIL(qPrintable(QString("channel %1 frame %2: error %3 > 2^-23").arg(c).arg(i).arg(error)));
            }
    }

    void lossyFormats_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("rate");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("ogg") << "lossy.ogg" << 44100.0 << "Ogg Vorbis" << "Vorbis";
        QTest::newRow("opus") << "lossy.opus" << 48000.0 << "Opus" << "Opus";
        QTest::newRow("mp3") << "lossy.mp3" << 44100.0 << "MP3" << "MPEG layer III";
    }
    void lossyFormats()
    {
        QFETCH(QString, name);
        QFETCH(double, rate);
        QFETCH(QString, format);
        QFETCH(QString, encoding);
        const std::size_t frames = 144000;
        const AudioBuffer in = music(rate, frames, 2);
        const std::string path = pathOf(name.toStdString());
        writeAudioFile(path, in);
        const LoadedAudio out = loadAudioFile(path, {.targetSampleRate = 0, .stereo = false, .progress = {}});
        QCOMPARE(out.info.format, format.toStdString());
        QCOMPARE(out.info.encoding, encoding.toStdString());
        QCOMPARE(out.info.sampleRate, int(rate));
        QCOMPARE(out.info.channels, 2);
        // Gapless: Ogg's granule positions and MP3's LAME header give the exact length.
        QCOMPARE(out.info.frames, std::int64_t(frames));
        QCOMPARE(out.audio.frames(), frames);
        for (std::size_t c = 0; c < 2; ++c) {
            const double levelIn = test::rmsDb(in.channels[c]);
            const double levelOut = test::rmsDb(out.audio.channels[c]);
            QVERIFY2(std::abs(levelOut - levelIn) < 0.5, qPrintable(QString("level %1 vs %2 dB").arg(levelOut).arg(levelIn)));
            const double r = correlation(in.channels[c], out.audio.channels[c]);
            QVERIFY2(r > 0.98, qPrintable(QString("correlation %1").arg(r)));
        }
        QCOMPARE(probeAudioFile(path).frames, std::int64_t(frames));
    }

    void mp3LengthIsDecodedNotHeaderEstimate()
    {
        // sox's MP3 has no gapless header: libsndfile's SF_INFO.frames is an estimate that
        // includes padding; the decoded count (encoder delay and padding included) differs.
        const std::string path = pathOf("sox.mp3");
        QVERIFY(runSox({"-n", "-r", "44100", "-c", "2", QString::fromStdString(path), "synth", "3.265", "sine", "1000", "vol", "0.5"}));
        const std::int64_t original = std::llround(3.265 * 44100.0);
        const LoadedAudio out = loadAudioFile(path, {.targetSampleRate = 0, .stereo = false, .progress = {}});
        const std::int64_t headerFrames = libsndfileHeaderFrames(path);
        qInfo("sox MP3: %lld frames synthesised, SF_INFO.frames %lld, decoded %lld", (long long)original,
              (long long)headerFrames, (long long)out.info.frames);
        QCOMPARE(std::int64_t(out.audio.frames()), out.info.frames);
        QVERIFY(headerFrames != out.info.frames);
        QCOMPARE(probeAudioFile(path).frames, out.info.frames);
        QVERIFY(out.info.frames >= original && out.info.frames <= original + 2 * 1152 + 1152);
        QVERIFY(std::abs(test::rmsDb(out.audio.channels[0]) - (20.0 * std::log10(0.5 / std::sqrt(2.0)))) < 0.5);
        // 1 kHz: about 1000 rising zero crossings per second of audio.
        const int crossings = risingZeroCrossings(std::span<const float>(out.audio.channels[0]).subspan(4410, 44100));
        QVERIFY2(std::abs(crossings - 1000) <= 1, qPrintable(QString::number(crossings)));
    }

    // --- files made by sox -------------------------------------------------------------

    void soxLosslessMatchesFormula_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("wav 16") << "sox16.wav" << "PCM 16-bit";
        QTest::newRow("flac 16") << "sox16.flac" << "PCM 16-bit";
        QTest::newRow("aiff 16") << "sox16.aiff" << "PCM 16-bit";
    }
    void soxLosslessMatchesFormula()
    {
        QFETCH(QString, name);
        QFETCH(QString, encoding);
        const std::string path = pathOf(name.toStdString());
        const QStringList synth{"synth", "2", "sine", "1000", "vol", "0.5"};
        // -D: no dither, so every sample is sox's sine rounded to 16 bits.
        QVERIFY(runSox(QStringList{"-D", "-n", "-r", "44100", "-c", "2", "-b", "16", QString::fromStdString(path)} + synth));
        const LoadedAudio out = loadAudioFile(path);
        QCOMPARE(out.info.encoding, encoding.toStdString());
        QCOMPARE(out.info.frames, std::int64_t(88200));
        QCOMPARE(out.info.durationSeconds, 2.0);
        const auto reference = soxFloatReference(synth, 44100, 2);
        QCOMPARE(reference.size(), std::size_t(2));
        QCOMPARE(reference[0].size(), std::size_t(88200));
        // And sox's sine is the formula's to within a few thousandths (sanity of the reference).
        const AudioBuffer formula = test::sine(1000.0, 20.0 * std::log10(0.5), 44100.0, 88200, 2);
        QVERIFY(test::maxAbsDifference(reference[0], formula.channels[0]) < 0.005);
        for (std::size_t c = 0; c < 2; ++c) {
            const double diff = test::maxAbsDifference(out.audio.channels[c], reference[c]);
            QVERIFY2(diff <= 1.0 / 32768.0, qPrintable(QString("max difference %1").arg(diff)));
        }
        QVERIFY(test::maxAbsDifference(out.audio.channels[0], formula.channels[0]) < 0.005);
    }

    // (sox cannot write Opus; the Opus round trip is covered by lossyFormats.)
    void soxOggAndOpus_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("rate");
        QTest::newRow("ogg") << "sox.ogg" << 44100;
    }
    void soxOggAndOpus()
    {
        QFETCH(QString, name);
        QFETCH(int, rate);
        const std::string path = pathOf(name.toStdString());
        if (!runSox({"-n", "-r", QString::number(rate), "-c", "2", QString::fromStdString(path), "synth", "2", "sine",
                     "1000", "vol", "0.5"}))
            QSKIP("this sox cannot write the format");
        const LoadedAudio out = loadAudioFile(path);
        QVERIFY(std::abs(out.info.frames - 2 * rate) <= 1200);
        QVERIFY(std::abs(test::rmsDb(out.audio.channels[1]) - (20.0 * std::log10(0.5 / std::sqrt(2.0)))) < 0.5);
    }

    void monoPlaysOnBothChannels()
    {
        const std::string path = pathOf("mono.wav");
        const QStringList synth{"synth", "1", "sine", "440", "vol", "0.25"};
        QVERIFY(runSox(QStringList{"-D", "-n", "-r", "44100", "-c", "1", "-b", "16", QString::fromStdString(path)} + synth));
        const LoadedAudio out = loadAudioFile(path);
        QCOMPARE(out.info.channels, 1);
        QCOMPARE(out.audio.channelCount(), std::size_t(2));
        QCOMPARE(out.audio.channels[0], out.audio.channels[1]);
        const auto reference = soxFloatReference(synth, 44100, 1);
        QCOMPARE(reference.size(), std::size_t(1));
        QCOMPARE(out.audio.frames(), reference[0].size());
        QVERIFY(test::maxAbsDifference(out.audio.channels[0], reference[0]) <= 1.0 / 32768.0);
        QCOMPARE(loadAudioFile(path, {.targetSampleRate = 0, .stereo = false, .progress = {}}).audio.channelCount(),
                 std::size_t(1));
    }

    void sixChannelWavDownmixesPerBs775()
    {
        // Six different tones from sox, one per channel (L R C LFE Ls Rs).
        const std::string path = pathOf("surround.wav");
        const double freqs[6] = {200, 300, 400, 50, 600, 700};
        QStringList args{"-D", "-n", "-r", "48000", "-c", "6", "-b", "24", QString::fromStdString(path), "synth", "1"};
        for (double f : freqs)
            args << "sine" << QString::number(f);
        args << "vol" << "0.3";
        QVERIFY(runSox(args));
        const LoadedAudio out = loadAudioFile(path);
        QCOMPARE(out.info.channels, 6);
        QCOMPARE(out.audio.channelCount(), std::size_t(2));
        const double g = std::sqrt(0.5);
        double worst = 0;
        for (std::size_t i = 0; i < 48000; ++i) {
            double s[6];
            for (int c = 0; c < 6; ++c)
                s[c] = 0.3 * std::sin(2.0 * std::numbers::pi * freqs[c] * double(i) / 48000.0);
            worst = std::max(worst, std::abs(out.audio.channels[0][i] - (s[0] + g * s[2] + g * s[4])));
            worst = std::max(worst, std::abs(out.audio.channels[1][i] - (s[1] + g * s[2] + g * s[5])));
        }
        QVERIFY2(worst < 1e-5, qPrintable(QString("worst %1").arg(worst)));
    }

    void resampleWhileDecodingEqualsResampleAfter_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("stereo");
        QTest::newRow("6 ch as stereo") << "surround.wav" << true;
        QTest::newRow("6 ch kept") << "surround.wav" << false;
        QTest::newRow("mono as stereo") << "mono.wav" << true;
        QTest::newRow("mono kept") << "mono.wav" << false;
    }
    void resampleWhileDecodingEqualsResampleAfter()
    {
        // The loader decodes and resamples on several threads; the result must be exactly
        // the whole-buffer resample of the plain load (files from the tests above).
        QFETCH(QString, name);
        QFETCH(bool, stereo);
        const std::string path = pathOf(name.toStdString());
        const LoadedAudio plain = loadAudioFile(path, {.targetSampleRate = 0, .stereo = stereo, .progress = {}});
        const LoadedAudio direct = loadAudioFile(path, {.targetSampleRate = 32000, .stereo = stereo, .progress = {}});
        const AudioBuffer after = resample(plain.audio, 32000);
        QCOMPARE(direct.audio.sampleRate, 32000.0);
        QCOMPARE(direct.audio.channelCount(), after.channelCount());
        QCOMPARE(direct.audio.frames(), after.frames());
        QVERIFY(direct.audio.channels == after.channels);
        QCOMPARE(direct.info.frames, plain.info.frames);
    }

    void longFlacDecodedInTwoHalvesEqualsSinglePass()
    {
        // Long FLAC files are decoded in two halves on two threads (second handle seeked to
        // the midpoint); the samples must be exactly the single-pass decode's.
        const std::string path = pathOf("long-noise.flac");
        QVERIFY(runSox({"-n", "-r", "44100", "-c", "2", "-b", "24", QString::fromStdString(path), "synth", "40",
                        "pinknoise", "vol", "0.5"}));
        const LoadedAudio plain = loadAudioFile(path, {.targetSampleRate = 0, .stereo = true, .progress = {}});
        QCOMPARE(plain.info.frames, std::int64_t(40 * 44100));
        const LoadedAudio direct = loadAudioFile(path, {.targetSampleRate = 48000, .stereo = true, .progress = {}});
        const AudioBuffer after = resample(plain.audio, 48000);
        QCOMPARE(direct.info.frames, plain.info.frames);
        QCOMPARE(direct.audio.frames(), after.frames());
        QVERIFY(direct.audio.channels == after.channels);

        // The same file cut short: the error is the single pass's, whichever half it lands in.
        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (const double keep : {0.3, 0.7, 0.999}) {
            const std::string cut = pathOf("long-noise-cut.flac");
            std::ofstream(cut, std::ios::binary) << bytes.substr(0, std::size_t(double(bytes.size()) * keep));
            std::string plainError, directError;
            AudioErrorKind plainKind{}, directKind{};
            try {
                loadAudioFile(cut, {.targetSampleRate = 0, .stereo = true, .progress = {}});
            } catch (const AudioError& e) {
                plainError = e.what();
                plainKind = e.kind();
            }
            try {
                loadAudioFile(cut, {.targetSampleRate = 48000, .stereo = true, .progress = {}});
            } catch (const AudioError& e) {
                directError = e.what();
                directKind = e.kind();
            }
            QVERIFY2(!plainError.empty(), qPrintable(QString::number(keep)));
            QCOMPARE(directError, plainError);
            QVERIFY(directKind == plainKind);
        }
    }

    void resampleOnLoadKeepsSine()
    {
        const std::string path = pathOf("sine44.wav");
        QVERIFY(runSox({"-n", "-r", "44100", "-c", "2", "-b", "32", "-e", "float", QString::fromStdString(path), "synth",
                        "3", "sine", "1000", "vol", "0.5"}));
        std::vector<double> fractions;
        LoadOptions options;
        options.targetSampleRate = 48000;
        options.progress = [&](double f) { fractions.push_back(f); };
        const LoadedAudio out = loadAudioFile(path, options);
        QCOMPARE(out.info.sampleRate, 44100);
        QCOMPARE(out.info.frames, std::int64_t(132300));
        QCOMPARE(out.audio.sampleRate, 48000.0);
        QCOMPARE(out.audio.frames(), std::size_t(std::llround(132300.0 * 48000.0 / 44100.0)));
        const std::span<const float> mid = std::span<const float>(out.audio.channels[0]).subspan(48000, 48000);
        const int crossings = risingZeroCrossings(mid);
        QVERIFY2(std::abs(crossings - 1000) <= 1, qPrintable(QString::number(crossings)));
        const double level = test::rmsDb(mid);
        const double expected = 20.0 * std::log10(0.5 / std::sqrt(2.0));
        QVERIFY2(std::abs(level - expected) < 0.1, qPrintable(QString("%1 vs %2").arg(level).arg(expected)));

        QVERIFY(fractions.size() >= 2);
        QCOMPARE(fractions.front(), 0.0);
        QCOMPARE(fractions.back(), 1.0);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
    }

    // --- writing errors ----------------------------------------------------------------

    void writeErrors()
    {
        const AudioBuffer audio = test::sine(1000.0, -6.0, 44100.0, 4410);
        auto expect = [](const std::function<void()>& f, AudioErrorKind kind, const QString& needle) {
            try {
                f();
                QFAIL("no exception");
            } catch (const AudioError& e) {
                QCOMPARE(toString(e.kind()), toString(kind));
                QVERIFY2(QString(e.what()).contains(needle), e.what());
            }
        };
        expect([&] { writeAudioFile(pathOf("x.xyz"), audio); }, AudioErrorKind::InvalidArgument, ".xyz");
        expect([&] { writeAudioFile(pathOf("noext"), audio); }, AudioErrorKind::InvalidArgument, "noext");
        // (.opus at 44.1 kHz is no error: resampled to 48 kHz, see test_file_writes.)
        expect([&] { writeAudioFile(pathOf("x96.mp3"), test::sine(1000.0, -6.0, 96000.0, 960)); },
               AudioErrorKind::InvalidArgument, "96000 Hz");
        expect([&] { writeAudioFile(pathOf("empty.wav"), AudioBuffer{}); }, AudioErrorKind::InvalidArgument, "empty");
        const std::string missingDir = pathOf("no/such/dir/x.wav");
        expect([&] { writeAudioFile(missingDir, audio); }, AudioErrorKind::WriteFailed, "No such file or directory");
        expect([&] { writeAudioFile(missingDir, audio); }, AudioErrorKind::WriteFailed, QString::fromStdString(missingDir));
        expect([&] { writeAudioFile(g_dir, audio); }, AudioErrorKind::InvalidArgument, "extension");
        const std::string dirNamedWav = pathOf("folder.wav");
        QVERIFY(QDir().mkpath(QString::fromStdString(dirNamedWav)));
        expect([&] { writeAudioFile(dirNamedWav, audio); }, AudioErrorKind::WriteFailed, "Is a directory");
    }

    // --- bad inputs --------------------------------------------------------------------

    void badInputs_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<AudioErrorKind>("kind");
        QTest::addColumn<QString>("cause"); // a word the message must contain

        auto add = [](const char* tag, const std::string& path, AudioErrorKind kind, const char* cause) {
            QTest::newRow(tag) << QString::fromStdString(path) << kind << QString(cause);
        };
        using K = AudioErrorKind;

        add("missing file", pathOf("does-not-exist.wav"), K::FileNotFound, "no such file");

        const std::string dir = pathOf("a-folder.wav");
        QDir().mkpath(QString::fromStdString(dir));
        add("directory", dir, K::NotRegularFile, "folder");

        const std::string fifo = pathOf("pipe.wav");
        ::mkfifo(fifo.c_str(), 0644); // opening it for reading would block until a writer comes
        add("fifo", fifo, K::NotRegularFile, "pipe");

        const std::string empty = pathOf("empty.wav");
        writeText(empty, "");
        add("empty file", empty, K::NotAudio, "empty file (0 bytes)");

        const std::string text = pathOf("notes.wav");
        writeText(text, "These are my mixing notes, not a WAV file.\nKick: -6 dB\n");
        add("text named .wav", text, K::NotAudio, "not an audio file");

        const std::string random = pathOf("random.flac");
        {
            std::vector<unsigned char> bytes(8192);
            std::uint32_t s = 99;
            for (auto& b : bytes)
                b = (s = s * 1664525u + 1013904223u) >> 24;
            writeBytes(random, bytes);
        }
        add("random bytes named .flac", random, K::NotAudio, "not an audio file");

        const std::string png = pathOf("picture.mp3");
        {
            std::vector<unsigned char> bytes = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
            for (int i = 0; i < 2000; ++i)
                bytes.push_back((i * 37) & 0x7F);
            writeBytes(png, bytes);
        }
        add("PNG named .mp3", png, K::NotAudio, "not an audio file");

        const std::string noData = pathOf("no-data.wav");
        writeBytes(noData, wavBytes(1, 2, 44100, 16, {}));
        add("WAV header, no data", noData, K::ZeroFrames, "no audio");

        const std::string promisesMissing = pathOf("promises.wav");
        writeBytes(promisesMissing, wavBytes(1, 2, 44100, 16, {}, 4000));
        add("WAV promising 1000 frames, holding none", promisesMissing, K::Truncated, "header promises 1000 frames, file holds 0");

        const std::string full = pathOf("full.wav");
        writeBytes(full, wavBytes(1, 2, 44100, 16, pcm16Payload(2 * 4410)));
        const std::string halfWav = pathOf("half.wav");
        truncateToHalf(full, halfWav, 44);
        add("WAV truncated to half its data", halfWav, K::Truncated, "header promises 4410 frames, file holds 2205");

        const std::string fullFlac = pathOf("full.flac");
        runSox({"-n", "-r", "44100", "-c", "2", "-b", "16", QString::fromStdString(fullFlac), "synth", "3", "pinknoise", "vol", "0.5"});
        const std::string halfFlac = pathOf("half.flac");
        truncateToHalf(fullFlac, halfFlac);
        add("FLAC truncated to half", halfFlac, K::Truncated, "header promises 132300 frames");

        const std::string fullOgg = pathOf("full.ogg");
        runSox({"-n", "-r", "44100", "-c", "2", QString::fromStdString(fullOgg), "synth", "3", "pinknoise", "vol", "0.5"});
        const std::string halfOgg = pathOf("half.ogg");
        truncateToHalf(fullOgg, halfOgg);
        // libsndfile refuses it as "malformed"; walking the Ogg pages shows the last one is cut.
        add("Ogg truncated to half", halfOgg, K::Truncated, "Ogg page");

        const std::string rate1 = pathOf("rate-1.wav");
        writeBytes(rate1, wavBytes(1, 2, 1, 16, pcm16Payload(200)));
        add("WAV at 1 Hz", rate1, K::AbsurdSampleRate, "1 Hz");

        const std::string rate10M = pathOf("rate-10M.wav");
        writeBytes(rate10M, wavBytes(1, 2, 10'000'000, 16, pcm16Payload(200)));
        add("WAV at 10 MHz", rate10M, K::AbsurdSampleRate, "10000000 Hz");

        // libsndfile refuses 0 channels itself ("Channel count is zero", an internal code);
        // the loader reads the fmt chunk to say which field is wrong.
        const std::string ch0 = pathOf("channels-0.wav");
        writeBytes(ch0, wavBytes(1, 0, 44100, 16, pcm16Payload(200)));
        add("WAV with 0 channels", ch0, K::AbsurdChannelCount, "0 channels");

        const std::string ch40 = pathOf("channels-40.wav");
        writeBytes(ch40, wavBytes(1, 40, 44100, 16, pcm16Payload(40 * 100)));
        add("WAV with 40 channels", ch40, K::AbsurdChannelCount, "40 channels");

        // libsndfile calls this a "Malformed 'fmt ' chunk"; the format tag says what it is.
        const std::string tag = pathOf("format-1234.wav");
        writeBytes(tag, wavBytes(0x1234, 2, 44100, 16, pcm16Payload(200)));
        add("WAV with format tag 0x1234", tag, K::UnsupportedEncoding, "0x1234");

        const std::string nan = pathOf("nan.wav");
        writeBytes(nan, wavBytes(3, 1, 44100, 32, floatPayload({0.1f, 0.2f, std::nanf(""), 0.3f})));
        add("float WAV with NaN", nan, K::DecodeFailed, "NaN");

        const std::string inf = pathOf("inf.wav");
        writeBytes(inf, wavBytes(3, 1, 44100, 32, floatPayload({0.1f, -INFINITY, 0.3f})));
        add("float WAV with -inf", inf, K::DecodeFailed, "infinity");

        // libsndfile says "Unspecified internal error"; COMM promises 44100 frames, no SSND.
        const std::string aiffHeader = pathOf("header-only.aiff");
        writeBytes(aiffHeader, aiffBytes(44100, false));
        add("AIFF header only", aiffHeader, K::Truncated, "header promises 44100 frames, file holds 0");

        const std::string aiffEmpty = pathOf("zero.aiff");
        writeBytes(aiffEmpty, aiffBytes(0, true));
        add("AIFF with 0 frames", aiffEmpty, K::ZeroFrames, "no audio");

        // libsndfile's MPEG reader reports "File does not exist or is not a regular file"
        // here (misleading: it exists); the loader sees the tag and no MPEG frame sync.
        const std::string id3 = pathOf("tag-only.mp3");
        {
            std::vector<unsigned char> bytes = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 30};
            std::vector<unsigned char> frame = {'T', 'I', 'T', '2', 0, 0, 0, 6, 0, 0, 0, 'M', 'i', 'x', ' ', '1'};
            bytes.insert(bytes.end(), frame.begin(), frame.end());
            bytes.resize(10 + 30, 0);
            writeBytes(id3, bytes);
        }
        add("ID3 tag, no MP3 frames", id3, K::ZeroFrames, "ID3");

        // Not included: a chmod 000 file. The tests run as root, which reads it anyway, so the
        // Unreadable case cannot be produced this way.
    }

    void badInputs()
    {
        QFETCH(QString, path);
        QFETCH(AudioErrorKind, kind);
        QFETCH(QString, cause);
        const std::string p = path.toStdString();

        for (int attempt = 0; attempt < 2; ++attempt) {
            QElapsedTimer timer;
            timer.start();
            try {
                if (attempt == 0)
                    loadAudioFile(p, {.targetSampleRate = 48000, .stereo = true, .progress = {}});
                else
                    probeAudioFile(p);
                QFAIL(attempt == 0 ? "loadAudioFile accepted it" : "probeAudioFile accepted it");
            } catch (const AudioError& e) {
                qInfo("%s -> %s", toString(e.kind()), e.what());
                QCOMPARE(toString(e.kind()), toString(kind));
                QCOMPARE(e.subject(), p);
                QVERIFY2(QString(e.what()).contains(path), e.what());
                QVERIFY2(QString(e.what()).contains(cause, Qt::CaseInsensitive), e.what());
            }
            QVERIFY(timer.elapsed() < 5000);
        }
    }

    void invalidTargetRate()
    {
        const std::string path = pathOf("target.wav");
        writeAudioFile(path, test::sine(1000.0, -6.0, 44100.0, 4410));
        QVERIFY_THROWS_EXCEPTION(AudioError, loadAudioFile(path, {.targetSampleRate = 5e6, .stereo = true, .progress = {}}));
        QVERIFY_THROWS_EXCEPTION(AudioError, loadAudioFile(path, {.targetSampleRate = -1, .stereo = true, .progress = {}}));
    }
};

QTEST_APPLESS_MAIN(TestAudioFile)
#include "test_audio_file.moc"
