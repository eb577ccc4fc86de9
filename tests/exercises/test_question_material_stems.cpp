// prepareLoop on a multitrack material: every stem loaded at the engine's rate, cut to the
// mix's loop region (so the stems still sum to the loop), progress reported across all the
// files, and stems that do not fit the mix refused with one message naming the file.

#include "exercises/question_material.h"

#include "assets/builtin_material.h"
#include "audio/audio_error.h"
#include "audio/io/audio_file.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace earlab;

namespace {

// The built-in song as the app names it (app/src/builtin_catalog.cpp).
MaterialRef builtinSong(const std::string& id)
{
    const BuiltinLoop* loop = findBuiltinLoop(id);
    MaterialRef m;
    m.kind = MaterialRef::Kind::Builtin;
    m.id = QString::fromStdString("builtin:" + id);
    m.path = QString::fromStdString(materialPath(loop->mixFile));
    for (const auto& [name, file] : loop->stems) {
        m.stemNames << QString::fromStdString(name);
        m.stemPaths << QString::fromStdString(materialPath(file));
    }
    return m;
}

} // namespace

class TestQuestionMaterialStems : public QObject {
    Q_OBJECT

private slots:
    void builtinSongsLoadAsMultitrack()
    {
        for (const BuiltinLoop& song : builtinLoops()) {
            std::vector<double> progress;
            const auto loop = prepareLoop(builtinSong(song.id), [&](double f) { progress.push_back(f); });
            QVERIFY(loop->stems);
            const Multitrack& mt = *loop->stems;
            QCOMPARE(mt.stems.size(), song.stems.size());
            QCOMPARE(mt.names.size(), song.stems.size());
            double worst = 0;
            for (std::size_t k = 0; k < mt.stems.size(); ++k) {
                QCOMPARE(mt.names[k], song.stems[k].first);
                QCOMPARE(mt.stems[k]->frames(), loop->audio->frames());
                QCOMPARE(mt.stems[k]->channelCount(), std::size_t(2));
                QCOMPARE(mt.stems[k]->sampleRate, loop->audio->sampleRate);
            }
            // The mix is the sum of its stems (assets/builtin_material.h): the same region was cut.
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < loop->audio->frames(); ++i) {
                    float sum = 0;
                    for (const auto& s : mt.stems)
                        sum += s->channels[c][i];
                    worst = std::max(worst, double(std::abs(sum - loop->audio->channels[c][i])));
                }
            QVERIFY2(worst < 1e-5, qPrintable(QString("%1: stems differ from the mix by %2").arg(song.id.c_str()).arg(worst)));
            // Progress rises to 1 and is reported while the stems load (past the mix's fifth).
            QVERIFY(std::is_sorted(progress.begin(), progress.end()));
            QCOMPARE(progress.back(), 1.0);
            QVERIFY(std::count_if(progress.begin(), progress.end(), [](double f) { return f > 0.2 && f < 0.7; }) >= 4);
            QCOMPARE(factsOf(*loop).stems, loop->stems);
        }
    }

    void plainFileHasNoStems()
    {
        MaterialRef m = builtinSong("pop-rock");
        m.stemNames.clear();
        m.stemPaths.clear();
        QVERIFY(!prepareLoop(m)->stems);
    }

    void stemOfAnotherLengthIsRefusedByName()
    {
        QTemporaryDir dir;
        MaterialRef m = builtinSong("pop-rock");
        AudioBuffer bass = loadAudioFile(m.stemPaths[1].toStdString()).audio;
        for (auto& c : bass.channels)
            c.resize(c.size() - std::size_t(0.8 * 48000));
        const QString shortBass = dir.filePath("short-bass.wav");
        writeAudioFile(shortBass.toStdString(), bass);
        m.stemPaths[1] = shortBass;
        try {
            prepareLoop(m);
            QFAIL("a stem shorter than the mix was accepted");
        } catch (const AudioError& e) {
            QCOMPARE(QString::fromStdString(e.subject()), shortBass);
            QVERIFY2(QString(e.what()).contains("stem bass is 31.2 s, the mix 32.0 s"), e.what());
        }
    }

    void missingStemIsNamed()
    {
        MaterialRef m = builtinSong("electronic");
        m.stemPaths[2] = QStringLiteral("/nonexistent/harmony.wav");
        try {
            prepareLoop(m);
            QFAIL("a missing stem was accepted");
        } catch (const AudioError& e) {
            QCOMPARE(e.kind(), AudioErrorKind::FileNotFound);
            QCOMPARE(QString::fromStdString(e.subject()), QStringLiteral("/nonexistent/harmony.wav"));
        }
    }

    void namesAndFilesMustPair()
    {
        MaterialRef m = builtinSong("electronic");
        m.stemNames.removeLast();
        QVERIFY_THROWS_EXCEPTION(AudioError, prepareLoop(m));
    }
};

QTEST_GUILESS_MAIN(TestQuestionMaterialStems)
#include "test_question_material_stems.moc"
