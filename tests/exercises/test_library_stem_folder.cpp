// A folder of the user's stems as one multitrack source, on real files in scratch folders:
// the scan (stems, names, the mix measured, the refusals naming the file and the cause),
// the loop prepareLoop cuts from it (the stems sum to the mix), a stem question on it, and
// the genre tags read from files of every format libsndfile tags.

#include "exercises/library_scan.h"
#include "exercises/library_scan_stems.h"
#include "exercises/question_material.h"
#include "exercises/stem_exercise.h"

#include "support/scratch_files.h"
#include "support/stem_folder_files.h"
#include "support/test_signals.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace earlab;
using namespace earlab::test;

namespace {

// Three stems of 20 s at 48 kHz (one at 44.1 kHz), loudest at 10 s; the second carries a genre.
QString makeGoodFolder()
{
    const QString dir = scratch("stem-folder-good") + "/My Song";
    QDir().mkpath(dir);
    writeStem(dir + "/Bass.wav", stemSignal(80, 20, 48000));
    if (!writeTagged(dir + "/drums.flac", stemSignal(3000, 20, 48000), "Funk"))
        return {};
    writeStem(dir + "/keys.wav", stemSignal(440, 20, 44100));
    writeStem(dir + "/.hidden.wav", stemSignal(440, 3, 48000)); // skipped, like audioFilesIn does
    QFile notes(dir + "/notes.txt");
    notes.open(QIODevice::WriteOnly);
    notes.write("not audio");
    return dir;
}

} // namespace

class TestLibraryStemFolder : public QObject {
    Q_OBJECT

private:
    QString m_good;

private slots:
    void initTestCase()
    {
        m_good = makeGoodFolder();
        QVERIFY(!m_good.isEmpty());
    }

    void aFolderOfStemsScansAsOneMultitrack()
    {
        std::vector<double> progress;
        const ScanResult scan = scanStemFolder(m_good, [&](double f) { progress.push_back(f); });
        QVERIFY2(scan.ok, qPrintable(scan.error));
        QVERIFY(scan.stemFolder);
        QCOMPARE(scan.path, m_good);
        QCOMPARE(scan.stems, (QStringList{m_good + "/Bass.wav", m_good + "/drums.flac", m_good + "/keys.wav"}));
        QCOMPARE(stemNames(scan.stems), (QStringList{"Bass", "drums", "keys"}));
        QCOMPARE(scan.format, QStringLiteral("WAV + FLAC"));
        QCOMPARE(scan.sampleRate, 48000);
        QCOMPARE(scan.channels, 2);
        QVERIFY(std::abs(scan.durationSeconds - 20.0) < 1e-3);
        QCOMPARE(scan.genre, QStringLiteral("Funk")); // the first stem that has a tag
        QVERIFY(std::isfinite(scan.loudnessLufs));
        QCOMPARE(scan.overview.bins(), kOverviewBins);
        QCOMPARE(int(scan.octaveLevelsDb.size()), 9);
        // The densest 15 s of the mix: around the stems' loudest moment, 10 s.
        QCOMPARE(scan.region.lengthSeconds, 15.0);
        QVERIFY2(scan.region.startSeconds >= 2.0 && scan.region.startSeconds <= 5.0,
                 qPrintable(QString::number(scan.region.startSeconds)));
        QVERIFY(!progress.empty());
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
        QCOMPARE(progress.back(), 1.0);

        const MaterialRef m = stemFolderMaterial(scan);
        QCOMPARE(m.kind, MaterialRef::Kind::UserFile);
        QCOMPARE(m.title, QStringLiteral("My Song"));
        QCOMPARE(m.id, "file:" + m_good);
        QVERIFY(m.mixOfStems);
        QCOMPARE(m.stemNames, (QStringList{"Bass", "drums", "keys"}));
        QCOMPARE(m.genre, QStringLiteral("Funk"));
    }

