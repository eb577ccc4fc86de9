// The callback CPU histogram's buckets and quantile bounds, against values worked by hand.

#include "audio/engine/callback_cpu_histogram.h"

#include <QtTest>

#include <cmath>

using earlab::CallbackCpuHistogram;

class TestCallbackCpuHistogram : public QObject {
    Q_OBJECT

private slots:
    void bucketsArePowersOfTwoMicroseconds()
    {
        QCOMPARE(CallbackCpuHistogram::bucketOf(0), 0);
        QCOMPARE(CallbackCpuHistogram::bucketOf(999), 0);       // under 1 us
        QCOMPARE(CallbackCpuHistogram::bucketOf(1000), 1);      // [1, 2) us
        QCOMPARE(CallbackCpuHistogram::bucketOf(1999), 1);
        QCOMPARE(CallbackCpuHistogram::bucketOf(2000), 2);      // [2, 4) us
        QCOMPARE(CallbackCpuHistogram::bucketOf(3999), 2);
        QCOMPARE(CallbackCpuHistogram::bucketOf(4000), 3);
        QCOMPARE(CallbackCpuHistogram::bucketOf(2'047'999), 11); // [1024, 2048) us
        QCOMPARE(CallbackCpuHistogram::bucketOf(2'048'000), 12);
        QCOMPARE(CallbackCpuHistogram::bucketOf(131'071'999), 17);
        QCOMPARE(CallbackCpuHistogram::bucketOf(131'072'000), 18); // the open last bucket
        QCOMPARE(CallbackCpuHistogram::bucketOf(std::int64_t(1) << 60), 18);
        QCOMPARE(CallbackCpuHistogram::upperEdgeMicros(0), 1.0);
        QCOMPARE(CallbackCpuHistogram::upperEdgeMicros(11), 2048.0);
        QVERIFY(std::isinf(CallbackCpuHistogram::upperEdgeMicros(18)));
    }

    void quantileBoundIsTheEdgeOfTheBucketItFallsIn()
    {
        CallbackCpuHistogram h;
        QCOMPARE(h.quantileBoundMicros(0.99), 0.0); // nothing counted
        h.counts[7] = 97;  // [64, 128) us
        h.counts[9] = 2;   // [256, 512) us
        h.counts[13] = 1;  // [4096, 8192) us: one callback held up
        QCOMPARE(h.total(), std::uint64_t(100));
        QCOMPARE(h.quantileBoundMicros(0.5), 128.0);
        QCOMPARE(h.quantileBoundMicros(0.97), 128.0);  // 97 of 100 below 128 us
        QCOMPARE(h.quantileBoundMicros(0.98), 512.0);
        QCOMPARE(h.quantileBoundMicros(0.99), 512.0);
        QCOMPARE(h.quantileBoundMicros(1.0), 8192.0); // every one
        h.counts[18] = 1;
        QVERIFY(std::isinf(h.quantileBoundMicros(1.0)));
    }
};

QTEST_APPLESS_MAIN(TestCallbackCpuHistogram)
#include "test_callback_cpu_histogram.moc"
