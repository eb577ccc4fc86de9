// Ratings: Student's t against the printed table and a numerical integral of its density,
// a mean's 95 % interval, and BS.1534-3 post-screening of a listener's run.

#include "exercises/rating_statistics.h"
#include "exercises/student_t.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

using namespace earlab;

namespace {
// P(T ≤ t) by Simpson's rule over the density from 0 (the lgamma normalisation and the
// quadrature are independent of the library's closed-form series).
double integratedTCdf(double t, int nu)
{
    const double norm = std::exp(std::lgamma((nu + 1) / 2.0) - std::lgamma(nu / 2.0)) / std::sqrt(nu * std::numbers::pi);
    const auto f = [&](double x) { return norm * std::pow(1 + x * x / nu, -(nu + 1) / 2.0); };
    const int steps = 20000;
    const double h = t / steps;
    double sum = f(0) + f(t);
    for (int i = 1; i < steps; ++i)
        sum += f(i * h) * (i % 2 ? 4 : 2);
    return 0.5 + sum * h / 3;
}
} // namespace

class TestRatingStatistics : public QObject {
    Q_OBJECT

private slots:
    void tQuantileTable()
    {
        // Two-sided 95 % critical values as printed in t tables (3 decimals).
        struct V { int nu; double t; };
        for (const V v : {V{1, 12.706}, V{2, 4.303}, V{4, 2.776}, V{9, 2.262}, V{29, 2.045}, V{120, 1.980}}) {
            const double t = studentTQuantile(0.975, v.nu);
            QVERIFY2(std::abs(t - v.t) < 0.0005, qPrintable(QString("ν %1: %2").arg(v.nu).arg(t)));
        }
        // One-sided 99 % row: t(0.99, 10) = 2.764; the left tail mirrors.
        QVERIFY(std::abs(studentTQuantile(0.99, 10) - 2.764) < 0.0005);
        QCOMPARE(studentTQuantile(0.025, 9), -studentTQuantile(0.975, 9));
        // Large ν: the Cornish–Fisher expansion t ≈ z + (z³ + z)/(4ν) (next term ~1e-8 here).
        const double z = 1.959963984540054;
        QVERIFY(std::abs(studentTQuantile(0.975, 10000) - (z + (z * z * z + z) / 40000)) < 1e-7);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, studentTQuantile(0.975, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, studentTQuantile(1.0, 5));
    }

    void tCdfAgainstIntegral()
    {
        for (int nu : {1, 2, 3, 5, 10, 29, 100})
            for (double t : {0.3, 1.0, 2.5, 6.0}) {
                const double expected = integratedTCdf(t, nu);
                QVERIFY2(std::abs(studentTCdf(t, nu) - expected) < 1e-10,
                         qPrintable(QString("ν %1 t %2: %3 vs %4").arg(nu).arg(t).arg(studentTCdf(t, nu)).arg(expected)));
                QVERIFY(std::abs(studentTCdf(-t, nu) - (1 - expected)) < 1e-10);
            }
    }

    void meanAndInterval()
    {
        // 70, 75, 80, 85, 90: mean 80, s = √(250/4) = 7.9057, half-width t(0.975, 4)·s/√5 with
        // the table's 2.7764.
        const std::vector<double> r{70, 75, 80, 85, 90};
        const RatingSummary s = summariseRatings(r);
        QCOMPARE(s.count, 5);
        QVERIFY(std::abs(s.mean - 80) < 1e-12);
        QVERIFY(std::abs(s.standardDeviation - std::sqrt(62.5)) < 1e-12);
        const double half = 2.7764 * std::sqrt(62.5) / std::sqrt(5.0);
        QVERIFY(std::abs(s.low - (80 - half)) < 0.001 && std::abs(s.high - (80 + half)) < 0.001);
        QVERIFY(s.hasInterval());
        // Ratings close together far from 0 (no cancellation): 1e6 + {0.1, 0.2, 0.3}.
        const std::vector<double> close{1e6 + 0.1, 1e6 + 0.2, 1e6 + 0.3};
        QVERIFY(std::abs(summariseRatings(close).standardDeviation - 0.1) < 1e-9);
        // Identical ratings: a zero-width interval.
        const std::vector<double> same{60, 60, 60};
        QCOMPARE(summariseRatings(same).low, 60.0);
    }

