import QtQuick
import QtTest
import EarLab

// Training music by keys: an exercise's choice of material in its start options (M on Home,
// then D/N/B/Y), shown on its card; the Library's training music mode (1–4, G).
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

        function init() {
            App.goHome();
            App.preferences.setExerciseMaterial("eq-band", "level");
            App.preferences.trainingMode = "one";
            App.exercises.currentIndex = 0;
            waitForRendering(shell);
        }

        function test_exerciseMaterialByKeys() {
            compare(App.exercises.currentId, "eq-band");
            const line = child("musicText_eq-band");
            compare(line.text, "Pink noise"); // level 1, as it says
            keyClick(Qt.Key_M);
            const options = child("exerciseCard_eq-band").optionsPopup;
            tryCompare(options, "opened", true);
            keyClick(Qt.Key_Y);
            compare(App.preferences.exerciseMaterial("eq-band"), "mine");
            tryCompare(options.materialChoice, "current", "mine"); // its button shows it (primary)
            // No files of the user's in this library: built-in music, and the popup says why.
            tryCompare(child("musicText_eq-band"), "text", "Music: built-in loops, rotated");
            verify(options.materialChoice.note.indexOf("no music of your own") >= 0, options.materialChoice.note);
            keyClick(Qt.Key_N);
            compare(App.preferences.exerciseMaterial("eq-band"), "noise");
            tryCompare(child("musicText_eq-band"), "text", "Pink noise");
            keyClick(Qt.Key_B);
            compare(App.preferences.exerciseMaterial("eq-band"), "builtin");
            keyClick(Qt.Key_D);
            compare(App.preferences.exerciseMaterial("eq-band"), "level");
            // The level keys still start a session; Esc closes without one.
            keyClick(Qt.Key_Escape);
            tryCompare(options, "opened", false);
            compare(App.page, App.HomePage);
        }

        function test_stemsRefusePinkNoiseOnTheCard() {
            App.preferences.setExerciseMaterial("stems", "noise");
            tryVerify(() => child("musicText_stems").text.indexOf("Stems: ") === 0, 5000, child("musicText_stems").text);
            App.openStartOptions("stems");
            const options = child("exerciseCard_stems").optionsPopup;
            tryCompare(options, "opened", true);
            verify(options.musicNote.indexOf("cannot be asked on pink noise") >= 0);
            keyClick(Qt.Key_Escape);
            tryCompare(options, "opened", false);
            App.preferences.setExerciseMaterial("stems", "level");
        }

        function test_trainingModeByKeys() {
            App.page = App.LibraryPage;
            waitForRendering(shell);
            verify(child("trainingMusicBar").visible);
            keyClick(Qt.Key_2);
            compare(App.preferences.trainingMode, "several");
            verify(child("trainingText").text.indexOf("Tick the tracks") >= 0, child("trainingText").text);
            keyClick(Qt.Key_4);
            compare(App.preferences.trainingMode, "all");
            keyClick(Qt.Key_3);
            compare(App.preferences.trainingMode, "genre");
            verify(App.library.genres.length > 0);
            compare(App.preferences.trainingGenre, App.library.genres[0]);
            if (App.library.genres.length > 1) {
                keyClick(Qt.Key_G);
                compare(App.preferences.trainingGenre, App.library.genres[1]);
            }
            keyClick(Qt.Key_1);
            compare(App.preferences.trainingMode, "one");
        }

        name: "TrainingMusicKeys"
        when: windowShown
    }
}
