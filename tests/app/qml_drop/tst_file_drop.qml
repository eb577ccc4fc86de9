import QtQuick
import QtTest
import EarLab

// Files dropped on the window from outside (fileDrop, in the runner: real drag-enter, move and
// drop events with file URLs): on the Compare page they become comparison items and the
// library is left alone; on any other page they go to the library, which opens. The files are
// the runner's two WAVs (compareTestFiles).
Item {
    id: root

    width: 1280
    height: 900

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        name: "FileDrop"
        when: windowShown

        function test_1_dropOnCompare() {
            verify(compareTestFiles.length === 2, "the runner wrote no files");
            App.page = App.ComparePage;
            waitForRendering(shell);
            const before = App.library.userCount;
            compare(App.compare.items.count, 0);
            verify(fileDrop.drop(shell, compareTestFiles), "the Compare page refused the drop");
            compare(App.compare.items.count, 2);
            compare(App.compare.fileNames, ["take-1.wav", "take-2.wav"]);
            compare(App.page, App.ComparePage);
            compare(App.library.userCount, before);
            // Dropped again: the list grows (the same file twice is the user's choice to make).
            verify(fileDrop.drop(shell, [compareTestFiles[0]]));
            compare(App.compare.items.count, 3);
        }

        function test_2_dropElsewhereGoesToTheLibrary() {
            App.page = App.HomePage;
            waitForRendering(shell);
            const before = App.library.userCount;
            verify(fileDrop.drop(shell, [compareTestFiles[1]]), "the window refused the drop");
            compare(App.page, App.LibraryPage);
            tryVerify(() => App.library.userCount === before + 1, 30000, "the library did not add the file");
            compare(App.compare.items.count, 3); // the Compare page's items are untouched
        }
    }
}