    void oneRatingAndBadInput()
    {
        const std::vector<double> one{42};
        const RatingSummary s = summariseRatings(one);
        QVERIFY(!s.hasInterval());
        QCOMPARE(s.low, 42.0);
        QCOMPARE(s.high, 42.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, summariseRatings(std::vector<double>{}));
        try {
            summariseRatings(std::vector<double>{50, std::nan("")});
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("rating 2") != std::string::npos, e.what());
        }
    }

    void mushraPostScreening()
    {
        // BS.1534-3: excluded when the hidden reference is below 90 on more than 15 % of items.
        std::vector<double> pages(20, 100.0);
        pages[0] = pages[5] = pages[9] = 85; // 3 of 20 = 15 %: not more than 15 %
        MushraScreening s = screenMushraRun(pages);
        QCOMPARE(s.items, 20);
        QCOMPARE(s.hiddenReferenceBelow90, 3);
        QVERIFY(std::abs(s.fraction - 0.15) < 1e-15);
        QVERIFY(!s.excluded);
        pages[12] = 89.9; // 4 of 20
        s = screenMushraRun(pages);
        QCOMPARE(s.hiddenReferenceBelow90, 4);
        QVERIFY(s.excluded);
        pages[12] = 90; // 90 itself passes
        QVERIFY(!screenMushraRun(pages).excluded);

        std::vector<double> seven(7, 95.0);
        seven[2] = 40; // 1 of 7 = 14 %
        QVERIFY(!screenMushraRun(seven).excluded);
        seven[3] = 70; // 2 of 7 = 29 %
        QVERIFY(screenMushraRun(seven).excluded);

        const MushraScreening none = screenMushraRun(std::vector<double>{});
        QCOMPARE(none.items, 0);
        QVERIFY(!none.excluded);
        try {
            screenMushraRun(std::vector<double>{95, 101});
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            QVERIFY2(std::string(e.what()).find("page 2") != std::string::npos, e.what());
        }
    }

    // The mid-range (7 kHz) anchor rated above 90 on more than 15 % of pages excludes the run
    // too, alone or with a hidden reference that passes; 90 itself passes.
    void mushraMidAnchorScreening()
    {
        const std::vector<double> reference(7, 100.0);
        std::vector<double> anchor(7, 60.0);
        anchor[1] = 90;
        anchor[4] = 95; // 1 of 7 above 90: 14 %
        MushraScreening s = screenMushraRun(reference, anchor);
        QCOMPARE(s.midAnchorItems, 7);
        QCOMPARE(s.midAnchorAbove90, 1);
        QVERIFY(std::abs(s.midAnchorFraction - 1.0 / 7) < 1e-15);
        QVERIFY(!s.excludedByMidAnchor && !s.excluded);
        anchor[6] = 90.5; // 2 of 7: 29 %
        s = screenMushraRun(reference, anchor);
        QCOMPARE(s.midAnchorAbove90, 2);
        QVERIFY(s.excludedByMidAnchor && s.excluded);
        QVERIFY(!s.excludedByReference);
        QCOMPARE(s.hiddenReferenceBelow90, 0);

        // Without a hidden reference the anchor still screens; without an anchor, nothing.
        QVERIFY(screenMushraRun({}, anchor).excluded);
        QVERIFY(!screenMushraRun({}, {}).excluded);
        std::vector<double> badReference(7, 50.0);
        s = screenMushraRun(badReference, std::vector<double>(7, 10.0));
        QVERIFY(s.excludedByReference && !s.excludedByMidAnchor && s.excluded);
        try {
            screenMushraRun(reference, std::vector<double>{95, -1});
            QFAIL("no exception");
        } catch (const std::invalid_argument& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("7 kHz anchor") != std::string::npos && what.find("page 2") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRatingStatistics)
#include "test_rating_statistics.moc"
