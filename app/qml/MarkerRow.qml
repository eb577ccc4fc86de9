import QtQuick
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

    RowLayout {
        id: content

        anchors.fill: parent
        anchors.leftMargin: 10
        anchors.rightMargin: 8
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

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 1

            Text {
                objectName: "markerCategory"
                text: row.categoryLabel
                color: Theme.markerColor(row.category)
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
            }

            Text {
                objectName: "markerNote"
                Layout.fillWidth: true
                visible: row.note !== ""
                text: row.note
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
            }
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
            objectName: "deleteMarker"
            implicitHeight: 28
            leftPadding: 10
            rightPadding: 10
            text: qsTr("Delete")
            onClicked: App.listening.removeMarker(row.markerId)
        }
    }
}
