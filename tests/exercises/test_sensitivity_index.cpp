// d′ of the blind tests, named by model: Φ⁻¹ against published quantiles, the models
// against Palamedes' and Macmillan & Creelman's tables and against a simulated observer
// following each model's decision rule, and the interval from Wilson's.

#include "exercises/normal_distribution.h"
#include "exercises/proportion_interval.h"
#include "exercises/sensitivity_index.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

using namespace earlab;

namespace {
// Proportion right of a simulated ABX listener, X = A on every trial (the models are
// symmetric), observations N(0, 1) for A-type and N(d, 1) for B-type stimuli.
double simulatedAbx(double d, bool differencing, int trials, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> noise(0.0, 1.0);
    int right = 0;
    for (int i = 0; i < trials; ++i) {
        const double a = noise(rng), b = d + noise(rng), x = noise(rng);
        bool saysA;
        if (differencing) {
            saysA = std::abs(x - a) < std::abs(x - b); // X is nearer to A
        } else {
            // Independent observations (M&C): the order of A and B is judged from their
            // difference, X separately against the midpoint d/2; the answer pairs X with the
            // side it was placed on.
            const bool bHigher = b > a;
            const bool xHigh = x > d / 2;
            saysA = bHigher != xHigh;
        }
        right += saysA;
    }
    return double(right) / trials;
}
} // namespace

