import QtQuick
import QtQuick.Layouts
import EarLab

// One of a few answers as buttons (an amount in dB, A or B, a ratio, a stem), with its number
// key, and the direction when the question asks it.
ColumnLayout {
    id: root

    readonly property var options: App.session.answerOptions

    objectName: "choicePanel"
    spacing: Theme.spacing

    PanelHeading {
        Layout.fillWidth: true
        text: App.session.focus !== "" ? qsTr("Amount at %1").arg(App.session.focus) : qsTr("Your answer")
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing

        DirectionSwitch {
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: false
            Layout.preferredWidth: 128
            visible: App.session.directionAsked
        }

        // A Flow inside a plain Item, for the reason BandsPanel gives.
        Item {
            Layout.fillWidth: true
            implicitHeight: buttons.implicitHeight

            Flow {
                id: buttons

                width: parent.width
                spacing: Theme.spacing

                Repeater {
                    model: root.options

                    delegate: Rectangle {
                        id: button

                        required property int index
                        required property string label
                        required property string keyLabel
                        readonly property bool selected: App.session.selectedOption === index

                        objectName: "answer_" + index
                        width: Math.max(120, (buttons.width - buttons.spacing * 3) / Math.min(4, root.options.count))
                        height: 64
                        radius: Theme.radius
                        color: selected ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.14)
                                        : mouse.containsMouse ? Theme.hover : Theme.surface
                        border.color: selected ? Theme.accent : Theme.border
                        border.width: selected ? 2 : 1

                        KeyCap {
                            anchors.left: parent.left
                            anchors.leftMargin: 10
                            anchors.verticalCenter: parent.verticalCenter
                            visible: button.keyLabel !== ""
                            text: button.keyLabel
                        }

                        Text {
                            anchors.centerIn: parent
                            text: button.label
                            color: button.selected ? Theme.text : Theme.textMuted
                            font.pixelSize: Theme.fontLarge
                            font.weight: button.selected ? Font.DemiBold : Font.Normal
                        }

                        MouseArea {
                            id: mouse

                            anchors.fill: parent
                            hoverEnabled: true
                            cursorShape: Qt.PointingHandCursor
                            onClicked: App.session.selectedOption = button.index
                        }
                    }
                }
            }
        }
    }
}
