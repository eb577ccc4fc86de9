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
            App.confirmingEnd = false;
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

        // Every kind of App.banner has its item in AppShell; only one may show.
        function visibleBanners() {
            const names = ["noDeviceBanner", "recoveryBanner", "libraryBanner", "storeBanner", "spaceBanner",
                           "sessionErrorBanner"];
            return names.filter(name => child(name).visible);
        }

        // The library's problem is said once, by the window's banner; the Library page has no
        // banner of its own beside it.
        function test_libraryProblemIsTheOneBanner() {
            compare(visibleBanners(), []);
            App.page = App.LibraryPage;
            verify(!App.library.pinRegion("no-such-file", 0, 5));
            verify(App.library.problem !== "");
            compare(App.banner.kind, BannerState.Library);
            compare(visibleBanners(), ["libraryBanner"]);
            const text = findChild(child("libraryBanner"), "bannerText").text;
            verify(text.indexOf(App.library.problem) >= 0, text);
            compare(findChild(shell, "libraryProblem"), null);
            // It follows the user to other pages (still the one banner), and Dismiss ends it.
            App.goHome();
            compare(visibleBanners(), ["libraryBanner"]);
            waitForRendering(shell);
            mouseClick(findChild(child("libraryBanner"), "bannerPrimary"));
            tryCompare(App.library, "problem", "");
            compare(App.banner.kind, BannerState.None);
            compare(visibleBanners(), []);
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
            // Esc mid-session asks first; Enter ends it with the summary so far, Esc again goes home.
            keyClick(Qt.Key_Escape);
            verify(App.confirmingEnd);
            verify(child("endSessionPrompt").visible);
            compare(App.page, App.ExercisePage);
            keyClick(Qt.Key_Return);
            verify(!App.confirmingEnd);
            compare(App.session.phase, Session.Finished);
            verify(App.session.endedEarly);
            compare(App.session.answeredCount, 1);
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

        function test_homeSaysWhatLoudnessMatchingDoes() {
            // Home's promise follows the Settings switch, both ways.
            const intro = child("homeIntro");
            compare(App.preferences.loudnessMatching, true);
            verify(intro.text.indexOf("Flat and processed are loudness-matched") >= 0, intro.text);
            mouseClick(child("navSettings"));
            const toggle = child("loudnessSwitch");
            mouseClick(toggle);
            compare(App.preferences.loudnessMatching, false);
            keyClick(Qt.Key_1, Qt.ControlModifier);
            compare(App.page, App.HomePage);
            verify(intro.text.indexOf("loudness-matched") < 0, intro.text);
            verify(intro.text.indexOf("Loudness matching is off") >= 0, intro.text);
            App.preferences.loudnessMatching = true;
            verify(intro.text.indexOf("Flat and processed are loudness-matched") >= 0, intro.text);
        }

        function test_sessionLengthSetting() {
            // Settings → questions per session: saved, and the next session asks that many.
            mouseClick(child("navSettings"));
            const combo = child("sessionLengthCombo");
            compare(App.preferences.questionsPerSession, 10);
            combo.activated(combo.model.indexOf(5));
            compare(App.preferences.questionsPerSession, 5);
            compare(combo.displayText, "5 questions");
            compare(App.session.plannedQuestionCount, 5);
            keyClick(Qt.Key_1, Qt.ControlModifier);
            compare(child("start_eq-band").text, "Start 5 questions");
            startAndWaitForQuestion("eq-band");
            compare(App.session.questionCount, 5);
            compare(child("questionCounter").text, "Question 1 of 5");
            keyClick(Qt.Key_Escape);
            App.preferences.questionsPerSession = 10;
            compare(child("start_eq-band").text, "Start 10 questions");
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
            // Scrolled into view: Today's workout sits above the exercises.
            const flick = child("homeFlickable");
            flick.contentY = Math.min(child("start_eq-gain").mapToItem(flick.contentItem, 0, 0).y,
                                      flick.contentHeight - flick.height);
            waitForRendering(shell);
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
            const hz = App.session.revealMarker;
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

        function test_loopEditorSetsTheRegionOnThePicture() {
            // A built-in loop's file, added as one of the user's own and scanned.
            verify(App.library.hasBuiltinMusic, "needs the built-in loops (assets)");
            mouseClick(child("navLibrary"));
            const list = child("materialList");
            const builtin = child("materialRow_1");
            compare(builtin.kind, "builtin");
            App.library.addPaths([builtin.path]);
            tryCompare(App.library, "scanning", false, 60000);
            const index = list.count - 1;
            list.positionViewAtIndex(index, ListView.End);
            waitForRendering(list);
            const row = child("materialRow_" + index);
            compare(row.kind, "file");
            compare(row.status, "ready");
            compare(row.overview.byteLength, 800); // 400 peaks, 400 RMS values

            // The editor opens on the region the scan picked, on the picture of the file.
            mouseClick(findChild(row, "editLoop"));
            const editor = findChild(row, "loopEditor");
            tryVerify(() => editor.visible);
            const picture = findChild(row, "loopPicture");
            verify(picture.hasOverview);
            waitForRendering(picture);
            compare(picture.regionStart, row.regionStart);
            compare(picture.regionLength, row.regionLength);
            const duration = picture.duration;
            const length = picture.regionLength;
            verify(duration > length + 4, "the loop must be longer than its region: " + duration + " s");
            const bin = duration / 400;
            const plot = picture.plotArea();
            const y = plot.y + plot.height / 2;

            // A click starts the loop at the clicked time, keeping its length.
            const early = row.regionStart > (duration - length) / 2;
            const target = early ? 1.0 : duration - length - 1.0; // far from where it was
            mouseClick(picture, picture.xAt(target), y);
            verify(Math.abs(picture.regionStart - target) <= bin, picture.regionStart + " s, clicked at " + target + " s");
            compare(picture.regionLength, length);
            compare(findChild(row, "loopStart").text, picture.regionStart.toFixed(2));
            verify(editor.changed);
            verify(!row.pinned);

            // Dragging the highlight moves it by the time dragged over.
            const before = picture.regionStart;
            const moved = early ? 2 : -2; // s, towards the middle
            mouseDrag(picture, picture.xAt(before + length / 2), y, picture.xAt(moved) - picture.xAt(0), 0);
            verify(Math.abs(picture.regionStart - (before + moved)) <= bin, picture.regionStart + " s, expected " + (before + moved));

            // The length is typed (and held to 5-30 s and inside the file).
            const lengthField = findChild(row, "loopLength");
            lengthField.forceActiveFocus();
            lengthField.selectAll();
            keyClick("6");
            keyClick(Qt.Key_Return);
            compare(picture.regionLength, 6);
            lengthField.selectAll();
            keyClick("2");
            keyClick(Qt.Key_Return);
            compare(picture.regionLength, 5);

            // Listen plays the region on the picture, with a playhead inside it; again stops.
            mouseClick(findChild(row, "previewLoop"));
            tryVerify(() => App.preview.active && App.audio.playing, 30000);
            compare(App.preview.path, row.path);
            compare(App.preview.startSeconds, picture.regionStart);
            compare(App.preview.lengthSeconds, picture.regionLength);
            tryVerify(() => picture.playhead >= picture.regionStart
                            && picture.playhead <= picture.regionStart + picture.regionLength, 5000);
            mouseClick(findChild(row, "previewLoop"));
            verify(!App.preview.active);
            verify(!App.audio.hasScene);
            compare(picture.playhead, -1);

            // Pin saves it through the library: the row shows it pinned (the read-back from
            // the database after the writer's acknowledgement is test_app_library's).
            const start = picture.regionStart;
            mouseClick(findChild(row, "pinLoop"));
            tryCompare(row, "editing", false);
            compare(row.pinned, true);
            compare(row.regionStart, start);
            compare(row.regionLength, 5);
            verify(App.library.problem === "", App.library.problem);
            App.library.remove(row.materialId);
        }

        name: "App"
        when: windowShown
    }
}
