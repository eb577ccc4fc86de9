import QtQuick
import QtTest
import EarLab

// The Statistics page on a month of training seeded on disk (app/src/sample_history.cpp):
// the tiles' texts, the miss map's cells for its confusions, the tendencies, the blind tests
// with their p-values, the filters changing the numbers, and the navigation.
Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        name: "Statistics"
        when: windowShown

        function child(name) {
            const item = findChild(shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function init() {
            App.page = App.StatisticsPage;
            App.statistics.exercise = "";
            App.statistics.material = "";
            App.statistics.genre = "";
            App.statistics.rangeDays = 0;
        }

        // The sample: 27 days of 24 eq-band and 8 level answers, eq-gain (12) on 13 of them,
        // pan (8) on 18: 27 * 32 + 13 * 12 + 18 * 8.
        function test_tiles() {
            compare(App.statistics.answers, 1164);
            compare(child("tileAnswersValue").text, Number(1164).toLocaleString(Qt.locale(), "f", 0));
            // Days off 6, 13 and 14 of 0..29: the last 15 days in a row.
            compare(child("tileStreakValue").text, "15 days");
            const s = App.statistics.summary;
            compare(child("tileAccuracyValue").text, Math.round(s.accuracy * 100) + " %");
            verify(child("tilePracticeValue").text !== "0 s");
            verify(child("tileMedianValue").text.match(/^\d+\.\d s$/), child("tileMedianValue").text);
        }

        function test_missMap() {
            const band = App.statistics.exercises.find(e => e.id === "eq-band");
            const map = child("missMap_eq-band");
            // Every wrong band answer is in its cell; the diagonal holds the right ones.
            let checked = 0;
            for (const c of band.confusion) {
                if (c.true_hz === c.answer_hz)
                    continue;
                compare(findChild(map, "missCell_" + c.true_hz + "_" + c.answer_hz).count, c.count);
                ++checked;
            }
            verify(checked > 10);
            for (const b of band.bands) {
                compare(findChild(map, "missCell_" + b.band_hz + "_" + b.band_hz).count, b.correct);
                compare(findChild(map, "bandAccuracy_" + b.band_hz).text, Math.round(b.accuracy * 100) + " %");
            }
            // 250 Hz is the weak band: its row's accuracy is the lowest.
            const weakest = band.bands.reduce((a, b) => b.accuracy < a.accuracy ? b : a);
            compare(weakest.band_hz, 250);
            // Wrong bands lean high (one octave up twice as often as down).
            const lean = findChild(map, "tendency_0").text;
            verify(lean.indexOf("Wrong answers lean high: +") === 0, lean);
            verify(band.tendencies.too_high > band.tendencies.too_low);
            verify(findChild(map, "tendency_1").text.indexOf("Boosts taken for cuts: " + band.tendencies.boosts_taken_for_cuts) === 0);
        }

        function test_blindTests() {
            compare(App.statistics.summary.blind_tests.length, 3);
            // Newest first: 15 of 16, 13 of 16 (p = 697 / 65536), 9 of 16.
            compare(child("blindScore_0").text, "15 / 16");
            compare(child("blindP_0").text, "p < 0.001 · heard");
            compare(child("blindScore_1").text, "13 / 16");
            compare(child("blindP_1").text, "p = 0.011 · heard");
            compare(child("blindScore_2").text, "9 / 16");
            compare(child("blindP_2").text, "p = 0.402");
        }

        function test_otherMistakes() {
            const panBias = App.statistics.exercises.find(e => e.id === "pan").side_bias;
            verify(panBias.mean_error > 0); // misses lean right in the sample
            const mistakes = child("exerciseMistakes");
            let found = false;
            for (let i = 0; i < 12; ++i) {
                const row = findChild(mistakes, "mistake_" + i);
                if (row && row.modelData.text.indexOf("answers lie right of the source") === 0)
                    found = true;
            }
            verify(found);
        }

        function test_chart() {
            const chart = child("accuracyChart");
            // eq-band, eq-gain, level, pan; no day has fewer than 5 answers.
            compare(chart.count, 4);
            compare(chart.series(0).name, "EQ band");
            compare(chart.series(0).count, 27);
            const toggle = child("bySessionSwitch");
            mouseClick(toggle);
            compare(chart.count, 1);
            compare(chart.series(0).count, App.statistics.summary.sessions.length);
            mouseClick(toggle);
            compare(chart.count, 4);
        }

        function test_filtersChangeTheNumbers() {
            const exercise = child("exerciseFilter");
            const index = App.exerciseTitles().findIndex(e => e.id === "eq-band") + 1;
            exercise.activated(index);
            compare(App.statistics.exercise, "eq-band");
            compare(App.statistics.answers, 27 * 24);
            compare(child("tileAnswersValue").text, "648");
            verify(App.statistics.summary.blind_tests.length === 0); // blind tests belong to no exercise
            exercise.activated(0);
            compare(App.statistics.answers, 1164);

            const range = child("rangeFilter");
            range.activated(0); // the last 7 days
            compare(App.statistics.rangeDays, 7);
            const week = App.statistics.answers;
            verify(week > 0 && week < 1164, week);
            let sum = 0;
            for (const d of App.statistics.days)
                sum += d.answers;
            compare(sum, week);
            compare(child("tileAnswersValue").text, Number(week).toLocaleString(Qt.locale(), "f", 0));
            range.activated(3);
            compare(App.statistics.rangeDays, 0);

            const material = child("materialFilter");
            material.activated(1); // pink noise: the days not on built-in music
            compare(App.statistics.material, "noise");
            verify(App.statistics.answers < 1164 && App.statistics.answers > 0);
            material.activated(0);
            compare(App.statistics.answers, 1164);
        }

        function test_navigation() {
            keyClick(Qt.Key_5, Qt.ControlModifier);
            compare(App.page, App.SettingsPage);
            mouseClick(child("navStatistics"));
            compare(App.page, App.StatisticsPage);
            verify(child("statisticsPage").visible);
        }
    }
}
