import QtQuick
import QtTest
import EarLab

// Runs with a database path that is a folder (EARLAB_TEST_DB_IS_FOLDER): EarLab refuses it,
// trains in memory and says nothing is saved. Whatever else goes wrong, that stays the one
// message, and no page says "saved".
Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        function child(name) {
            const item = findChild(shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function visibleBanners() {
            const names = ["noDeviceBanner", "recoveryBanner", "libraryBanner", "storeBanner", "spaceBanner",
                           "sessionErrorBanner"];
            return names.filter(name => child(name).visible);
        }

        // The texts on screen (visible items with a string `text`), the banner's included.
        function visibleTexts(item) {
            let texts = [];
            if (!item.visible)
                return texts;
            if (typeof item.text === "string" && item.text !== "")
                texts.push(item.text);
            for (let i = 0; i < item.children.length; ++i)
                texts = texts.concat(visibleTexts(item.children[i]));
            return texts;
        }

        function verifyNoSavedClaim() {
            for (const text of visibleTexts(shell)) {
                verify(text.indexOf("saved the moment") < 0, text);
                verify(text.indexOf("every answer is saved") < 0, text);
                verify(text.indexOf("still saved") < 0, text);
            }
        }

        function bannerText() {
            return findChild(child("storeBanner"), "bannerText").text;
        }

        function test_oneTruthWhileNothingIsSaved() {
            compare(App.banner.kind, BannerState.NotSaved);
            verify(!App.banner.saving);
            compare(visibleBanners(), ["storeBanner"]);
            verify(bannerText().indexOf("neither they nor changes to the library are saved") >= 0, bannerText());

            // A library problem on top: still one banner, the more urgent one.
            App.page = App.LibraryPage;
            verify(!App.library.pinRegion("no-such-file", 0, 5));
            verify(App.library.problem !== "");
            compare(App.banner.kind, BannerState.NotSaved);
            compare(visibleBanners(), ["storeBanner"]);
            verify(bannerText().indexOf(App.library.problem) < 0, bannerText());
            compare(findChild(shell, "libraryProblem"), null);
            verifyNoSavedClaim();

            // A question: the answer panel does not promise a save either.
            App.startExercise("eq-band");
            tryCompare(App.session, "phase", Session.Question, 30000);
            keyClick(Qt.Key_1);
            verify(App.session.canConfirm);
            waitForRendering(shell);
            compare(visibleBanners(), ["storeBanner"]);
            verifyNoSavedClaim();
            verify(visibleTexts(shell).some(t => t.indexOf("counts for this session") >= 0));
            keyClick(Qt.Key_Return);
            tryCompare(App.session, "phase", Session.Revealed, 10000);
            compare(visibleBanners(), ["storeBanner"]);
            verifyNoSavedClaim();
            App.library.clearProblem();
            App.goHome();
        }

        name: "NotSaved"
        when: windowShown
    }
}
