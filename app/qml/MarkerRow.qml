import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// One listening note in the listening view's list: its time, category and note. A click
// selects it and moves the playhead there; its buttons loop its section, edit or delete it.
Rectangle {
    id: row

    required property int index
    required property var markerId
    required property real position
    required property string timeText
    required property string category
    required property string categoryLabel
    required property string note
    required property real sectionEnd

    property bool current: false
    readonly property bool looped: App.listening.loopMarkerId === row.markerId

    signal chosen
    signal editRequested

    objectName: "markerRow_" + index
    implicitHeight: Math.max(44, content.implicitHeight + 14)
    radius: Theme.radius
    color: current ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.10) : mouse.containsMouse ? Theme.raised : Theme.surface
    border.color: current ? Theme.accent : looped ? Theme.markerColor(row.category) : Theme.border

    MouseArea {
        id: mouse

        anchors.fill: parent
        hoverEnabled: true
        onClicked: row.chosen()
        onDoubleClicked: row.editRequested()
    }

    // Two lines: the time, category and buttons, then the note across the whole row, so a
    // note stays readable in the 300 px list of the smallest window.
    ColumnLayout {
        id: content

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: 10
        anchors.rightMargin: 8
        spacing: 2

        RowLayout {
            Layout.fillWidth: true
            spacing: 10

            Rectangle {
                width: 10
                height: 10
                radius: 5
                color: Theme.markerColor(row.category)
            }

            Text {
                text: row.timeText
                color: Theme.text
                font.family: Theme.monoFamily
                font.pixelSize: Theme.fontSmall
            }

            Text {
                objectName: "markerCategory"
                Layout.fillWidth: true
                Layout.minimumWidth: 0
                text: row.categoryLabel
                color: Theme.markerColor(row.category)
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                elide: Text.ElideRight
            }

            AppButton {
                objectName: "loopMarker"
                implicitHeight: 28
                leftPadding: 10
                rightPadding: 10
                text: row.looped ? qsTr("Looping") : qsTr("Loop")
                primary: row.looped
                tint: Theme.markerColor(row.category)
                onClicked: row.looped ? App.listening.stopLoop() : App.listening.loopMarker(row.markerId)
            }

            AppButton {
                // A cross, not the word: the category keeps its room in the 300 px list.
                objectName: "deleteMarker"
                implicitHeight: 28
                leftPadding: 9
                rightPadding: 9
                text: "✕"
                Accessible.name: qsTr("Delete marker")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Delete (Delete key; Ctrl+Z undoes)")
                onClicked: App.listening.removeMarker(row.markerId)
            }
        }

        Text {
            objectName: "markerNote"
            Layout.fillWidth: true
            Layout.minimumWidth: 0
            Layout.leftMargin: 20 // under the time, past the dot
            visible: row.note !== ""
            text: row.note
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }
    }
}
