import QtQuick
import QtQuick.Layouts
import EarLab

// One item of Today's workout: the exercise, what to listen for, its music, its length, and
// the sentence saying why it was chosen.
RowLayout {
    id: item

    required property int index
    required property string exerciseId
    required property string title
    required property string focusBand
    required property string material
    required property int questions
    required property real minutes
    required property string reason
    required property bool done

    readonly property bool isCurrent: App.workout.running && App.workout.current === index

    spacing: Theme.spacing
    opacity: done ? 0.5 : 1

    Rectangle {
        width: 22
        height: 22
        radius: 11
        color: item.isCurrent ? Theme.accent : item.done ? Theme.success : Theme.raised

        Text {
            anchors.centerIn: parent
            text: item.done ? "✓" : item.index + 1
            color: item.isCurrent || item.done ? Theme.textOnAccent : Theme.textMuted
            font.pixelSize: Theme.fontSmall
            font.weight: Font.DemiBold
        }
    }

    ColumnLayout {
        Layout.fillWidth: true
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Text {
                objectName: "workoutTitle_" + item.index
                Layout.fillWidth: true
                text: item.focusBand !== "" ? qsTr("%1 · listen for %2").arg(item.title).arg(item.focusBand) : item.title
                color: Theme.text
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                elide: Text.ElideRight
            }

            Text {
                text: qsTr("%1 questions · %2 min · %3").arg(item.questions).arg(item.minutes).arg(item.material)
                color: Theme.textFaint
                font.pixelSize: Theme.fontSmall
            }
        }

        Text {
            objectName: "workoutReason_" + item.index
            Layout.fillWidth: true
            text: item.reason
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }
}