class TestSensitivityIndex : public QObject {
    Q_OBJECT

private slots:
    void normalQuantileAgainstTables()
    {
        // Published standard normal quantiles (to 15 digits).
        struct V { double p, z; };
        for (const V v : {V{0.975, 1.959963984540054}, V{0.95, 1.644853626951472}, V{0.999, 3.090232306167813},
                          V{0.5, 0.0}, V{0.1, -1.281551565544601}, V{1e-10, -6.361340902404056}}) {
            const double z = normalQuantile(v.p);
            QVERIFY2(std::abs(z - v.z) < 1e-12 * std::max(1.0, std::abs(v.z)), qPrintable(QString::number(z, 'g', 17)));
        }
        // Round trip over the whole range, including deep tails.
        for (double p : {1e-300, 1e-50, 1e-5, 0.02, 0.3, 0.49999, 0.7, 0.9999, 1 - 1e-12})
            QVERIFY(std::abs(normalCdf(normalQuantile(p)) - p) < 1e-13 * std::min(p, 1 - p) + 1e-300);
        QCOMPARE(normalQuantile(0.0), -std::numeric_limits<double>::infinity());
        QCOMPARE(normalQuantile(1.0), std::numeric_limits<double>::infinity());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, normalQuantile(1.5));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, normalQuantile(std::nan("")));
    }

    void twoAfcTable()
    {
        // Macmillan & Creelman, 2AFC: Pc 0.76 → d′ 1.00 (√2·z(0.76) = 0.9989), 0.92 → 1.99.
        const auto m = SensitivityModel::TwoAlternativeForcedChoice;
        QVERIFY(std::abs(dPrimeFor(0.76, m) - 1.00) < 0.005);
        QVERIFY(std::abs(dPrimeFor(0.92, m) - 1.99) < 0.005);
        QVERIFY(std::abs(proportionCorrectFor(1.0, m) - 0.760) < 0.0005);
        QCOMPARE(dPrimeFor(0.5, m), 0.0);
    }

    void abxDifferencingTable()
    {
        // Palamedes, PAL_SDT_2AFCmatchSample_DiffMod_PCtoDP([.6 .7 .8 .9]) and _DPtoPC(1..5);
        // shared/REFERENCES.md: Pc 0.75 → 2.020.
        const auto m = SensitivityModel::AbxDifferencing;
        struct V { double pc, d; };
        for (const V v : {V{0.6, 1.1152}, V{0.7, 1.7153}, V{0.8, 2.3549}, V{0.9, 3.2631}, V{0.75, 2.020}})
            QVERIFY2(std::abs(dPrimeFor(v.pc, m) - v.d) < 0.0005, qPrintable(QString::number(dPrimeFor(v.pc, m))));
        for (const V v : {V{0.5825, 1}, V{0.7468, 2}, V{0.8765, 3}, V{0.9467, 4}, V{0.9792, 5}})
            QVERIFY(std::abs(proportionCorrectFor(v.d, m) - v.pc) < 0.00005);
        // Inversion to 1e-9 across the range.
        for (double d = 0.05; d < 8; d += 0.37)
            QVERIFY(std::abs(dPrimeFor(proportionCorrectFor(d, m), m) - d) < 1e-9);
        QCOMPARE(sensitivityModelName(m), std::string("ABX, differencing model"));
    }

    void modelsMatchTheirObservers()
    {
        // 400,000 simulated trials per point: standard error < 0.0008, tolerance 4 SE.
        for (double d : {0.5, 1.0, 2.0, 3.0}) {
            const double diff = simulatedAbx(d, true, 400000, 7);
            const double io = simulatedAbx(d, false, 400000, 8);
            QVERIFY2(std::abs(proportionCorrectFor(d, SensitivityModel::AbxDifferencing) - diff) < 0.003,
                     qPrintable(QString("d %1: %2").arg(d).arg(diff)));
            QVERIFY2(std::abs(proportionCorrectFor(d, SensitivityModel::AbxIndependentObservation) - io) < 0.003,
                     qPrintable(QString("d %1: %2").arg(d).arg(io)));
        }
        // Same Pc, the independent-observation listener needs less d′ than the differencing one.
        QVERIFY(dPrimeFor(0.8, SensitivityModel::AbxIndependentObservation)
                < dPrimeFor(0.8, SensitivityModel::AbxDifferencing));
    }

    void estimateWithInterval()
    {
        // 12 of 16, ABX: the point from 0.75; the interval's ends are the Wilson bounds, which
        // solve the score equation |k/n − p| = z·√(p(1 − p)/n).
        const SensitivityEstimate e = estimateSensitivity(12, 16, SensitivityModel::AbxDifferencing);
        QVERIFY(std::abs(e.dPrime - 2.020) < 0.0005);
        const ProportionInterval w = wilsonInterval(12, 16);
        for (double p : {w.low, w.high})
            QVERIFY(std::abs(std::abs(0.75 - p) - kZ95 * std::sqrt(p * (1 - p) / 16)) < 1e-12);
        QVERIFY(w.low < 0.75 && w.high > 0.75);
        QVERIFY(std::abs(proportionCorrectFor(e.high, e.model) - w.high) < 1e-9);
        // 12/16's Wilson lower end is just above chance (0.505): a small positive d′.
        QVERIFY(e.low > 0 && e.low < e.dPrime && e.dPrime < e.high);
        QVERIFY(std::abs(proportionCorrectFor(e.low, e.model) - w.low) < 1e-9);
    }

    void chanceAndPerfectScores()
    {
        // At or below chance: d′ 0, interval from 0; its top is above chance for 5 and 8 of 16
        // (Wilson's upper ends 0.55 and 0.73), at 0 for 0 of 16 (0.19).
        for (int k : {0, 5, 8}) {
            const SensitivityEstimate e = estimateSensitivity(k, 16, SensitivityModel::TwoAlternativeForcedChoice);
            QCOMPARE(e.dPrime, 0.0);
            QCOMPARE(e.low, 0.0);
            QCOMPARE(e.high > 0, k > 0);
            QVERIFY(std::isfinite(e.high));
        }
        // 16 of 16: Pc 1 − 1/32, a finite d′, no upper bound.
        const SensitivityEstimate all = estimateSensitivity(16, 16, SensitivityModel::TwoAlternativeForcedChoice);
        QCOMPARE(all.proportionCorrect, 1.0 - 1.0 / 32.0);
        QVERIFY(std::abs(all.dPrime - std::sqrt(2.0) * normalQuantile(31.0 / 32.0)) < 1e-12);
        QVERIFY(std::isinf(all.high));
        QVERIFY(all.low > 0 && all.low < all.dPrime);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateSensitivity(17, 16, SensitivityModel::AbxDifferencing));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateSensitivity(0, 0, SensitivityModel::AbxDifferencing));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, wilsonInterval(3, 2));
    }
};

QTEST_GUILESS_MAIN(TestSensitivityIndex)
#include "test_sensitivity_index.moc"
