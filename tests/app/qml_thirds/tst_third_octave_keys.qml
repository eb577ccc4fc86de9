import QtQuick
import QtTest
import EarLab

// A third-octave level (the runner saved level 6 for eq-band): up to 26 bands, every one
// reachable with the keys the help overlay lists: 1..9 0 within a group of ten, [ ] between
// groups, Left/Right across all of them.
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

        function child(name) {
            const item = findChild(shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function test_twentiethBandFromTheKeyboard() {
            App.startExercise("eq-band");
            tryCompare(App.session, "phase", Session.Question, 60000);
            compare(App.session.level, 6);
            waitForRendering(shell);
            const bands = App.session.answerOptions.count - (App.session.answerOptions.flatIndex >= 0 ? 1 : 0);
            verify(bands >= 20, bands + " bands offered");
            compare(App.session.answerOptions.keyGroupCount, Math.ceil(bands / 10));
            compare(App.session.answerOptions.keyGroup, 0);
            verify(child("keyGroupHint").text.indexOf("[ ]") >= 0, child("keyGroupHint").text);

            keyClick(Qt.Key_BracketRight);
            compare(App.session.answerOptions.keyGroup, 1);
            keyClick(Qt.Key_0);
            compare(App.session.selectedOption, 19);
            verify(child("answer_19").selected);
            compare(child("answer_19").keyLabel, "0");
            compare(child("answer_9").keyLabel, "");

            keyClick(Qt.Key_BracketLeft);
            compare(App.session.answerOptions.keyGroup, 0);
            keyClick(Qt.Key_3);
            compare(App.session.selectedOption, 2);

            // Right from the tenth band moves into the next group, and the keys follow.
            keyClick(Qt.Key_0);
            keyClick(Qt.Key_Right);
            compare(App.session.selectedOption, 10);
            compare(App.session.answerOptions.keyGroup, 1);
            keyClick(Qt.Key_PageDown);
            compare(App.session.answerOptions.keyGroup, 2);

            // The help overlay documents it.
            keyClick(Qt.Key_Question);
            verify(child("helpOverlay").visible);
            keyClick(Qt.Key_Escape);

            keyClick(Qt.Key_BracketLeft);
            keyClick(Qt.Key_0);
            compare(App.session.selectedOption, 19);
            keyClick(Qt.Key_Return);
            tryCompare(App.session, "phase", Session.Revealed, 10000);
            App.goHome();
        }

        name: "ThirdOctaveKeys"
        when: windowShown
    }
}