    void theLoopsStemsSumToItsMix()
    {
        const ScanResult scan = scanStemFolder(m_good);
        QVERIFY2(scan.ok, qPrintable(scan.error));
        MaterialRef material = stemFolderMaterial(scan);
        std::shared_ptr<const PreparedLoop> first;
        for (bool regionGiven : {true, false}) {
            if (!regionGiven)
                material.region = {}; // as a material without a scan: the loop is picked on the mix
            const auto loop = prepareLoop(material);
            if (!first) {
                first = loop;
            } else {
                // Each stem cut once to the scan's region, or the sum picked on: the same loop.
                QCOMPARE(loop->startSeconds, first->startSeconds);
                QVERIFY(loop->audio->channels == first->audio->channels);
            }
            QVERIFY(loop->stems);
            const Multitrack& mt = *loop->stems;
            QCOMPARE(mt.names, (std::vector<std::string>{"Bass", "drums", "keys"}));
            QCOMPARE(loop->audio->sampleRate, 48000.0);
            QCOMPARE(loop->audio->frames(), std::size_t(15 * 48000));
            QVERIFY2(std::abs(loop->startSeconds - scan.region.startSeconds) < 0.05,
                     qPrintable(QString::number(loop->startSeconds)));
            double worst = 0;
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < loop->audio->frames(); ++i) {
                    double sum = 0;
                    for (const auto& stem : mt.stems)
                        sum += stem->channels[c][i];
                    worst = std::max(worst, std::abs(sum - loop->audio->channels[c][i]));
                }
            QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
            // Not a silent sum: every stem is in it.
            QVERIFY(rmsDb(loop->audio->channels[0]) > -30.0);
        }
    }

    void aStemQuestionOnItNamesOneOfItsStems()
    {
        const ScanResult scan = scanStemFolder(m_good);
        const auto loop = prepareLoop(stemFolderMaterial(scan));
        const StemExercise exercise;
        QStringList asked;
        for (std::uint64_t seed = 1; seed <= 12; ++seed) {
            const Question q = exercise.ask({1, 6.0}, seed, factsOf(*loop));
            QVERIFY(q.usesStems);
            const QString stem = q.hidden.value("stem").toString();
            QVERIFY2((QStringList{"Bass", "drums", "keys"}).contains(stem), qPrintable(stem));
            asked << stem;
        }
        asked.removeDuplicates();
        QVERIFY2(asked.size() >= 2, qPrintable(asked.join(','))); // not always the same stem
    }

    void stemsWithinOneSampleAreOneLength()
    {
        const QString dir = scratch("stem-folder-one-sample");
        writeStem(dir + "/a.wav", stemSignal(200, 8, 48000));
        writeStem(dir + "/b.wav", stemSignal(300, 8, 48000, 4, 1)); // one frame longer
        const ScanResult scan = scanStemFolder(dir);
        QVERIFY2(scan.ok, qPrintable(scan.error));
        QCOMPARE(scan.durationSeconds, 8.0); // the shorter
        const auto loop = prepareLoop(stemFolderMaterial(scan));
        QCOMPARE(loop->stems->stems.size(), std::size_t(2));
    }

    void stemsOfDifferentLengthsAreRefusedNamingTheFile()
    {
        const QString dir = scratch("stem-folder-lengths");
        writeStem(dir + "/a.wav", stemSignal(200, 20, 48000));
        writeStem(dir + "/b.wav", stemSignal(300, 20.4, 48000));
        writeStem(dir + "/c.wav", stemSignal(400, 20, 44100));
        const ScanResult scan = scanStemFolder(dir);
        QVERIFY(!scan.ok);
        QVERIFY(scan.stemFolder);
        QCOMPARE(scan.error, dir + "/b.wav is 0:20.4 long, the others 0:20.0: the stems of a folder must all have "
                                   "one length");
        QVERIFY(scan.overview.isEmpty());

        // Two samples apart: the seconds look alike, so the samples are said.
        const QString close = scratch("stem-folder-two-samples");
        writeStem(close + "/a.wav", stemSignal(200, 8, 48000));
        writeStem(close + "/b.wav", stemSignal(300, 8, 48000, 4, 2));
        const ScanResult near = scanStemFolder(close);
        QVERIFY(!near.ok);
        QVERIFY2(near.error.contains(close + "/b.wav is 0:08.000 (384002 samples at 48000 Hz) long, the others "
                                             "0:08.000 (384000 samples at 48000 Hz)"),
                 qPrintable(near.error));
    }

    void tooFewFilesAndBrokenFilesAreRefused()
    {
        const QString one = scratch("stem-folder-one");
        writeStem(one + "/only.wav", stemSignal(200, 8, 48000));
        QDir().mkpath(one + "/sub");
        writeStem(one + "/sub/nested.wav", stemSignal(200, 8, 48000)); // not a stem: not recursive
        const QString refusal = stemFolderRefusal(one);
        QVERIFY2(refusal.startsWith(one + ": a folder of stems needs at least 2 audio files"), qPrintable(refusal));
        QVERIFY2(refusal.endsWith("it holds 1"), qPrintable(refusal));
        QCOMPARE(scanStemFolder(one).error, refusal);
        QVERIFY(stemFolderRefusal(one + "/only.wav").endsWith(": not a folder"));
        QVERIFY(!scanStemFolder(one + "/gone").ok);

        const QString broken = scratch("stem-folder-broken");
        writeStem(broken + "/a.wav", stemSignal(200, 8, 48000));
        QVERIFY(writeBytes(broken + "/b broken.wav", "RIFF\x10\0\0\0WAVEfmt this is not audio"));
        writeStem(broken + "/c.wav", stemSignal(200, 8, 48000));
        QVERIFY(stemFolderRefusal(broken).isEmpty()); // the listing is fine: the scan decides
        const ScanResult scan = scanStemFolder(broken);
        QVERIFY(!scan.ok);
        // The scanner's own diagnosis of that file, as scanFile gives it.
        QCOMPARE(scan.error, scanFile(broken + "/b broken.wav").error);
        QVERIFY2(scan.error.startsWith(broken + "/b broken.wav"), qPrintable(scan.error));

        const QString silent = scratch("stem-folder-silent");
        writeStem(silent + "/a.wav", stemSignal(200, 8, 48000));
        writeStem(silent + "/b.wav", AudioBuffer::silence(2, 8 * 48000, 48000));
        QCOMPARE(scanStemFolder(silent).error, silent + "/b.wav: digital silence: nothing to train on");
    }

    void genreTagsAreReadFromTaggedFiles()
    {
        const QString dir = scratch("genre-tags");
        const AudioBuffer audio = stemSignal(440, 6, 48000, 3);
        for (const char* name : {"tagged.wav", "tagged.flac", "tagged.ogg", "tagged.opus", "tagged.mp3"}) {
            const QString path = dir + "/" + name;
            QVERIFY2(writeTagged(path, audio, "  Drum & Bass "), name);
            const ScanResult scan = scanFile(path);
            QVERIFY2(scan.ok, qPrintable(scan.error));
            QCOMPARE(scan.genre, QStringLiteral("Drum & Bass"));
        }
        // AIFF holds no genre for libsndfile; an untagged file has none.
        QVERIFY(writeTagged(dir + "/tagged.aiff", audio, "Jazz"));
        QCOMPARE(scanFile(dir + "/tagged.aiff").genre, QString());
        writeStem(dir + "/plain.wav", audio);
        const ScanResult plain = scanFile(dir + "/plain.wav");
        QVERIFY(plain.ok);
        QCOMPARE(plain.genre, QString());
        QVERIFY(!plain.stemFolder);
        QVERIFY(plain.stems.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLibraryStemFolder)
#include "test_library_stem_folder.moc"
