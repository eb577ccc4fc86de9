import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Where to start an exercise (any level, or a staircase's rung), what its music levels play,
// and resetting its progress (after a confirmation; the answers stay in the history). Keys:
// 1–9 start at that level (arrows and Enter too), D/N/B/Y set the music (as the level says,
// pink noise, built-in, your music), R asks to reset, Esc closes.
Popup {
    id: popup

    property string exerciseId
    property string title
    property int levelCount: 1
    property bool staircase: false
    property string musicNote: "" // the card's note on what its level plays
    readonly property alias materialChoice: material
    property bool confirming: false

    objectName: "startOptions_" + exerciseId
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(560, parent.width - 48)
    modal: true
    focus: true
    padding: Theme.spacingLarge
    onOpened: {
        confirming = false;
        App.modalOpen = true;
        list.forceActiveFocus();
    }
    onClosed: App.modalOpen = false

    background: Rectangle {
        radius: Theme.radiusLarge
        color: Theme.surface
        border.color: Theme.border
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing

        Text {
            text: popup.confirming ? qsTr("Reset %1?").arg(popup.title) : qsTr("Start %1 at…").arg(popup.title)
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
        }

        Text {
            Layout.fillWidth: true
            visible: popup.confirming
            text: qsTr("It starts again at level 1. Every answer you gave stays in your history, marked as given before the reset, and no longer counts for the level or the accuracy shown here. Enter resets, Esc keeps it.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        ListView {
            id: list

            objectName: "startLevels"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 360)
            visible: !popup.confirming
            clip: true
            model: popup.visible ? App.levelsOf(popup.exerciseId) : []
            keyNavigationEnabled: true
            readonly property var materials: ({ [Qt.Key_D]: "level", [Qt.Key_N]: "noise", [Qt.Key_B]: "builtin", [Qt.Key_Y]: "mine" })
            Keys.onPressed: event => {
                const n = parseInt(event.text);
                if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
                    popup.startAt(currentIndex + 1);
                    event.accepted = true;
                } else if (n >= 1 && n <= count) {
                    popup.startAt(n);
                    event.accepted = true;
                } else if (list.materials[event.key] !== undefined) {
                    material.choose(list.materials[event.key]);
                    event.accepted = true;
                } else if (event.key === Qt.Key_R) {
                    popup.confirming = true;
                    confirmRow.forceActiveFocus();
                    event.accepted = true;
                }
            }

            delegate: Rectangle {
                id: row

                required property int index
                required property var modelData

                width: ListView.view.width
                height: 40
                radius: Theme.radius
                color: ListView.isCurrentItem ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.14)
                                              : mouse.containsMouse ? Theme.hover : "transparent"

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 10
                    anchors.rightMargin: 10
                    spacing: Theme.spacing

                    KeyCap {
                        visible: row.index < 9
                        text: String(row.index + 1)
                    }

                    Text {
                        Layout.fillWidth: true
                        text: row.modelData.text
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideRight
                    }
                }

                MouseArea {
                    id: mouse

                    anchors.fill: parent
                    hoverEnabled: true
                    onClicked: popup.startAt(row.index + 1)
                }
            }
        }

        MaterialChoice {
            id: material

            Layout.fillWidth: true
            visible: !popup.confirming
            exerciseId: popup.exerciseId
            note: popup.musicNote
        }

        RowLayout {
            id: confirmRow

            Layout.fillWidth: true
            spacing: Theme.spacing
            Keys.onReturnPressed: popup.reset()
            Keys.onEnterPressed: popup.reset()
            Keys.onEscapePressed: popup.confirming = false

            Item {
                Layout.fillWidth: true
            }

            AppButton {
                objectName: "resetButton"
                text: popup.confirming ? qsTr("Reset") : qsTr("Reset progress…")
                keyHint: popup.confirming ? "Enter" : "R"
                onClicked: {
                    if (popup.confirming) {
                        popup.reset();
                    } else {
                        popup.confirming = true;
                        confirmRow.forceActiveFocus();
                    }
                }
            }

            AppButton {
                text: qsTr("Close")
                keyHint: "Esc"
                onClicked: popup.close()
            }
        }
    }

    function startAt(level) {
        close();
        App.startExerciseAt(exerciseId, level);
    }

    function reset() {
        App.resetExercise(exerciseId);
        close();
    }
}
