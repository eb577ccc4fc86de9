import QtQuick
import QtTest
import EarLab

// The listening view (ListeningView.qml, App.listening) driven as a user would: a file of
// the library opened with Enter, the playhead moved by a click on the waveform and by the
// arrows, markers dropped with M, their category picked with a digit and their note typed,
// listed and drawn, a marker's section looped with L and ended with Esc, one deleted and
// brought back, all of it found again after closing and reopening the track; the genre set
// in the header and kept across a rescan. The file is the runner's 6 s pink noise
// (compareTestFiles[0]).
Item {
    id: root

    width: 1280
    height: 900

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        id: test

        function typeText(text) {
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i]);
        }

        function dropMarker(seconds, digit, note) {
            App.listening.seek(seconds);
            compare(App.listening.playhead, seconds);
            const before = App.listening.markers.count;
            keyClick(Qt.Key_M);
            const editor = findChild(shell, "markerEditor");
            verify(editor.visible, "M opened no editor");
            keyClick(digit);
            verify(findChild(shell, "markerNoteField").activeFocus, "the digit did not move to the note");
            typeText(note);
            keyClick(Qt.Key_Return);
            verify(!editor.visible, "Enter did not close the editor");
            tryCompare(App.listening.markers, "count", before + 1, 10000);
        }

        function openTrack() {
            App.library.select(test.materialId);
            compare(App.library.selectedId, test.materialId);
            keyClick(Qt.Key_Return);
            verify(App.listening.active, "Enter on the Library page opened no listening view");
            tryVerify(() => App.listening.ready, 30000, "the track was not decoded");
            const view = findChild(shell, "listeningView");
            verify(view.visible);
            tryVerify(() => view.activeFocus, 5000, "the view did not take the keys");
            waitForRendering(shell);
        }

        property string materialId: ""

        name: "ListeningView"
        when: windowShown

        function test_1_markersByKeyListedDrawnLoopedAndKept() {
            verify(compareTestFiles.length === 2, "the runner wrote no files");
            App.page = App.LibraryPage;
            App.library.addPaths([compareTestFiles[0]]);
            test.materialId = "file:" + compareTestFiles[0];
            tryVerify(() => !App.library.scanning && App.library.userCount === 1, 30000, "the file was not scanned");
            openTrack();
            compare(App.listening.markers.count, 0);
            verify(Math.abs(App.listening.duration - 6.0) < 0.01, "duration " + App.listening.duration);
            compare(App.listening.sectionLooping, false);
            compare(App.audio.looping, false); // the whole track, once through

            // A click on the waveform seeks there; ← → move by 5 s, held inside the track.
            const picture = findChild(shell, "listeningPicture");
            const seekArea = findChild(shell, "seekArea");
            const plot = picture.plotArea();
            mouseClick(seekArea, plot.x + plot.width * 0.9, plot.y + plot.height / 2);
            verify(Math.abs(App.listening.playhead - 5.4) < 0.1, "clicked at 90 %, playhead " + App.listening.playhead);
            keyClick(Qt.Key_Left);
            verify(Math.abs(App.listening.playhead - 0.4) < 0.1, "← gave " + App.listening.playhead);
            keyClick(Qt.Key_Right);
            keyClick(Qt.Key_Right);
            compare(App.listening.playhead, 6.0);

            dropMarker(2.0, "3", "kick pumps");
            dropMarker(4.0, "1", "bass, too loud");
            const first = findChild(shell, "markerRow_0");
            verify(first, "no marker listed");
            compare(first.position, 2.0);
            compare(first.category, "dynamics");
            compare(first.categoryLabel, "Dynamics");
            compare(first.note, "kick pumps");
            compare(findChild(shell, "markerRow_1").category, "balance");
            compare(findChild(shell, "markerRow_1").note, "bass, too loud");
            // Drawn on the waveform, where the time is.
            const flag = findChild(shell, "markerFlag_0");
            verify(flag, "the marker is not drawn");
            verify(Math.abs(flag.x + flag.width / 2 - picture.xAt(2.0)) < 1.0, "flag at " + flag.x);

            // ↓ selects the first marker (and moves there); L loops its section up to the next.
            keyClick(Qt.Key_Down);
            compare(App.listening.playhead, 2.0);
            keyClick(Qt.Key_L);
            verify(App.listening.sectionLooping, "L looped nothing");
            compare(App.listening.loopMarkerId, first.markerId);
            compare(App.listening.loopStart, 2.0);
            compare(App.listening.loopEnd, 4.0);
            compare(App.audio.looping, true);
            compare(picture.regionStart, 2.0);
            compare(picture.regionLength, 2.0);
            keyClick(Qt.Key_Escape);
            compare(App.listening.sectionLooping, false);
            compare(App.audio.looping, false);
            verify(App.listening.active, "the first Esc ends the loop, not the view");
            if (App.listening.playing)
                App.listening.togglePlay();

            // Delete removes the selected marker; Ctrl+Z brings it back with its uid.
            keyClick(Qt.Key_Down);
            const uid = App.listening.markers.get(1).uid;
            verify(uid.length === 32, "uid " + uid);
            compare(App.listening.markers.get(1).note, "bass, too loud");
            keyClick(Qt.Key_Delete);
            tryCompare(App.listening.markers, "count", 1, 10000);
            verify(App.listening.canUndoRemove);
            keyClick(Qt.Key_Z, Qt.ControlModifier);
            tryCompare(App.listening.markers, "count", 2, 10000);
            compare(App.listening.markers.get(1).uid, uid);

            // Enter edits the selected marker; Shift+→ twice moves it 0.2 s later (a marker
            // dropped early is put on its moment), and the flag follows.
            keyClick(Qt.Key_Down);
            compare(App.listening.playhead, 2.0);
            keyClick(Qt.Key_Return);
            const editor = findChild(shell, "markerEditor");
            verify(editor.visible, "Enter opened no editor");
            compare(editor.position, 2.0);
            keyClick(Qt.Key_Right, Qt.ShiftModifier);
            keyClick(Qt.Key_Right, Qt.ShiftModifier);
            keyClick(Qt.Key_Return);
            verify(!editor.visible, "Enter did not save the edit");
            tryVerify(() => Math.abs(App.listening.markers.get(0).position - 2.2) < 1e-6, 10000,
                      "the marker is at " + App.listening.markers.get(0).position);
            compare(App.listening.markers.get(0).note, "kick pumps");
            tryVerify(() => Math.abs(findChild(shell, "markerFlag_0").x + 7 - picture.xAt(2.2)) < 1.0, 5000,
                      "the flag did not move");

            // Closed and opened again: read back from the database.
            keyClick(Qt.Key_Escape);
            verify(!App.listening.active, "Esc did not close the view");
            compare(App.listening.markers.count, 0);
            openTrack();
            tryCompare(App.listening.markers, "count", 2, 10000);
            compare(App.listening.markers.get(0).note, "kick pumps");
            compare(App.listening.markers.get(0).category, "dynamics");
            compare(App.listening.markers.get(1).note, "bass, too loud");
            compare(App.listening.markers.get(1).uid, uid);
            verify(Math.abs(App.listening.markers.get(0).position - 2.2) < 1e-6, "the move was not kept");

            // The list's exports, to a file beside the track; a folder in the way is refused,
            // naming it (the formats themselves: test_marker_export).
            const folder = compareTestFiles[0].substring(0, compareTestFiles[0].lastIndexOf("/"));
            verify(App.listening.exportTo("csv", folder + "/notes.csv"), App.listening.message);
            verify(!App.listening.messageIsError);
            verify(App.listening.message.indexOf(folder + "/notes.csv") >= 0, App.listening.message);
            verify(App.listening.exportTo("text", "file://" + folder + "/notes.txt"), App.listening.message);
            verify(!App.listening.exportTo("csv", folder), "a folder was written over");
            verify(App.listening.messageIsError);
            verify(App.listening.message.indexOf(folder) >= 0, App.listening.message);
            App.listening.clearMessage();
        }

        function test_2_genreSetInTheHeaderOutlivesARescan() {
            verify(App.listening.active);
            const field = findChild(shell, "genreField");
            mouseClick(field);
            verify(field.activeFocus);
            field.selectAll();
            typeText("Post-punk");
            keyClick(Qt.Key_Return);
            compare(App.listening.genre, "Post-punk");
            keyClick(Qt.Key_Escape);
            verify(!App.listening.active);
            // The file has no genre tag: without genre_edited a rescan would clear it.
            App.library.rescan();
            tryVerify(() => App.library.scanning, 10000, "the rescan did not start");
            tryVerify(() => !App.library.scanning, 30000, "the rescan did not end");
            openTrack();
            compare(App.listening.genre, "Post-punk");
            keyClick(Qt.Key_Escape);
        }
    }
}
