import QtQuick
import QtTest
import EarLab

// The Compare page by keys: files prepared (compareTestFiles, written by the runner), the
// planner before a run, a full ABX run and a preference run by keyboard alone, the result
// with its score, log and export buttons, and QML never learning what X is; a MUSHRA run
// played by keys and clicks, rated on the sliders, submitted, to its ratings picture.
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

        name: "Compare"
        when: windowShown

        function child(name) {
            const item = findChild(shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function init() {
            App.page = App.ComparePage;
            if (App.compare.phase === CompareController.Result)
                App.compare.closeResult();
            if (App.compare.phase === CompareController.Running)
                App.compare.stopRun();
            if (App.compare.items.count === 0) {
                verify(compareTestFiles.length === 2, "the runner wrote no files");
                App.compare.addFiles(compareTestFiles);
            }
            if (App.compare.phase === CompareController.Picking) {
                keyClick(Qt.Key_P);
                tryCompare(App.compare, "phase", CompareController.Ready, 60000);
            }
            App.compare.practice = false;
            App.compare.trials = 16;
            App.compare.mode = CompareController.Abx;
            waitForRendering(shell);
        }

        function test_itemsAndPlanner() {
            compare(App.compare.error, "");
            verify(child("compareRow0").visible);
            verify(child("compareRow1").visible);
            compare(child("compareRow1").fileName, "take-2.wav");
            verify(child("compareRow1").gain.indexOf("dB") > 0, child("compareRow1").gain);
            const planner = child("plannerText");
            verify(planner.visible);
            verify(planner.text.indexOf("12 of 16 correct for p < 0.05") === 0, planner.text);
            verify(planner.text.indexOf("70 %") > 0, planner.text);
            App.compare.trials = 20;
            verify(planner.text.indexOf("of 20 correct") > 0, planner.text);
            // M cycles the mode; sighted shows no planner.
            keyClick(Qt.Key_M);
            compare(App.compare.mode, CompareController.Preference);
            keyClick(Qt.Key_M);
            compare(App.compare.mode, CompareController.Mushra);
            verify(!planner.visible);
            verify(child("mushraSettings").visible);
            keyClick(Qt.Key_M);
            compare(App.compare.mode, CompareController.Sighted);
            verify(!planner.visible);
            keyClick(Qt.Key_2);
            compare(App.compare.sightedItem, 1);
            compare(App.audio.variant, 1); // sighted: what plays may be shown
            keyClick(Qt.Key_1);
            compare(App.compare.sightedItem, 0);
        }

        // The sighted tools: a trim typed in the table, the difference by D, a loop region
        // dragged on item 1's waveform.
        function test_sightedTools() {
            App.compare.mode = CompareController.Sighted;
            waitForRendering(shell);
            const gainBefore = child("compareRow1").gain;
            const trim = child("compareTrim1");
            verify(trim.enabled);
            trim.forceActiveFocus();
            trim.contentItem.selectAll();
            keyClick(Qt.Key_Minus);
            keyClick(Qt.Key_2);
            keyClick(Qt.Key_Period);
            keyClick(Qt.Key_5);
            keyClick(Qt.Key_Return);
            tryCompare(child("compareRow1"), "trim", -2.5);
            verify(child("compareRow1").gain !== gainBefore, child("compareRow1").gain);
            verify(child("compareTrimReset1").visible);
            mouseClick(child("compareTrimReset1"));
            tryCompare(child("compareRow1"), "trim", 0);
            compare(child("compareRow1").gain, gainBefore);

            // D: the difference (the scene's last variant), its null depth beside it.
            keyClick(Qt.Key_D);
            verify(App.compare.differenceOn);
            compare(App.audio.variant, 2);
            verify(child("compareDifferenceNull").text.indexOf(child("compareRow1").nullDepth) > 0,
                   child("compareDifferenceNull").text);
            verify(child("compareDifference").primary);
            keyClick(Qt.Key_1);
            verify(!App.compare.differenceOn);
            compare(App.audio.variant, 0);

            // A 5 s region of the 6 s item 1, dragged 0.8 s later: every item loops it.
            const picture = child("compareLoopPicture");
            verify(picture.hasOverview);
            picture.regionLength = 5;
            compare(App.compare.loopLengthSeconds, 5);
            compare(App.compare.loopStartSeconds, 0);
            const plot = picture.plotArea();
            const y = plot.y + plot.height / 2;
            mouseDrag(picture, picture.xAt(2.5), y, picture.xAt(0.8) - picture.xAt(0), 0);
            verify(Math.abs(App.compare.loopStartSeconds - 0.8) < 0.05, App.compare.loopStartSeconds);
            compare(App.compare.loopLengthSeconds, 5);
        }

        function test_abxRunByKeyboard() {
            keyClick(Qt.Key_Return);
            compare(App.compare.phase, CompareController.Running);
            const trialText = child("trialText");
            compare(trialText.text, "Trial 1 of 16");
            verify(!child("blindResult").visible); // no running score
            compare(App.compare.listening, "");
            for (let i = 0; i < 16; ++i) {
                compare(trialText.text, "Trial " + (i + 1) + " of 16");
                // Every trial starts silent: an answer fades playback out, the first choice
                // starts it again (a change heard at the answer would tell whether it was right).
                compare(App.compare.listening, "");
                tryCompare(App.audio, "playing", false, 5000);
                keyClick(Qt.Key_X);
                compare(App.compare.listening, "X");
                tryCompare(App.audio, "playing", true, 5000);
                compare(App.audio.variant, 0); // what X is never reaches QML
                keyClick(Qt.Key_B);
                compare(App.compare.listening, "B");
                compare(App.audio.variant, 0);
                keyClick(Qt.Key_A, i % 2 ? Qt.ShiftModifier : Qt.NoModifier);
                if (i % 2 === 0)
                    keyClick(Qt.Key_B, Qt.ShiftModifier); // answers "X is B"
            }
            compare(App.compare.phase, CompareController.Result);
            const result = child("blindResult");
            verify(result.visible);
            waitForRendering(shell);
            const score = child("resultScore");
            verify(/^\d+ of 16 correct$/.test(score.text), score.text);
            compare(score.text, App.compare.result.k + " of 16 correct");
            verify(child("resultP").text.indexOf("p = ") === 0);
            verify(child("resultDPrime").text.indexOf("differencing") > 0, child("resultDPrime").text);
            verify(child("exportJson").visible);
            verify(child("exportText").visible);
            verify(child("logText").text.indexOf("abx") >= 0);
            keyClick(Qt.Key_Return);
            compare(App.compare.phase, CompareController.Ready);
        }

        function test_preferenceRunByKeyboard() {
            keyClick(Qt.Key_M); // ABX → preference
            compare(App.compare.mode, CompareController.Preference);
            App.compare.trials = 6;
            keyClick(Qt.Key_Enter);
            compare(App.compare.phase, CompareController.Running);
            compare(child("trialText").text, "Trial 1 of 6");
            compare(App.compare.listenChoices, ["1", "2"]);
            keyClick(Qt.Key_2);
            compare(App.compare.listening, "2");
            keyClick(Qt.Key_1);
            compare(App.compare.listening, "1");
            const keys = [Qt.Key_Left, Qt.Key_Right, Qt.Key_N, Qt.Key_Left, Qt.Key_Left, Qt.Key_Right];
            for (let i = 0; i < keys.length; ++i)
                keyClick(keys[i]);
            compare(App.compare.phase, CompareController.Result);
            compare(App.compare.result.ties, 1);
            compare(App.compare.result.n, 5);
            verify(child("resultScore").text.indexOf("of 5") > 0, child("resultScore").text);
            verify(child("resultDPrime").text.indexOf("2AFC") > 0, child("resultDPrime").text);
        }

        function test_practiceShowsTheTruth() {
            App.compare.practice = true;
            App.compare.trials = 2;
            keyClick(Qt.Key_Return);
            keyClick(Qt.Key_A, Qt.ShiftModifier);
            const feedback = child("practiceFeedback");
            verify(feedback.visible);
            verify(feedback.text.indexOf("X was") > 0, feedback.text);
            keyClick(Qt.Key_A, Qt.ShiftModifier);
            compare(App.compare.phase, CompareController.Result);
            verify(App.compare.result.practice);
        }

        function test_mushraRun() {
            App.compare.mode = CompareController.Mushra;
            const m = App.compare.mushra;
            m.pages = 2;
            m.openReference = true;
            m.hiddenReference = true;
            m.lowAnchor = true;
            m.midAnchor = false;
            m.requireAllPlayed = true;
            waitForRendering(shell);
            compare(child("compareStart").text, "Start 2 pages");
            keyClick(Qt.Key_Return);
            compare(App.compare.phase, CompareController.Running);
            tryCompare(m, "building", false, 30000);
            const panel = child("mushraPanel");
            verify(panel.visible);
            verify(!child("blindRun").visible);
            compare(m.positionCount, 3); // take-2, hidden reference, 3.5 kHz anchor
            for (let page = 1; page <= 2; ++page) {
                waitForRendering(shell);
                compare(child("mushraPageText").text, "Page " + page + " of 2");
                const submit = child("mushraSubmit");
                verify(!submit.enabled);
                compare(child("mushraNotReady").text, "Play every item first.");
                // Position 1 by key, 2 by click, 3 by key; the reference by R.
                keyClick(Qt.Key_1);
                compare(m.listening, 0);
                verify(child("mushraPlayed0").text === "played");
                verify(child("mushraPlayed1").text === "not played");
                mouseClick(child("mushraPlay1"));
                compare(m.listening, 1);
                keyClick(Qt.Key_R);
                verify(m.referencePlaying);
                keyClick(Qt.Key_3);
                compare(m.listening, 2);
                compare(App.audio.variant, 0); // what plays never reaches QML
                compare(child("mushraNotReady").text, "Rate every item first.");
                // Sliders by click: near the top, the middle, the bottom quarter.
                const fractions = [0.1, 0.5, 0.8];
                for (let p = 0; p < 3; ++p) {
                    const slider = child("mushraSlider" + p);
                    mouseClick(slider, slider.width / 2, slider.height * fractions[p]);
                    verify(Math.abs(m.positions[p].rating - 100 * (1 - fractions[p])) <= 2, "rating " + m.positions[p].rating);
                    compare(child("mushraRating" + p).text, String(m.positions[p].rating));
                }
                verify(submit.enabled);
                compare(child("mushraNotReady").text, "");
                keyClick(Qt.Key_Return);
            }
            compare(App.compare.phase, CompareController.Result);
            waitForRendering(shell);
            verify(child("mushraResult").visible);
            verify(!child("resultScore").visible);
            const stimuli = App.compare.result.stimuli;
            compare(stimuli.length, 3);
            compare(stimuli[0].label, "take-2.wav");
            compare(stimuli[1].label, "hidden reference");
            compare(stimuli[2].label, "anchor 3.5 kHz");
            verify(child("mushraStimulusText1").text.indexOf("hidden reference: ") === 0, child("mushraStimulusText1").text);
            verify(child("resultVerdict").text.indexOf("Post-screening") === 0, child("resultVerdict").text);
            verify(child("logText").text.indexOf("mushra") >= 0);
            keyClick(Qt.Key_Return);
            compare(App.compare.phase, CompareController.Ready);
        }

        function test_navigation() {
            keyClick(Qt.Key_5, Qt.ControlModifier);
            compare(App.page, App.SettingsPage);
            keyClick(Qt.Key_4, Qt.ControlModifier);
            compare(App.page, App.StatisticsPage);
            keyClick(Qt.Key_3, Qt.ControlModifier);
            compare(App.page, App.ComparePage);
            verify(child("comparePage").visible);
        }
    }
}
