import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// A question: what to listen for, A/B, transport, and the answers.
Item {
    id: page

    PreparingView {
        anchors.fill: parent
        visible: App.session.phase === Session.Preparing
    }

    Flickable {
        anchors.fill: parent
        visible: App.session.phase === Session.Question
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column

            x: Theme.pageMargin
            y: Theme.pageMargin - 8
            width: parent.width - 2 * Theme.pageMargin
            spacing: Theme.spacingLarge

            SessionHeader {
                Layout.fillWidth: true
            }

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 6

                Text {
                    objectName: "prompt"
                    Layout.fillWidth: true
                    text: App.session.prompt
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle + 4
                    font.weight: Font.DemiBold
                    wrapMode: Text.Wrap
                }

                Text {
                    Layout.fillWidth: true
                    text: App.session.loudnessMatched
                          ? qsTr("Switch between A and B as often as you like. Both play at the same loudness: listen for the change, not for level.")
                          : App.session.exerciseId === "level"
                            ? qsTr("Switch between A and B as often as you like. Level is the question here: nothing is loudness-matched.")
                            : qsTr("Loudness matching is off: B may be louder than A.")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                }
            }

            Rectangle {
                objectName: "skippedNote"
                Layout.fillWidth: true
                visible: App.session.notes !== "" || App.session.materialNote !== ""
                implicitHeight: notes.implicitHeight + 16
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border

                Text {
                    id: notes

                    anchors.fill: parent
                    anchors.margins: 8
                    anchors.leftMargin: 12
                    text: [App.session.materialNote, App.session.notes].filter(t => t !== "").join("\n")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                }
            }

            AbSwitch {
                Layout.fillWidth: true
            }

            TransportBar {
                Layout.fillWidth: true
            }

            AnswerPanel {
                Layout.fillWidth: true
            }
        }
    }
}
