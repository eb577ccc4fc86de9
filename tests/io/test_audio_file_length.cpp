// The length a file states, against what it decodes to: an MP3's Xing/Info frame (LAME's
// encoder delay and padding), an Ogg file's last granule position (Opus: minus the pre-skip).
// A cut file is an error naming it; damaged MP3 frames are skipped, counted and reported as
// a warning naming the file; the decoder prints nothing on the process's stderr (fd 2 is
// captured around every load). Files are written by EarLab's own writer and damaged
// deterministically (fixed seeds), so every run sees the same bytes.

#include "audio/audio_error.h"
#include "audio/io/audio_file.h"
#include "audio/io/audio_stream.h"
#include "audio/io/file_header.h"
#include "audio/io/mpeg_decoder.h"
#include "support/process_runner.h"
#include "support/scratch_files.h"
#include "support/test_signals.h"

#include <QtTest/QtTest>

#include <sndfile.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <algorithm>
#include <functional>
#include <optional>
#include <random>
#include <string>

using namespace earlab;

namespace {

// Noise, so every MPEG frame carries data (a damaged byte then lands in real audio).
AudioBuffer noise(double seconds, double rate = 44100)
{
    AudioBuffer b;
    b.sampleRate = rate;
    const auto frames = std::size_t(seconds * rate);
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> u(-0.25f, 0.25f);
    b.channels.assign(2, std::vector<float>(frames));
    for (auto& ch : b.channels)
        for (float& v : ch)
            v = u(rng);
    return b;
}

// What `action` wrote on fd 2 (the C library's, Qt's and any decoder's stderr).
QByteArray stderrOf(const std::function<void()>& action)
{
    std::fflush(stderr);
    char name[] = "/tmp/earlab-stderr-XXXXXX";
    const int capture = ::mkstemp(name);
    ::unlink(name);
    const int saved = ::dup(2);
    ::dup2(capture, 2);
    try {
        action();
    } catch (...) {
        std::fflush(stderr);
        ::dup2(saved, 2);
        ::close(saved);
        ::close(capture);
        throw;
    }
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    QByteArray text;
    char buf[4096];
    ::lseek(capture, 0, SEEK_SET);
    for (ssize_t n; (n = ::read(capture, buf, sizeof buf)) > 0;)
        text.append(buf, qsizetype(n));
    ::close(capture);
    return text;
}

struct Outcome {
    std::optional<AudioFileInfo> info;
    std::optional<AudioErrorKind> kind;
    QString message;
    QByteArray stderrText;
};

Outcome load(const std::string& path)
{
    Outcome o;
    o.stderrText = stderrOf([&] {
        try {
            o.info = loadAudioFile(path).info;
        } catch (const AudioError& e) {
            o.kind = e.kind();
            o.message = QString::fromStdString(e.what());
        }
    });
    return o;
}

// 3000 bytes flipped (all bits) at distinct offsets after `keep`, from a fixed seed.
QByteArray flipBytes(QByteArray bytes, qsizetype keep, unsigned seed = 6)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<qsizetype> at(keep, bytes.size() - 1);
    QSet<qsizetype> done;
    while (done.size() < 3000) {
        const qsizetype i = at(rng);
        if (!done.contains(i)) {
            done.insert(i);
            bytes[i] = char(~bytes[i]);
        }
    }
    return bytes;
}

// Offset of the start of the last Ogg page.
qsizetype lastOggPage(const QByteArray& bytes) { return bytes.lastIndexOf("OggS"); }

} // namespace

class TestAudioFileLength : public QObject {
    Q_OBJECT

    QString dir;
    std::string mp3, ogg, opus;

    std::string path(const char* name) const { return (dir + "/" + name).toStdString(); }

private slots:
    void initTestCase()
    {
        dir = test::scratch("audio-file-length");
        mp3 = path("song.mp3");
        ogg = path("song.ogg");
        opus = path("song.opus");
        writeAudioFile(mp3, noise(20.0));
        writeAudioFile(ogg, noise(20.0));
        writeAudioFile(opus, noise(20.0, 48000));
    }

