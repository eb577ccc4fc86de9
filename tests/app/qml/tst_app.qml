import QtQuick
import QtTest
import EarLab

Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        id: test

        function init() {
            App.helpVisible = false;
            App.goHome();
            compare(App.page, App.HomePage);
        }

        function child(name) {
            const item = findChild(shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function startAndWaitForQuestion(exerciseId) {
            App.startExercise(exerciseId);
            tryCompare(App.session, "phase", Session.Question, 30000);
            waitForRendering(shell);
        }

        function test_deviceAvailableHidesBanner() {
            verify(App.audio.available, App.audio.statusMessage);
            verify(!child("noDeviceBanner").visible);
        }

        function test_helpOverlay() {
            verify(!child("helpOverlay").visible);
            keyClick(Qt.Key_F1);
            verify(App.helpVisible);
            verify(child("helpOverlay").visible);
            keyClick(Qt.Key_Escape);
            verify(!App.helpVisible);
            keyClick(Qt.Key_Question);
            verify(App.helpVisible);
            mouseClick(child("helpOverlay"), 10, 10);
            verify(!App.helpVisible);
        }

        function test_keyboardAnswerReachesRevealAndStore() {
            const before = App.attemptCount("eq-band");
            startAndWaitForQuestion("eq-band");
            compare(child("pages").currentIndex, 1);
            compare(App.session.selectedOption, -1);
            verify(!child("confirmButton").enabled);
            keyClick(Qt.Key_2);
            compare(App.session.selectedOption, 1);
            keyClick(Qt.Key_Right);
            compare(App.session.selectedOption, 2);
            keyClick(Qt.Key_Return);
            tryCompare(App.session, "phase", Session.Revealed, 10000); // once the writer thread has committed it
            compare(App.attemptCount("eq-band"), before + 1);
            compare(child("pages").currentIndex, 2);
            verify(child("revealPage").visible);
            verify(child("explanation").text.length > 0);
            // Enter goes on to the next question.
            keyClick(Qt.Key_Enter);
            tryCompare(App.session, "phase", Session.Question, 30000);
            compare(App.session.questionNumber, 2);
        }

        function test_homeShowsAccuracyPerBand() {
            // After an answer, Home's card shows it in its per-octave strip.
            startAndWaitForQuestion("eq-band");
            keyClick(Qt.Key_1);
            keyClick(Qt.Key_Return);
            tryCompare(App.session, "phase", Session.Revealed, 10000);
            keyClick(Qt.Key_Escape);
            compare(App.page, App.HomePage);
            const strip = child("bandAccuracy_eq-band");
            tryVerify(() => strip.visible, 5000);
            compare(strip.window, Math.min(200, App.attemptCount("eq-band")));
            let asked = 0;
            for (const b of strip.bands)
                asked += b.asked;
            compare(asked, strip.window);
            verify(strip.bands.length >= 9);
        }

        function test_navigation() {
            const pages = child("pages");
            compare(pages.currentIndex, 0);
            verify(child("homePage").visible);
            mouseClick(child("navLibrary"));
            compare(App.page, App.LibraryPage);
            compare(pages.currentIndex, 4);
            verify(child("libraryPage").visible);
            verify(child("materialList").count >= 1);
            mouseClick(child("navSettings"));
            compare(App.page, App.SettingsPage);
            compare(pages.currentIndex, 5);
            verify(child("settingsPage").visible);
            keyClick(Qt.Key_1, Qt.ControlModifier);
            compare(App.page, App.HomePage);
            keyClick(Qt.Key_2, Qt.ControlModifier);
            compare(App.page, App.LibraryPage);
            keyClick(Qt.Key_Escape);
            compare(App.page, App.HomePage);
            mouseClick(child("start_eq-gain"));
            compare(App.page, App.ExercisePage);
            compare(App.session.exerciseId, "eq-gain");
            tryCompare(App.session, "phase", Session.Question, 30000);
            compare(pages.currentIndex, 1);
            verify(child("exercisePage").visible);
            keyClick(Qt.Key_Escape);
            compare(App.page, App.HomePage);
            compare(App.session.phase, Session.Idle);
        }

        function test_playbackKeys() {
            startAndWaitForQuestion("eq-band");
            verify(App.audio.hasScene);
            keyClick(Qt.Key_A);
            compare(App.audio.variant, 0);
            keyClick(Qt.Key_B);
            compare(App.audio.variant, 1);
            keyClick(Qt.Key_Tab);
            compare(App.audio.variant, 0);
            const looping = App.audio.looping;
            keyClick(Qt.Key_L);
            compare(App.audio.looping, !looping);
            keyClick(Qt.Key_L);
            keyClick(Qt.Key_Space);
            tryCompare(App.audio, "playing", true, 5000);
            keyClick(Qt.Key_Space);
            tryCompare(App.audio, "playing", false, 5000);
        }

        function test_revealShowsBothCurves() {
            startAndWaitForQuestion("eq-band");
            mouseClick(child("answer_0"));
            compare(App.session.selectedOption, 0);
            mouseClick(child("confirmButton"));
            tryCompare(App.session, "phase", Session.Revealed, 10000); // once the writer thread has committed it
            waitForRendering(shell);
            const curve = child("curve");
            verify(curve.truePoints.length > 0);
            verify(curve.answerPoints.length > 0);
            const hz = App.session.hiddenFrequencyHz;
            verify(hz > 0, "level 1 has no flat trials");
            const peak = curve.truePeakHz();
            verify(Math.abs(Math.log2(peak / hz)) < 1 / 6, "true peak at " + peak + " Hz, hidden band " + hz + " Hz");
            // The three ways to hear it.
            keyClick(Qt.Key_1);
            compare(App.audio.variant, 0);
            keyClick(Qt.Key_3);
            compare(App.audio.variant, 2);
            mouseClick(child("listen1"));
            compare(App.audio.variant, 1);
        }

        name: "App"
        when: windowShown
    }
}
