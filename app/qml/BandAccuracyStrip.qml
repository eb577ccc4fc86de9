import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Accuracy per octave over the exercise's recent answers: one bar per band, so the weak
// bands show at a glance. `bands` is ExerciseListModel's bandAccuracy list.
ColumnLayout {
    id: strip

    required property var bands
    required property int window

    // ExerciseListModel's weakestBand: {} when no band was asked.
    required property var weakest

    spacing: 6

    Text {
        readonly property string lastAnswers: strip.window === 1 ? qsTr("By band, the last answer")
                                                                 : qsTr("By band, last %1 answers").arg(strip.window)

        Layout.fillWidth: true
        text: strip.weakest.name !== undefined && strip.weakest.percent < 100
              ? qsTr("%1 · weakest: %2 (%3 of %4 found)").arg(lastAnswers)
                    .arg(strip.weakest.name).arg(strip.weakest.correct).arg(strip.weakest.asked)
              : lastAnswers
        color: Theme.textFaint
        font.pixelSize: Theme.fontSmall
        elide: Text.ElideRight
    }

    Row {
        spacing: 6

        Repeater {
            model: strip.bands

            delegate: Column {
                id: cell

                required property var modelData

                objectName: "band_" + modelData.label
                width: 40
                spacing: 3

                HoverHandler {
                    id: hover
                }

                ToolTip.visible: hover.hovered
                ToolTip.text: cell.modelData.asked > 0
                              ? qsTr("%1: %2 of %3 found").arg(cell.modelData.name).arg(cell.modelData.correct)
                                    .arg(cell.modelData.asked)
                              : qsTr("%1: not asked yet").arg(cell.modelData.name)

                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: cell.modelData.percent < 0 ? "–" : cell.modelData.percent
                    color: cell.modelData.percent < 0 ? Theme.textFaint : Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    font.family: Theme.monoFamily
                }

                Rectangle {
                    width: parent.width
                    height: 28
                    radius: 3
                    color: Theme.raised
                    border.color: Theme.border

                    Rectangle {
                        anchors.bottom: parent.bottom
                        width: parent.width
                        // A band asked and never found still shows a sliver: not "not asked".
                        height: Math.max(3, parent.height * Math.max(0, cell.modelData.percent) / 100)
                        radius: 3
                        color: cell.modelData.percent >= 80 ? Theme.success
                             : cell.modelData.percent >= 50 ? Theme.accent : Theme.warning
                        visible: cell.modelData.asked > 0
                    }
                }

                Text {
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: cell.modelData.label
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }
        }
    }
}
