import QtQuick
import QtQuick.Controls
import EarLab

// One entry of the navigation rail.
AbstractButton {
    id: control

    property bool current: false
    property string shortcutText: ""

    implicitHeight: 40
    focusPolicy: Qt.NoFocus
    hoverEnabled: true

    background: Rectangle {
        radius: Theme.radius
        color: control.current ? Theme.raised : control.hovered ? Theme.surface : "transparent"

        Rectangle {
            width: 3
            height: parent.height - 16
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            radius: 2
            color: Theme.accent
            visible: control.current
        }
    }

    contentItem: Item {
        Text {
            anchors.left: parent.left
            anchors.leftMargin: 16
            anchors.verticalCenter: parent.verticalCenter
            text: control.text
            color: control.current ? Theme.text : Theme.textMuted
            font.pixelSize: Theme.fontBody
            font.weight: control.current ? Font.DemiBold : Font.Normal
        }

        Text {
            anchors.right: parent.right
            anchors.rightMargin: 10
            anchors.verticalCenter: parent.verticalCenter
            text: control.shortcutText
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
        }
    }
}
