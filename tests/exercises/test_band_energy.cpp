#include "exercises/band_energy.h"
#include "exercises/eq_bands.h"
#include "support/test_signals.h"

#include "audio/dsp/pink_noise.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace earlab;

class TestBandEnergy : public QObject {
    Q_OBJECT

private slots:
    void sineLandsInItsBand()
    {
        const AudioBuffer tone = test::sine(1000.0, -10.0, 48000.0, 48000);
        const auto centres = octaveCentresHz();
        const auto levels = bandLevelsDb(tone, centres);
        const auto loudest = std::max_element(levels.begin(), levels.end()) - levels.begin();
        QCOMPARE(centres[std::size_t(loudest)], 1000.0);
        // At its own centre the band pass has 0 dB gain: the sine's RMS, -13.01 dB.
        QVERIFY(std::abs(levels[std::size_t(loudest)] - (-13.01)) < 0.1);
    }

    void pinkNoiseIsFlatPerOctave()
    {
        // Pink noise has equal power per octave: 63 Hz to 8 kHz within 0.75 dB of their mean.
        // The 16 kHz band reads about 3.5 dB low: its upper edge (22.6 kHz) is squeezed
        // against Nyquist by the bilinear transform, so the filter is narrower there. That is
        // far inside the 30 dB audibility margin, which is all this measurement decides.
        const AudioBuffer pink = dsp::makePinkNoise(4.0, 48000.0, -20.0, 11);
        const auto levels = bandLevelsDb(pink, octaveCentresHz());
        double mean = 0;
        for (std::size_t i = 0; i + 1 < levels.size(); ++i)
            mean += levels[i] / double(levels.size() - 1);
        for (std::size_t i = 0; i + 1 < levels.size(); ++i)
            QVERIFY2(std::abs(levels[i] - mean) < 0.75, qPrintable(QString("%1 vs mean %2").arg(levels[i]).arg(mean)));
        QVERIFY(std::abs(levels.back() - mean) < 5.0);
        QCOMPARE(audibleBands(octaveCentresHz(), levels).size(), octaveCentresHz().size());
    }

    void bandsWithoutEnergyAreLeftOut()
    {
        // A 1 kHz tone: the bands far from it are more than 30 dB down.
        const AudioBuffer tone = test::sine(1000.0, -10.0, 48000.0, 48000);
        const auto levels = bandLevelsDb(tone, octaveCentresHz());
        const auto audible = audibleBands(octaveCentresHz(), levels, 30.0);
        QVERIFY(std::find(audible.begin(), audible.end(), 1000.0) != audible.end());
        QVERIFY(std::find(audible.begin(), audible.end(), 63.0) == audible.end());
        QVERIFY(std::find(audible.begin(), audible.end(), 16000.0) == audible.end());
        QVERIFY(audible.size() < 6);
    }
};

QTEST_APPLESS_MAIN(TestBandEnergy)
#include "test_band_energy.moc"
