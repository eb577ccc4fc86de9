// What earlab-cli question plays for a level that mixes stems, before the standard catalogue
// has such an exercise: a test-only multitrack exercise, in-process. The default is the first
// built-in loop with its stems, which prepareLoop() loads as the loop's region of each stem and
// the player mixes back to the loop (expected to fail until prepareLoop loads them); a single
// file or pink noise is refused, naming the file.

#include "app/cli/cli_support.h"
#include "app/cli/question_material_choice.h"

#include "audio/engine/treatment_render.h"

#include <QFileInfo>
#include <QTest>

using namespace earlab;

namespace {

class MultitrackStub final : public Exercise {
public:
    QString id() const override { return "stub-stems"; }
    QString title() const override { return "Stub stems"; }
    QString summary() const override { return "Which stem?"; }
    const std::vector<LevelInfo>& levels() const override { return m_levels; }
    Question ask(const Setting&, std::uint64_t, const MaterialFacts&) const override { return {}; }
    Grade grade(const Question&, const Answer&) const override { return {}; }
    RevealKind revealKind() const override { return RevealKind::Levels; }

private:
    std::vector<LevelInfo> m_levels = {{1, "noise", MaterialNeed::PinkNoise}, {2, "stems", MaterialNeed::Multitrack}};
};

} // namespace

class TestCliQuestionMaterial : public QObject {
    Q_OBJECT

private slots:
    void multitrackLevelPlaysABuiltinLoopsStems()
    {
        const MultitrackStub e;
        const MaterialRef m = cli::chooseMaterial(e, 2, {});
        QCOMPARE(m.kind, MaterialRef::Kind::Builtin);
        QCOMPARE(m.id, "builtin:" + cli::builtinLoopIds().front());
        QCOMPARE(m.stemNames, (QStringList{"drums", "bass", "harmony", "melody"}));
        for (const QString& p : m.stemPaths)
            QVERIFY2(QFileInfo::exists(p), qPrintable(p));

        const auto loop = prepareLoop(m);
        QVERIFY(loop->stems);
        QCOMPARE(loop->stems->stems.size(), std::size_t(4));
        QCOMPARE(std::size_t(loop->stems->frames()), loop->audio->frames());
        // All stems at 0 dB through the player's stem mix: the mix itself, within float rounding.
        Treatment flat;
        flat.stems.resize(4);
        const AudioBuffer mixed = renderMastered(*loop->stems, flat);
        const AudioBuffer mix = renderMastered(*loop->audio, flat);
        QCOMPARE(mixed.frames(), mix.frames());
        double worst = 0;
        for (std::size_t c = 0; c < 2; ++c)
            for (std::size_t i = 0; i < mix.frames(); ++i)
                worst = std::max(worst, double(std::abs(mixed.channels[c][i] - mix.channels[c][i])));
        QVERIFY2(worst < 1e-4, qPrintable(QString("stems and mix differ by %1").arg(worst)));
    }

    void otherLevelsGetNoStems()
    {
        const MultitrackStub e;
        QVERIFY(cli::chooseMaterial(e, 2, "builtin:electronic").stemPaths.size() == 4);
        QVERIFY(cli::chooseMaterial(e, 1, "builtin:electronic").stemPaths.isEmpty());
        QCOMPARE(cli::chooseMaterial(e, 1, {}).kind, MaterialRef::Kind::PinkNoise);
    }

    void plainFileOrNoiseIsRefused()
    {
        const MultitrackStub e;
        try {
            cli::chooseMaterial(e, 2, "/music/song.wav");
            QFAIL("a single file was taken for a multitrack level");
        } catch (const cli::UsageError& x) {
            QVERIFY2(QString(x.what()).startsWith("/music/song.wav: a single file has no stems"), x.what());
            QVERIFY2(QString(x.what()).contains("level 2 of stub-stems"), x.what());
        }
        QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::chooseMaterial(e, 2, "noise"));
    }
};

QTEST_GUILESS_MAIN(TestCliQuestionMaterial)
#include "test_cli_question_material.moc"
