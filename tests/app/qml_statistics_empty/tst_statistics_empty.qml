import QtQuick
import QtTest
import EarLab

// The Statistics page on a database with no answers: the invitation, no tiles, no axes; then
// one answer given by keys in a real session, and the page shows exactly that one.
Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        name: "StatisticsEmpty"
        when: windowShown

        function child(name) {
            const item = findChild(shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function test_1_emptyInvites() {
            keyClick(Qt.Key_4, Qt.ControlModifier);
            compare(App.page, App.StatisticsPage);
            verify(child("statisticsPage").visible);
            compare(App.statistics.answers, 0);
            compare(App.statistics.problem, "");
            verify(child("statisticsEmpty").visible);
            compare(child("statisticsEmptyTitle").text, "No answers yet — train first");
            verify(!child("tileAnswers").visible);
            verify(!child("accuracyChart").visible); // no empty axes
            mouseClick(child("statisticsTrain"));
            compare(App.page, App.HomePage);
        }

        function test_2_oneAnswer() {
            App.startExercise("eq-band");
            tryCompare(App.session, "phase", Session.Question, 30000);
            // The first question plays by itself; an answer given before it sounds is kept
            // but not counted (Attempt::heard), so answer once it plays.
            tryCompare(App.audio, "playing", true, 30000);
            keyClick(Qt.Key_1);
            keyClick(Qt.Key_Return);
            tryCompare(App.session, "phase", Session.Revealed, 10000); // committed by the writer thread
            keyClick(Qt.Key_4, Qt.ControlModifier);
            compare(App.page, App.StatisticsPage);
            tryCompare(App.statistics, "answers", 1);
            verify(!child("statisticsEmpty").visible);
            compare(child("tileAnswersValue").text, "1");
            const accuracy = App.statistics.summary.accuracy;
            compare(child("tileAccuracyValue").text, Math.round(accuracy * 100) + " %");
            compare(child("tileStreakValue").text, "1 day");
            // One line with one point, ringed as a day of few answers, on a range of days.
            const chart = child("accuracyChart");
            verify(chart.visible);
            compare(chart.count, 2);
            compare(chart.series(0).count, 1);
            compare(chart.series(1).count, 1);
            const axis = chart.axisX(chart.series(0));
            verify(axis.max.getTime() - axis.min.getTime() >= 2 * 86400000 - 1);
            // The miss map has the one band asked, its right answer or its miss.
            const band = App.statistics.exercises[0].bands[0];
            compare(band.asked, 1);
            const map = child("missMap_eq-band");
            verify(map.visible);
            compare(findChild(map, "bandAccuracy_" + band.band_hz).text, band.correct ? "100 %" : "0 %");
            if (band.correct)
                compare(findChild(map, "missCell_" + band.band_hz + "_" + band.band_hz).count, 1);
            // A filter that leaves nothing says so instead of inviting to train.
            App.statistics.material = "music";
            compare(App.statistics.answers, 0);
            compare(child("statisticsEmptyTitle").text, "No answers match these filters");
            App.statistics.material = "";
            compare(App.statistics.answers, 1);
        }
    }
}
