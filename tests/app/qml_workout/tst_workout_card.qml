import QtQuick
import QtTest
import EarLab

// Home's "Today's workout" on a seeded history (EARLAB_TEST_WORKOUT_HISTORY: eq-band with
// 1 kHz right 2 times of 10): the card lists the plan with its reasons, the weak band first;
// Start opens the first item's exercise for its questions; after that session, Continue is
// the next item.
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

        name: "WorkoutCard"
        when: windowShown

        function child(name) {
            const item = findChild(shell, name);
            verify(item !== null, "no item named " + name);
            return item;
        }

        function init() {
            App.workout.stop();
            App.goHome();
            waitForRendering(shell);
        }

        function test_listsThePlanWithReasons() {
            verify(App.workout.count >= 3, App.workout.count);
            const first = App.workout.item(0);
            compare(first.exerciseId, "eq-band");
            compare(first.focusBand, "1 kHz");
            compare(first.reason, "1 kHz: 2 of 10 right this week.");
            compare(child("workoutTitle_0").text, "EQ band · listen for 1 kHz");
            compare(child("workoutReason_0").text, "1 kHz: 2 of 10 right this week.");
            // Every item says why; the rest of the plan are the exercises never practised.
            for (let i = 1; i < App.workout.count; ++i) {
                const reason = child("workoutReason_" + i).text;
                verify(reason.indexOf("Not practised yet") === 0 || reason.indexOf(" right ") > 0, reason);
            }
            verify(child("workoutSummary").text.indexOf("about 10 minutes") >= 0, child("workoutSummary").text);
        }

        function test_startOpensTheFirstItem() {
            const first = App.workout.item(0);
            const start = child("workoutStart");
            compare(start.text, "Start");
            mouseClick(start);
            compare(App.page, App.ExercisePage);
            compare(App.session.exerciseId, first.exerciseId);
            compare(App.session.questionCount, first.questions);
            verify(App.workout.running);
            compare(App.workout.current, 0);
            App.endSession(); // the summary: the session is finished
            tryCompare(App.session, "phase", Session.Finished);
            compare(App.workout.current, 1);
            // The summary offers the next item; Home does too.
            const next = child("workoutNextButton");
            tryCompare(next, "visible", true);
            compare(next.text, "Workout: next, " + App.workout.item(1).title);
            App.goHome();
            tryCompare(child("workoutStart"), "text", "Continue");
            verify(child("workoutSummary").text.indexOf("1 of") === 0, child("workoutSummary").text);
            mouseClick(child("workoutStart"));
            compare(App.page, App.ExercisePage);
            compare(App.session.exerciseId, App.workout.item(1).exerciseId);
            App.goHome();
        }
    }
}
