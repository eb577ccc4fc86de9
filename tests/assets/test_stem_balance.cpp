// Every stem of every built-in song is clearly audible in its mix, the premise of the stem
// balance exercise (a stem nobody hears cannot be named when it moves). Criterion, on the
// whole loop, BS.1770 integrated loudness:
//   - muting the stem lowers the mix by at least kMinMuteDropLu, and
//   - the stem alone is no more than kMaxBelowMixLu under the mix.
// The table it prints (qInfo) is the one in docs: run  ctest -R test_stem_balance -V

#include "assets/builtin_material.h"
#include "audio/io/audio_file.h"
#include "audio/io/loudness.h"

#include <QtTest>

#include <cmath>

using namespace earlab;

namespace {

constexpr double kMinMuteDropLu = 1.0;
constexpr double kMaxBelowMixLu = 15.0;

AudioBuffer sumWithout(const std::vector<AudioBuffer>& stems, std::size_t muted)
{
    AudioBuffer mix = AudioBuffer::silence(2, stems.front().frames(), stems.front().sampleRate);
    for (std::size_t k = 0; k < stems.size(); ++k)
        if (k != muted)
            for (std::size_t c = 0; c < 2; ++c)
                for (std::size_t i = 0; i < mix.frames(); ++i)
                    mix.channels[c][i] += stems[k].channels[c][i];
    return mix;
}

} // namespace

class TestStemBalance : public QObject {
    Q_OBJECT

private slots:
    void everyStemIsClearlyAudible()
    {
        QStringList table{"| song | stem | stem − mix (LU) | mix change when muted (LU) | audible |",
                          "|---|---|---:|---:|---|"};
        QStringList failures;
        for (const BuiltinLoop& loop : builtinLoops()) {
            std::vector<AudioBuffer> stems;
            for (const auto& [name, file] : loop.stems)
                stems.push_back(loadAudioFile(materialPath(file)).audio);
            const double mixLufs = integratedLoudnessLufs(sumWithout(stems, stems.size()));
            for (std::size_t k = 0; k < stems.size(); ++k) {
                const double below = integratedLoudnessLufs(stems[k]) - mixLufs;
                const double drop = mixLufs - integratedLoudnessLufs(sumWithout(stems, k));
                const bool ok = drop >= kMinMuteDropLu && below >= -kMaxBelowMixLu;
                table << QString("| %1 | %2 | %3 | −%4 | %5 |")
                             .arg(QString::fromStdString(loop.id), QString::fromStdString(loop.stems[k].first))
                             .arg(below, 0, 'f', 1)
                             .arg(drop, 0, 'f', 2)
                             .arg(ok ? "yes" : "no");
                if (!ok)
                    failures << QString("%1 %2").arg(QString::fromStdString(loop.id), QString::fromStdString(loop.stems[k].first));
            }
        }
        qInfo("%s", qPrintable(table.join('\n')));
        QVERIFY2(failures.isEmpty(), qPrintable(QString("not clearly audible (muting changes the mix by < %1 LU, or "
                                                        "the stem is > %2 LU under it): %3")
                                                    .arg(kMinMuteDropLu)
                                                    .arg(kMaxBelowMixLu)
                                                    .arg(failures.join(", "))));
    }
};

QTEST_GUILESS_MAIN(TestStemBalance)
#include "test_stem_balance.moc"
