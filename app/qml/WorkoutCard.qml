import QtQuick
import QtQuick.Layouts
import EarLab

// Home's "Today's workout": about ten minutes from the listener's weak spots
// (app/src/workout.h), each item with why it was chosen. Start runs the items in turn as
// ordinary sessions; after each one's summary, Continue starts the next.
Card {
    id: card

    implicitHeight: content.implicitHeight + 2 * Theme.spacing

    ColumnLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: Theme.spacingLarge
        anchors.rightMargin: Theme.spacingLarge
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2

                Text {
                    text: qsTr("Today's workout")
                    color: Theme.text
                    font.pixelSize: Theme.fontLarge
                    font.weight: Font.DemiBold
                }

                Text {
                    objectName: "workoutSummary"
                    Layout.fillWidth: true
                    text: App.workout.problem !== "" ? App.workout.problem
                          : App.workout.running ? qsTr("%1 of %2 done: next, %3.").arg(App.workout.current).arg(App.workout.count).arg(App.workout.currentTitle)
                          : qsTr("%1, from your weak spots.").arg(App.workout.summary)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                }
            }

            AppButton {
                objectName: "workoutStop"
                visible: App.workout.running
                text: qsTr("Stop")
                onClicked: App.workout.stop()
            }

            AppButton {
                objectName: "workoutStart"
                primary: true
                enabled: App.workout.count > 0
                text: App.workout.running ? qsTr("Continue") : qsTr("Start")
                onClicked: App.workout.start()
            }
        }

        // A positioner around the Repeater: a Qt 6.4 layout holding Repeater delegates
        // directly can keep a destroyed one when the model resets (each time Home is shown)
        // and crash on its next pass (see HomePage.qml).
        Column {
            Layout.fillWidth: true
            spacing: parent.spacing

            Repeater {
                model: App.workout

                delegate: WorkoutItem {
                    width: parent ? parent.width : 0
                }
            }
        }
    }
}
