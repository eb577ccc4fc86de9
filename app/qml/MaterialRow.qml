import QtQuick
import QtQuick.Layouts
import EarLab

// One entry of the library: choose it, see what it is, or why it cannot be used.
Rectangle {
    id: row

    required property string materialId
    required property string title
    required property string detail
    required property string kind
    required property string status
    required property string error
    required property bool selected

    implicitHeight: content.implicitHeight + 20
    radius: Theme.radius
    color: selected ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.10) : mouse.containsMouse ? Theme.raised : Theme.surface
    border.color: selected ? Theme.accent : Theme.border

    MouseArea {
        id: mouse

        anchors.fill: parent
        hoverEnabled: true
        enabled: row.status === "ready"
        cursorShape: row.status === "ready" ? Qt.PointingHandCursor : Qt.ArrowCursor
        onClicked: App.library.select(row.materialId)
    }

    RowLayout {
        id: content

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: 14
        anchors.rightMargin: 10
        spacing: Theme.spacing

        Rectangle {
            width: 16
            height: 16
            radius: 8
            color: "transparent"
            border.color: row.status === "broken" ? Theme.danger : row.selected ? Theme.accent : Theme.borderStrong
            border.width: 2

            Rectangle {
                anchors.centerIn: parent
                width: 8
                height: 8
                radius: 4
                color: Theme.accent
                visible: row.selected
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            Text {
                Layout.fillWidth: true
                text: row.title
                color: row.status === "broken" ? Theme.textMuted : Theme.text
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                elide: Text.ElideMiddle
            }

            Text {
                Layout.fillWidth: true
                text: row.status === "broken" ? row.error : row.detail
                color: row.status === "broken" ? Theme.danger : Theme.textFaint
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
            }
        }

        Text {
            visible: row.status === "scanning"
            text: qsTr("scanning…")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
        }

        AppButton {
            visible: row.kind === "file"
            text: qsTr("Remove")
            onClicked: App.library.remove(row.materialId)
        }
    }
}
