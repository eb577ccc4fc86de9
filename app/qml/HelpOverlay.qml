import QtQuick
import QtQuick.Layouts
import EarLab

// Every shortcut, over a dimmed app. ? or Esc closes it.
Rectangle {
    id: overlay

    color: Qt.rgba(0, 0, 0, 0.62)

    MouseArea {
        anchors.fill: parent
        onClicked: App.helpVisible = false
    }

    Card {
        anchors.centerIn: parent
        width: Math.min(parent.width - 80, 760)
        height: content.implicitHeight + 2 * 28
        color: Theme.raised
        border.color: Theme.borderStrong

        MouseArea {
            anchors.fill: parent // keeps clicks inside the card from closing it
        }

        ColumnLayout {
            id: content

            anchors.fill: parent
            anchors.margins: 28
            spacing: Theme.spacingLarge

            RowLayout {
                Layout.fillWidth: true

                Text {
                    Layout.fillWidth: true
                    text: qsTr("Keyboard shortcuts")
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                }

                KeyCap {
                    text: "Esc"
                }

                Text {
                    text: qsTr("close")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }
            }

            GridLayout {
                Layout.fillWidth: true
                columns: 2
                columnSpacing: 40
                rowSpacing: 10

                Repeater {
                    model: [
                        { keys: ["Space"], text: qsTr("Play / stop") },
                        { keys: ["A"], text: qsTr("Hear A: flat") },
                        { keys: ["B"], text: qsTr("Hear B: processed") },
                        { keys: ["Tab"], text: qsTr("Switch between A and B") },
                        { keys: ["L"], text: qsTr("Loop on / off") },
                        { keys: ["1", "…", "9", "0"], text: qsTr("Pick the answer showing that key") },
                        { keys: ["[", "]"], text: qsTr("Previous / next ten bands (also PgUp, PgDn)") },
                        { keys: ["←", "→"], text: qsTr("Move between answers") },
                        { keys: ["↑", "↓"], text: qsTr("Boost / cut") },
                        { keys: ["F"], text: qsTr("Answer “flat”, where offered") },
                        { keys: ["Enter"], text: qsTr("Confirm, then go on") },
                        { keys: ["1", "2", "3"], text: qsTr("In the reveal: flat, hidden change, your answer") },
                        { keys: ["Esc"], text: qsTr("End the session, back to Train") },
                        { keys: ["Ctrl+1", "2", "3", "4", "5"], text: qsTr("Train, Library, Compare, Statistics, Settings") },
                        { keys: ["A", "B", "X"], text: qsTr("On Compare, in ABX: hear A, B, X; Shift+A / Shift+B answer") },
                        { keys: ["1", "2", "←", "→"], text: qsTr("On Compare, blind preference: hear 1, 2; prefer 1 or 2 (N: no preference)") },
                        { keys: ["1", "…", "8"], text: qsTr("On Compare, sighted: hear that item; M the mode, P prepare, Enter start") },
                        { keys: ["M"], text: qsTr("On Train: start options (level; music: D as the level says, N pink noise, B built-in, Y yours; R reset)") },
                        { keys: ["1", "…", "4", "G"], text: qsTr("In the Library: training music one / several / a genre / all; G the next genre") },
                        { keys: ["Enter"], text: qsTr("In the Library: open the chosen file of yours in the listening view") },
                        { keys: ["M", "1", "…", "5", "L"], text: qsTr("Listening view: marker at the playhead, its category (then the note, Enter saves); L loops the selected marker's section") },
                        { keys: ["←", "→", "↑", "↓", "Del"], text: qsTr("Listening view: 5 s back / on; previous / next marker; delete it (Ctrl+Z undoes)") },
                        { keys: ["?"], text: qsTr("This list (also F1)") }
                    ]

                    delegate: RowLayout {
                        id: entry

                        required property var modelData

                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        spacing: 12

                        Row {
                            Layout.preferredWidth: 130
                            spacing: 4

                            Repeater {
                                model: entry.modelData.keys

                                delegate: KeyCap {
                                    required property string modelData

                                    text: modelData
                                }
                            }
                        }

                        Text {
                            Layout.fillWidth: true
                            text: entry.modelData.text
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }

            Text {
                Layout.fillWidth: true
                text: qsTr("Everything here also works with the mouse.")
                color: Theme.textFaint
                font.pixelSize: Theme.fontSmall
            }
        }
    }
}
