import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// One entry of the library: choose it, see what it is (length, format, loudness, spectrum,
// the loop questions play), pin a loop of your own, or read why it cannot be used.
Rectangle {
    id: row

    required property int index
    required property string materialId
    required property string title
    required property string fileName
    required property string path
    required property string detail
    required property string kind
    required property string status
    required property string error
    required property bool selected
    required property var spectrum
    required property string regionText
    required property real regionStart
    required property real regionLength
    required property real duration
    required property bool pinned
    required property var overview
    required property string genre

    property bool editing: false
    // Listed but not offered: its scan failed, or the file is gone since.
    readonly property bool unusable: status === "broken" || status === "missing"

    function showEditor() {
        if (editing && ListView.view)
            ListView.view.positionViewAtIndex(index, ListView.Contain);
    }

    objectName: "materialRow_" + index
    implicitHeight: content.implicitHeight + 20
    radius: Theme.radius
    color: selected ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.10) : mouse.containsMouse ? Theme.raised : Theme.surface
    border.color: selected ? Theme.accent : row.unusable ? Qt.rgba(Theme.danger.r, Theme.danger.g, Theme.danger.b, 0.45) : Theme.border
    // The opened editor scrolls into view once it has its height (and the list has placed
    // the rows after it).
    onHeightChanged: {
        if (editing)
            Qt.callLater(row.showEditor);
    }

    MouseArea {
        id: mouse

        anchors.fill: parent
        hoverEnabled: true
        enabled: row.status === "ready"
        cursorShape: row.status === "ready" ? Qt.PointingHandCursor : Qt.ArrowCursor
        onClicked: App.library.select(row.materialId)
    }

    ColumnLayout {
        id: content

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.leftMargin: 14
        anchors.rightMargin: 10
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            TrainingTick {
                materialId: row.materialId
                enabled: row.status === "ready"
            }

            Rectangle {
                width: 16
                height: 16
                radius: 8
                color: "transparent"
                border.color: row.unusable ? Theme.danger : row.selected ? Theme.accent : Theme.borderStrong
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

                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8

                    Text {
                        text: row.title
                        color: row.unusable ? Theme.textMuted : Theme.text
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        elide: Text.ElideMiddle
                        Layout.maximumWidth: 360
                    }

                    Text {
                        Layout.fillWidth: true
                        visible: row.kind === "file"
                        text: row.fileName
                        color: Theme.textFaint
                        font.pixelSize: Theme.fontSmall
                        elide: Text.ElideMiddle
                        ToolTip.text: row.path
                        ToolTip.visible: fileHover.hovered
                        ToolTip.delay: 600

                        HoverHandler {
                            id: fileHover
                        }
                    }
                }

                Text {
                    objectName: "detail"
                    Layout.fillWidth: true
                    text: row.unusable ? row.error : row.detail
                    color: row.unusable ? Theme.danger : Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                }

                Text {
                    objectName: "genreText"
                    visible: row.kind === "file" && row.status === "ready"
                    text: row.genre !== "" ? qsTr("Genre: %1").arg(row.genre) : qsTr("Genre unknown · set it in the listening view")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }

                Text {
                    objectName: "regionText"
                    visible: row.regionText !== ""
                    text: row.regionText
                    color: row.pinned ? Theme.hidden : Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }
            }

            SpectrumBars {
                objectName: "spectrum"
                visible: row.spectrum.length > 0
                levels: row.spectrum
            }

            BusyIndicator {
                visible: row.status === "scanning"
                running: visible
                implicitWidth: 24
                implicitHeight: 24
            }

            Text {
                visible: row.status === "waiting"
                text: qsTr("waiting")
                color: Theme.textFaint
                font.pixelSize: Theme.fontSmall
            }

            AppButton {
                objectName: "listen"
                visible: row.kind === "file" && row.status === "ready"
                text: qsTr("Listen…")
                onClicked: App.listening.open(row.materialId)
            }

            AppButton {
                objectName: "editLoop"
                visible: row.kind === "file" && row.status === "ready"
                text: row.editing ? qsTr("Close") : qsTr("Loop…")
                onClicked: row.editing = !row.editing
            }

            AppButton {
                objectName: "remove"
                visible: row.kind === "file"
                text: qsTr("Remove")
                onClicked: App.library.remove(row.materialId)
            }
        }

        LoopEditor {
            Layout.fillWidth: true
            Layout.bottomMargin: 2
            visible: row.editing && row.status === "ready"
            materialId: row.materialId
            path: row.path
            regionStart: row.regionStart
            regionLength: row.regionLength
            duration: row.duration
            pinned: row.pinned
            overview: row.overview
            onDone: row.editing = false
        }
    }
}
