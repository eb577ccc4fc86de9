import QtQuick
import QtQuick.Layouts
import EarLab

// Boost or cut, for levels that ask the direction.
ColumnLayout {
    id: root

    spacing: 6

    Repeater {
        model: [
            { boost: true, text: qsTr("▲ Boost"), key: "↑" },
            { boost: false, text: qsTr("▼ Cut"), key: "↓" }
        ]

        delegate: Rectangle {
            id: choice

            required property var modelData
            readonly property bool active: App.session.answerBoost === modelData.boost

            objectName: modelData.boost ? "boostChoice" : "cutChoice"
            Layout.fillWidth: true
            implicitWidth: 116
            implicitHeight: 60
            radius: Theme.radius
            color: active ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.14) : Theme.surface
            border.color: active ? Theme.accent : Theme.border
            border.width: active ? 2 : 1

            Text {
                anchors.left: parent.left
                anchors.leftMargin: 12
                anchors.verticalCenter: parent.verticalCenter
                text: choice.modelData.text
                color: choice.active ? Theme.text : Theme.textMuted
                font.pixelSize: Theme.fontBody
                font.weight: choice.active ? Font.DemiBold : Font.Normal
            }

            KeyCap {
                anchors.right: parent.right
                anchors.rightMargin: 8
                anchors.verticalCenter: parent.verticalCenter
                text: choice.modelData.key
            }

            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.PointingHandCursor
                onClicked: App.session.answerBoost = choice.modelData.boost
            }
        }
    }
}
