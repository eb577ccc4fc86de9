import QtQuick
import QtTest
import EarLab

// Every answer panel and every reveal, by keyboard only: Home's arrows and Enter (or M and a
// level's number) start the exercise that shows it, the question's keys play its variants
// and set the answer, Enter confirms, and the reveal's number keys play what it offers. Each
// check is on a value: what the engine plays (App.audio.variant), what the session graded and
// the store holds, and where the reveal draws it.
Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    // A slider over a continuous answer. No exercise of the catalogue asks one today, so the
    // test shows it over a question whose answer is a value (pan's) to drive it by the keys.
    Component {
        id: continuousPanel

        ContinuousPanel {
            width: 800
        }
    }

    TestCase {
        id: test

        function initTestCase() {
            // One question: a stray Enter after a reveal ends the session instead of preparing
            // another question.
            App.preferences.questionsPerSession = 1;
        }

        function init() {
            App.helpVisible = false;
            App.confirmingEnd = false;
            App.goHome();
            compare(App.page, App.HomePage);
        }

        function cleanup() {
            App.goHome();
        }

        function child(name, parent) {
            const item = findChild(parent || shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function near(actual, expected, tolerance, what) {
            verify(Math.abs(actual - expected) <= (tolerance || 1e-9),
                   (what || "value") + ": " + actual + ", expected " + expected);
        }

        // Home by keys: Left to the first card, Right to `id`, then Enter, or M and the
        // level's number in the start options.
        function startByKeys(id, level) {
            for (let i = 0; i < 12; ++i)
                keyClick(Qt.Key_Left);
            compare(App.exercises.currentIndex, 0);
            for (let i = 0; i < 12 && App.exercises.currentId !== id; ++i)
                keyClick(Qt.Key_Right);
            compare(App.exercises.currentId, id);
            if (level > 0) {
                keyClick(Qt.Key_M);
                tryVerify(() => App.modalOpen, 5000, "the start options did not open");
                keyClick(Qt.Key_1 + level - 1);
            } else {
                keyClick(Qt.Key_Return);
            }
            compare(App.page, App.ExercisePage);
            compare(App.session.exerciseId, id);
            // Playable: the question is on screen and, the session's first, plays by itself.
            tryCompare(App.session, "phase", Session.Question, 60000);
            tryVerify(() => App.audio.hasScene && App.audio.playing, 10000, "the question does not play");
            verify(App.session.heard);
            if (level > 0)
                compare(App.session.level, level);
            waitForRendering(shell);
        }

        // A, B (and C) pick what the engine plays; Tab goes back and forth between A and B.
        function listenByKeys(count) {
            const keys = [Qt.Key_A, Qt.Key_B, Qt.Key_C];
            compare(App.session.variants.length, count);
            for (let i = count - 1; i >= 0; --i) {
                keyClick(keys[i]);
                compare(App.audio.variant, i);
                verify(child("abTile" + App.session.variants[i].key).active);
            }
            keyClick(Qt.Key_Tab);
            compare(App.audio.variant, 1);
            keyClick(Qt.Key_Tab);
            compare(App.audio.variant, 0);
        }

        // Enter: graded, written to the store, then revealed.
        function confirmByKeys(id) {
            const before = App.attemptCount(id);
            verify(before >= 0);
            verify(App.session.canConfirm);
            keyClick(Qt.Key_Return);
            tryCompare(App.session, "phase", Session.Revealed, 20000);
            compare(App.attemptCount(id), before + 1);
            compare(App.session.answeredCount, 1);
            verify(App.session.lastCounted);
            waitForRendering(shell);
        }

        function answerPanel(name) {
            const loader = child("answerLoader");
            compare(loader.item.objectName, name);
            return loader.item;
        }

        function reveal(name) {
            const loader = child("revealLoader");
            compare(loader.item.objectName, name);
            verify(loader.item.visible);
            return loader.item;
        }

        // The reveal's 1, 2, … play the variants and then the answer, on the tiles of the
        // listen switch; `answerTile` says whether the answer is one of them.
        function revealListenKeys(variants, answerTile) {
            const tiles = variants + (answerTile ? 1 : 0);
            for (let i = tiles - 1; i >= 0; --i) {
                keyClick(Qt.Key_1 + i);
                compare(App.audio.variant, i);
                verify(child(answerTile && i === variants ? "listenAnswer" : "listen" + i).active);
            }
            compare(findChild(shell, answerTile ? "listen" + variants : "listenAnswer"), null);
            // A key past the tiles plays nothing else.
            keyClick(Qt.Key_1 + tiles);
            compare(App.audio.variant, 0);
        }

        // Equal to 8 bits a channel, as drawn (a colour made with Qt.rgba keeps finer steps).
        function sameColour(a, b) {
            return Qt.colorEqual("" + a, "" + b);
        }

        // A pixel of a line in that colour (within the antialiasing's rounding).
        function pixelOf(pixel, colour) {
            return Math.abs(pixel.r - colour.r) < 0.02 && Math.abs(pixel.g - colour.g) < 0.02
                   && Math.abs(pixel.b - colour.b) < 0.02;
        }

        function test_choicePanelAndLevelsReveal() {
            startByKeys("level", 1);
            compare(App.session.answerPanel, Session.ChoicePanel);
            compare(App.session.revealPanel, Session.LevelsReveal);
            answerPanel("choicePanel");
            compare(App.session.answerOptions.count, 2); // level 1: which is louder, not by how much
            listenByKeys(2);

            // Which one is louder is the question: the tiles look alike, heard or not.
            const a = child("abTileA"), b = child("abTileB");
            verify(sameColour(a.tint, b.tint), a.tint + " vs " + b.tint);
            verify(!sameColour(b.tint, Theme.hidden));
            keyClick(Qt.Key_A);
            // As text: a colour read from a property stays bound to it.
            const lit = { color: "" + a.color, border: "" + a.border.color, key: "" + child("tileKey", a).color };
            const unlit = { color: "" + b.color, border: "" + b.border.color, key: "" + child("tileKey", b).color };
            verify(!sameColour(lit.color, unlit.color)); // the one heard is lit
            keyClick(Qt.Key_B);
            verify(sameColour(b.color, lit.color) && sameColour(b.border.color, lit.border)
                   && sameColour(child("tileKey", b).color, lit.key), "B lit is not A lit");
            verify(sameColour(a.color, unlit.color) && sameColour(a.border.color, unlit.border)
                   && sameColour(child("tileKey", a).color, unlit.key), "A unlit is not B unlit");

            // Right selects the first answer, Right again the second, Left back; 2 picks B.
            compare(App.session.selectedOption, -1);
            verify(!App.session.canConfirm);
            keyClick(Qt.Key_Right);
            compare(App.session.selectedOption, 0);
            verify(child("answer_0").selected);
            keyClick(Qt.Key_Right);
            compare(App.session.selectedOption, 1);
            keyClick(Qt.Key_Left);
            compare(App.session.selectedOption, 0);
            keyClick(Qt.Key_2);
            compare(App.session.selectedOption, 1);
            verify(child("answer_1").selected && !child("answer_0").selected);
            confirmByKeys("level");

            // Graded as "B louder", against the truth the bars show: 6 dB apart, ±3 dB.
            compare(App.session.answerText, "B louder");
            const truth = App.session.trueCurve, answer = App.session.answerCurve;
            compare(truth.length, 2);
            const louder = truth[1].y > 0 ? 1 : 0;
            near(truth[louder].y, 3, 1e-6, "louder bar");
            near(truth[1 - louder].y, -3, 1e-6, "quieter bar");
            compare(App.session.lastCorrect, louder === 1);
            compare(App.session.truthText, (louder === 1 ? "B louder than A" : "A louder than B") + " by 6.0 dB");
            near(answer[0].y, -3, 1e-6, "answer A");
            near(answer[1].y, 3, 1e-6, "answer B");

            const levels = reveal("levelsReveal");
            for (const kind of ["truth", "answer"])
                for (let i = 0; i < 2; ++i) {
                    const bar = child("levelBar_" + kind + "_" + i, levels);
                    const db = (kind === "truth" ? truth : answer)[i].y;
                    verify(bar.visible);
                    near(bar.db, db, 1e-9, kind + " bar " + i);
                    compare(child("levelValue", bar).text, db > 0 ? "+3.0 dB" : "−3.0 dB");
                    const fill = child("levelBarFill", bar);
                    verify(fill.height > 20, kind + " bar " + i + " is " + fill.height + " px");
                    // Up from the 0 dB line when louder, down from it when quieter.
                    const zero = bar.height / 2;
                    if (db > 0)
                        near(fill.y + fill.height, zero, 0.5, kind + " bar " + i + " bottom");
                    else
                        near(fill.y, zero, 0.5, kind + " bar " + i + " top");
                }

            // Now the louder one may be marked as the change.
            compare(App.session.changedVariant, louder);
            verify(sameColour(child("listen" + louder).tint, Theme.hidden));
            verify(sameColour(child("listen" + (1 - louder)).tint, Theme.flat));
            revealListenKeys(2, true);
        }

        function test_tilesMarkTheChangeWhenTheQuestionNamesTheReference() {
            // EQ band names its reference ("Flat"): the processed tile is the change, in its colour.
            startByKeys("eq-band", 0);
            compare(App.session.variants[0].label, "Flat");
            verify(sameColour(child("abTileA").tint, Theme.flat));
            verify(sameColour(child("abTileB").tint, Theme.hidden));
            compare(App.session.changedVariant, -1); // nothing revealed yet
        }

        function test_gainReductionReveal() {
            startByKeys("compression-settings", 1);
            compare(App.session.answerPanel, Session.ChoicePanel);
            compare(App.session.revealPanel, Session.GainReductionReveal);
            answerPanel("choicePanel");
            compare(App.session.answerOptions.count, 2); // level 1: 2:1 or limiting
            listenByKeys(2);
            keyClick(Qt.Key_1);
            compare(App.session.selectedOption, 0);
            confirmByKeys("compression-settings");
            compare(App.session.answerText, "2:1");

            const plot = reveal("gainReductionReveal");
            const truth = plot.truth, answer = plot.answer;
            verify(truth.length > 10, truth.length + " points of gain reduction");
            compare(answer.length, truth.length);
            let most = 0, apart = 0;
            for (let i = 0; i < truth.length; ++i) {
                most = Math.max(most, truth[i].y);
                apart = Math.max(apart, Math.abs(truth[i].y - answer[i].y));
            }
            verify(most > 2, "the hidden setting reduces by " + most + " dB at most");
            // The same setting draws the same trace; limiting against 2:1 a different one.
            if (App.session.lastCorrect)
                compare(apart, 0);
            else
                verify(apart > 0.5, "2:1 and limiting differ by " + apart + " dB only");

            // Both traces are on the picture, in their colours.
            const canvas = child("gainReductionPlot", plot);
            // The whole window (Qt 6.4's grabImage of an item crops at the item's x and y in
            // its parent), read where the canvas is.
            const image = grabImage(shell);
            const origin = canvas.mapToItem(shell, 0, 0);
            let hidden = 0, accent = 0;
            for (let x = 40; x < canvas.width; x += 3)
                for (let y = 0; y < canvas.height; y += 1) {
                    const c = image.pixel(origin.x + x, origin.y + y);
                    if (pixelOf(c, Theme.hidden))
                        ++hidden;
                    else if (pixelOf(c, Theme.accent))
                        ++accent;
                }
            verify(accent > 50, accent + " answer pixels");
            if (!App.session.lastCorrect)
                verify(hidden > 50, hidden + " hidden-change pixels");

            compare(App.session.changedVariant, 1); // "B is compressed"
            verify(sameColour(child("listen1").tint, Theme.hidden));
            revealListenKeys(2, true);
        }

        function test_compressionTilesAlikeAndTraceWithoutAnAnswer() {
            // Which one is compressed is the question: A and B look alike until the reveal.
            startByKeys("compression", 1);
            compare(App.session.answerPanel, Session.ChoicePanel);
            compare(App.session.revealPanel, Session.GainReductionReveal);
            listenByKeys(2);
            verify(sameColour(child("abTileA").tint, child("abTileB").tint));
            compare(child("abTileA").modelData.note, ""); // nor do the notes say
            compare(child("abTileB").modelData.note, "");
            keyClick(Qt.Key_1);
            confirmByKeys("compression");
            compare(App.session.answerText, "A compressed");
            const compressed = App.session.truthText.indexOf("A compressed") === 0 ? 0 : 1;
            verify(App.session.truthText.indexOf(compressed === 0 ? "A compressed" : "B compressed") === 0,
                   App.session.truthText);
            compare(App.session.lastCorrect, compressed === 0);

            // The hidden setting's trace alone: an A/B answer names no setting to draw or hear.
            const plot = reveal("gainReductionReveal");
            verify(plot.truth.length > 10, plot.truth.length + " points");
            compare(plot.answer.length, 0);
            verify(!App.session.answerAudible);
            compare(App.session.changedVariant, compressed);
            verify(sameColour(child("listen" + compressed).tint, Theme.hidden));
            verify(sameColour(child("listen" + (1 - compressed)).tint, Theme.flat));
            revealListenKeys(2, false);
        }

        function test_stereoFieldPanelAndReveal() {
            startByKeys("pan", 1);
            compare(App.session.answerPanel, Session.StereoFieldPanel);
            compare(App.session.revealPanel, Session.StereoFieldReveal);
            const panel = answerPanel("stereoFieldPanel");
            listenByKeys(2);

            // ] is ten steps of 0.01, Right and Left one.
            const field = child("stereoField", panel);
            const marker = child("answerMarker", field);
            compare(App.session.answerValue, 0);
            near(marker.x + marker.width / 2, field.xOf(0), 0.5, "marker at the centre");
            for (let i = 0; i < 3; ++i)
                keyClick(Qt.Key_BracketRight);
            keyClick(Qt.Key_Right);
            keyClick(Qt.Key_Right);
            keyClick(Qt.Key_Left);
            const answered = 0.31;
            near(App.session.answerValue, answered, 1e-9, "the answer");
            near(marker.x + marker.width / 2, field.xOf(answered), 0.5, "marker");
            verify(!child("truthMarker", field).visible);
            confirmByKeys("pan");

            // Graded by distance to the truth, a position on level 1's grid of five.
            const truth = App.session.trueCurve[0].x;
            verify([-1, -0.5, 0, 0.5, 1].some(p => Math.abs(p - truth) < 1e-9), "truth " + truth);
            near(App.session.answerCurve[0].x, answered, 1e-9, "graded answer");
            near(App.session.lastScore, Math.max(0, 1 - Math.abs(answered - truth) / 0.5), 1e-9, "score");
            compare(App.session.lastCorrect, Math.abs(answered - truth) <= 0.25);
            compare(App.session.answerText, "Balance 0.31 right");

            const revealed = reveal("stereoFieldReveal");
            const revealField = child("revealField", revealed);
            const truthMarker = child("truthMarker", revealField);
            const answerMarker = child("answerMarker", revealField);
            verify(truthMarker.visible && answerMarker.visible);
            near(truthMarker.x + truthMarker.width / 2, revealField.xOf(truth), 0.5, "truth marker");
            near(answerMarker.x + answerMarker.width / 2, revealField.xOf(answered), 0.5, "answer marker");
            verify(!child("referenceMarker", revealField).visible); // pan has no A to place
            compare(App.session.changedVariant, 1);
            revealListenKeys(2, true);
        }

        function test_panDirectionRevealShowsBWhereItWent() {
            // Is B left or right of A: the field shows A's place as a ring, B's truth and the
            // B your answer describes as the markers.
            startByKeys("pan-direction", 1);
            compare(App.session.answerPanel, Session.ChoicePanel);
            compare(App.session.revealPanel, Session.StereoFieldReveal);
            answerPanel("choicePanel");
            listenByKeys(2);
            keyClick(Qt.Key_2);
            compare(App.session.answerOptions.count, 2);
            compare(App.session.selectedOption, 1); // Right
            confirmByKeys("pan-direction");

            const truth = App.session.trueCurve, answer = App.session.answerCurve;
            compare(truth.length, 2);
            compare(answer.length, 2);
            const a = truth[0].x, b = truth[1].x, answered = answer[1].x;
            near(answer[0].x, a, 1e-9, "the answer's A");
            verify(answered > a, "answered right of A, drawn at " + answered + " against A at " + a);
            compare(App.session.lastCorrect, b > a);
            verify(App.session.truthText.indexOf(b > a ? "right" : "left") >= 0, App.session.truthText);

            const field = child("revealField", reveal("stereoFieldReveal"));
            const ring = child("referenceMarker", field);
            const truthMarker = child("truthMarker", field);
            const answerMarker = child("answerMarker", field);
            verify(ring.visible && truthMarker.visible && answerMarker.visible);
            near(ring.x + ring.width / 2, field.xOf(a), 0.5, "A's ring");
            near(truthMarker.x + truthMarker.width / 2, field.xOf(b), 0.5, "B's truth");
            near(answerMarker.x + answerMarker.width / 2, field.xOf(answered), 0.5, "B as answered");
            verify(Math.abs(field.xOf(b) - field.xOf(a)) > 20, "A and B drawn apart");
            revealListenKeys(2, true);
        }

        function test_continuousPanelFollowsTheKeys() {
            startByKeys("pan", 1);
            const panel = createTemporaryObject(continuousPanel, root);
            verify(panel !== null);
            waitForRendering(panel);
            const slider = child("answerSlider", panel);
            const value = child("answerValueText", panel);
            compare(slider.from, -1);
            compare(slider.to, 1);
            compare(slider.stepSize, 0.01);
            compare(slider.value, 0);
            keyClick(Qt.Key_BracketRight);
            keyClick(Qt.Key_BracketRight);
            keyClick(Qt.Key_Right);
            near(App.session.answerValue, 0.21, 1e-9, "the answer");
            near(slider.value, 0.21, 1e-9, "the slider");
            compare(value.text, "0.2"); // one decimal below a step of 1; pan has no unit
            for (let i = 0; i < 30; ++i)
                keyClick(Qt.Key_BracketLeft);
            compare(App.session.answerValue, -1); // held to the range
            compare(slider.value, -1);
            compare(value.text, "-1.0");
        }

        // The RMS distance of two curves over the span where either departs from 0 dB by more
        // than 0.5 dB (eq_match_exercise.h), from the reveal's own points.
        function curveDistance(a, b) {
            let first = -1, last = -1;
            for (let i = 0; i < a.length; ++i)
                if (Math.abs(a[i].y) > 0.5 || Math.abs(b[i].y) > 0.5) {
                    if (first < 0)
                        first = i;
                    last = i;
                }
            if (first < 0)
                return 0;
            let sum = 0;
            for (let i = first; i <= last; ++i)
                sum += (a[i].y - b[i].y) * (a[i].y - b[i].y);
            return Math.sqrt(sum / (last - first + 1));
        }

        function test_eqMatchPanelAndCurvesReveal() {
            // Level 4: Q is the listener's to set (and graded), the reveal scores within 4 dB.
            startByKeys("eq-match", 4);
            compare(App.session.answerPanel, Session.EqMatchPanel);
            compare(App.session.revealPanel, Session.EqCurvesReveal);
            const panel = answerPanel("eqMatchPanel");
            verify(!App.session.answerQFixed);
            listenByKeys(3); // Flat, Target, Yours
            compare(App.session.variants[2].id, "yours");
            verify(sameColour(child("abTileC").tint, Theme.accent));

            compare(App.session.answerFrequencyHz, 1000);
            compare(App.session.answerGainDb, 0);
            near(App.session.answerQ, 1.41, 1e-9, "start Q");
            // ↑ four half-dB steps, ↓ one; → twelve 1/12-octave steps, ← six; ] four quarter
            // steps of bandwidth, [ two.
            for (let i = 0; i < 4; ++i)
                keyClick(Qt.Key_Up);
            keyClick(Qt.Key_Down);
            for (let i = 0; i < 12; ++i)
                keyClick(Qt.Key_Right);
            for (let i = 0; i < 6; ++i)
                keyClick(Qt.Key_Left);
            for (let i = 0; i < 4; ++i)
                keyClick(Qt.Key_BracketRight);
            for (let i = 0; i < 2; ++i)
                keyClick(Qt.Key_BracketLeft);
            const hz = 1000 * Math.pow(2, 6 / 12), q = 1.41 * Math.pow(2, 2 / 4);
            near(App.session.answerGainDb, 1.5, 1e-9, "gain");
            near(App.session.answerFrequencyHz, hz, 1e-6, "frequency");
            near(App.session.answerQ, q, 1e-9, "Q");
            compare(child("eqMatchGainText", panel).text, "+1.5 dB");
            compare(child("eqMatchFrequencyText", panel).text, "1.41 kHz");
            compare(child("eqMatchQText", panel).text, "1.99");
            // The curve drawn is that band's: its peak is the gain, at the frequency.
            const mine = App.session.answerBandCurve;
            compare(child("eqMatchCurve", panel).answerPoints.length, mine.length);
            let peak = mine[0];
            for (const p of mine)
                if (p.y > peak.y)
                    peak = p;
            near(peak.y, 1.5, 0.05, "peak gain");
            verify(Math.abs(Math.log2(peak.x / hz)) < 1 / 24, "peak at " + peak.x + " Hz");
            // "Yours" plays the band being dialled.
            keyClick(Qt.Key_C);
            compare(App.audio.variant, 2);
            confirmByKeys("eq-match");

            compare(App.session.answerText, "+1.5 dB at 1.41 kHz, Q 1.99");
            const curves = reveal("eqCurvesReveal");
            const curve = child("curve", curves);
            const truth = curve.truePoints, answer = curve.answerPoints;
            compare(truth.length, 241);
            compare(answer.length, mine.length);
            for (let i = 0; i < answer.length; ++i)
                near(answer[i].y, mine[i].y, 1e-9, "answer curve at " + answer[i].x + " Hz");
            // The distance Session reports is the one between the two curves drawn.
            const d = curveDistance(truth, answer);
            const said = /Your curve is ([0-9.]+) dB RMS/.exec(App.session.explanation);
            verify(said !== null, App.session.explanation);
            compare(said[1], d.toFixed(1));
            near(App.session.lastScore, Math.max(0, 1 - d / 4.0), 1e-6, "score");
            compare(App.session.lastCorrect, d <= 1.0);

            // Flat, Target, then your answer: "Yours" is not listed twice.
            compare(App.session.changedVariant, 1);
            revealListenKeys(2, true);
        }

        name: "ExercisePanels"
        when: windowShown
    }
}