    void intactFilesDecodeToTheirStatedLength_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<qint64>("frames");
        QTest::newRow("mp3") << "song.mp3" << qint64(20 * 44100);
        QTest::newRow("ogg vorbis") << "song.ogg" << qint64(20 * 44100);
        QTest::newRow("opus") << "song.opus" << qint64(20 * 48000);
    }
    void intactFilesDecodeToTheirStatedLength()
    {
        QFETCH(QString, name);
        QFETCH(qint64, frames);
        const Outcome o = load(path(name.toUtf8().constData()));
        QVERIFY2(o.info, qPrintable(o.message));
        QCOMPARE(qint64(o.info->frames), frames);
        QVERIFY(o.info->warnings.empty());
        QCOMPARE(o.stderrText, QByteArray());
    }

    void informationFramesAreRead()
    {
        // Hand-made first frames (MPEG-1 layer III, 128 kbit/s, 44.1 kHz, stereo: side info
        // 32 bytes) for the encoders we cannot run here: Xing with a LAME tag, and VBRI.
        const auto be32 = [](QByteArray& b, qsizetype at, quint32 v) {
            for (int k = 0; k < 4; ++k)
                b[at + k] = char(v >> (24 - 8 * k));
        };
        QByteArray xing(20000, '\0');
        xing.replace(0, 4, "\xFF\xFB\x90\x64");
        xing.replace(36, 4, "Xing");
        be32(xing, 40, 0x3);       // frames and bytes present
        be32(xing, 44, 1000);      // frames
        be32(xing, 48, 30000);     // bytes: more than the file holds
        xing.replace(52, 4, "LAME");
        xing[52 + 21] = char(576 >> 4); // delay 576, padding 1000 (12 bits each)
        xing[52 + 22] = char(((576 & 0xF) << 4) | (1000 >> 8));
        xing[52 + 23] = char(1000 & 0xFF);
        QVERIFY(test::writeBytes(dir + "/xing.mp3", xing));
        const detail::FileHeader x = detail::readFileHeader(path("xing.mp3"));
        QVERIFY(x.mpegAudio);
        QCOMPARE(x.mpegStatedFrames.value_or(-1), std::int64_t(1000));
        QCOMPARE(x.statedFrames.value_or(-1), std::int64_t(1000 * 1152 - 576 - 1000));
        QVERIFY(x.mpegBytesShort);

        QByteArray vbri(20000, '\0');
        vbri.replace(0, 4, "\xFF\xFB\x90\x64");
        vbri.replace(36, 4, "VBRI");
        be32(vbri, 46, 20000); // bytes: all there
        be32(vbri, 50, 500);   // frames
        QVERIFY(test::writeBytes(dir + "/vbri.mp3", vbri));
        const detail::FileHeader v = detail::readFileHeader(path("vbri.mp3"));
        QVERIFY(v.mpegAudio);
        QCOMPARE(v.mpegStatedFrames.value_or(-1), std::int64_t(500));
        QCOMPARE(v.statedFrames.value_or(-1), std::int64_t(500 * 1152));
        QVERIFY(!v.mpegBytesShort);
    }

    void mp3SamplesAreTheOnesLibsndfileGives()
    {
        // EarLab decodes MP3 with libmpg123 itself (audio/io/mpeg_decoder.h) with libsndfile's
        // settings: an intact file gives libsndfile's very samples, gapless trimming included.
        for (const std::string& file : {mp3, path("sox.mp3")}) {
            if (file != mp3) { // sox's LAME: an Xing frame without the LAME tag
                QCOMPARE(test::sox({"-n", "-r", "44100", "-c", "2", QString::fromStdString(file), "synth", "7",
                                    "pinknoise", "gain", "-20"}),
                         QString());
            }
            SF_INFO sfinfo{};
            SNDFILE* sf = sf_open(file.c_str(), SFM_READ, &sfinfo);
            QVERIFY(sf);
            std::vector<float> reference, chunk(4096 * std::size_t(sfinfo.channels));
            for (sf_count_t got; (got = sf_readf_float(sf, chunk.data(), 4096)) > 0;)
                reference.insert(reference.end(), chunk.begin(), chunk.begin() + got * sfinfo.channels);
            sf_close(sf);
            const LoadedAudio ours = loadAudioFile(file);
            QCOMPARE(ours.audio.frames() * 2, reference.size());
            for (std::size_t i = 0; i < ours.audio.frames(); ++i) {
                QCOMPARE(ours.audio.channels[0][i], reference[2 * i]);
                QCOMPARE(ours.audio.channels[1][i], reference[2 * i + 1]);
            }
        }
    }

    void mp3CutTo20KBIsTruncatedNamingTheFile()
    {
        const QString cut = dir + "/cut.mp3";
        QVERIFY(test::writeBytes(cut, test::readBytes(QString::fromStdString(mp3)).left(20000)));
        const Outcome o = load(cut.toStdString());
        QVERIFY2(o.kind, "a cut MP3 loaded as a shorter song");
        QCOMPARE(*o.kind, AudioErrorKind::Truncated);
        QVERIFY2(o.message.startsWith(cut + ": the file is truncated"), qPrintable(o.message));
        QVERIFY2(o.message.contains("882000 frames"), qPrintable(o.message)); // 20 s at 44.1 kHz
        QCOMPARE(o.stderrText, QByteArray());
        // The streaming reader says the same.
        bool threw = false;
        try {
            AudioFileReader reader(cut.toStdString());
            reader.skipToEnd();
        } catch (const AudioError& e) {
            threw = e.kind() == AudioErrorKind::Truncated;
        }
        QVERIFY(threw);
    }

    void mp3WithoutInfoFrameStatesNoLength()
    {
        // "Xing" renamed: libmpg123 and we both see a plain (CBR) MP3 without a stated length,
        // so cutting it says nothing about length.
        QByteArray bytes = test::readBytes(QString::fromStdString(mp3));
        const qsizetype tag = std::max(bytes.indexOf("Info"), bytes.indexOf("Xing"));
        QVERIFY(tag > 0 && tag < 64);
        bytes.replace(tag, 4, "Nope");
        const QString cut = dir + "/plain-cut.mp3";
        QVERIFY(test::writeBytes(cut, bytes.left(20000)));
        const Outcome o = load(cut.toStdString());
        QVERIFY2(o.info, qPrintable(o.message));
        QVERIFY(o.info->durationSeconds > 0.3 && o.info->durationSeconds < 1.5);
        QCOMPARE(o.stderrText, QByteArray());
    }

    void damagedMp3IsWarnedAboutSilently()
    {
        // 3000 flipped bytes after the first 1 KB (the Info frame), as a disk or a download
        // damages a file: the song still decodes, the skipped frames are counted.
        const QString damaged = dir + "/damaged.mp3";
        QVERIFY(test::writeBytes(damaged, flipBytes(test::readBytes(QString::fromStdString(mp3)), 1024)));
        const Outcome o = load(damaged.toStdString());
        QVERIFY2(o.info, qPrintable(o.message));
        QCOMPARE(o.stderrText, QByteArray()); // libsndfile's MPEG reader printed ~100 lines here
        QVERIFY(o.info->durationSeconds > 15.0); // libsndfile stopped at the first bad header
        QCOMPARE(int(o.info->warnings.size()), 1);
        const QString warning = QString::fromStdString(o.info->warnings.front());
        QVERIFY2(warning.startsWith(damaged + ": "), qPrintable(warning));
        const QRegularExpression counted(
            "^.*: (\\d+) damaged MPEG frames were skipped and (\\d+) muted \\(the decoder lost sync (\\d+) times; muted "
            "frames decoded to noise above \\+6 dBFS; [0-9.]+ s of the 20.00 s the header states are missing\\)$");
        const auto m = counted.match(warning);
        QVERIFY2(m.hasMatch(), qPrintable(warning));
        QVERIFY(m.captured(1).toInt() > 0);
        QVERIFY(m.captured(2).toInt() > 0);
        QVERIFY(m.captured(3).toInt() > 0);
        // What is left plays at a sane level: no sample beyond the muting threshold.
        const LoadedAudio audio = loadAudioFile(damaged.toStdString());
        for (const auto& channel : audio.audio.channels)
            for (float v : channel)
                QVERIFY(std::abs(v) <= detail::MpegDecoder::kGarbledPeak);
        // Deterministic: the same damage, the same count and the same samples.
        const Outcome again = load(damaged.toStdString());
        QVERIFY(again.info);
        QCOMPARE(again.info->warnings, o.info->warnings);
        QCOMPARE(again.info->frames, o.info->frames);
        // probe and the streaming reader report it too.
        QCOMPARE(probeAudioFile(damaged.toStdString()).warnings, o.info->warnings);
        AudioFileReader reader(damaged.toStdString());
        reader.skipToEnd();
        QCOMPARE(reader.info().warnings, o.info->warnings);
    }

    void oggCutInsideItsLastPageIsTruncated_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("ogg vorbis") << "song.ogg";
        QTest::newRow("opus") << "song.opus";
    }
    void oggCutInsideItsLastPageIsTruncated()
    {
        QFETCH(QString, name);
        const QByteArray bytes = test::readBytes(dir + "/" + name);
        const qsizetype last = lastOggPage(bytes);
        QVERIFY(last > 0);
        const QString cut = dir + "/cut-" + name;
        QVERIFY(test::writeBytes(cut, bytes.left(last + (bytes.size() - last) / 2)));
        const Outcome o = load(cut.toStdString());
        QVERIFY2(o.kind, "a cut Ogg file loaded as a shorter song");
        QCOMPARE(*o.kind, AudioErrorKind::Truncated);
        QVERIFY2(o.message.startsWith(cut + ": the file is truncated"), qPrintable(o.message));
        QCOMPARE(o.stderrText, QByteArray());
    }

    void oggMissingPagesBeforeTheLastIsTruncated_data() { oggCutInsideItsLastPageIsTruncated_data(); }
    void oggMissingPagesBeforeTheLastIsTruncated()
    {
        // The middle third of the pages gone, the last page intact: its granule position
        // states the full length, so the shorter decode is an error.
        QFETCH(QString, name);
        const QByteArray bytes = test::readBytes(dir + "/" + name);
        const qsizetype from = bytes.indexOf("OggS", bytes.size() / 3);
        const qsizetype to = bytes.indexOf("OggS", 2 * bytes.size() / 3);
        QVERIFY(from > 0 && to > from);
        const QString holed = dir + "/holed-" + name;
        QVERIFY(test::writeBytes(holed, bytes.left(from) + bytes.mid(to)));
        const Outcome o = load(holed.toStdString());
        QVERIFY2(o.kind, "an Ogg file missing pages loaded as a shorter song");
        QCOMPARE(*o.kind, AudioErrorKind::Truncated);
        QVERIFY2(o.message.startsWith(holed + ": the file is truncated"), qPrintable(o.message));
        QCOMPARE(o.stderrText, QByteArray());
    }
};

QTEST_GUILESS_MAIN(TestAudioFileLength)
#include "test_audio_file_length.moc"
