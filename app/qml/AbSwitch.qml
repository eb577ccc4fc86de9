import QtQuick
import QtQuick.Layouts
import EarLab

// The question's variants (A = the reference, B = the hidden change, or two presentations):
// large tiles, the one being heard lit and marked.
RowLayout {
    id: root

    spacing: Theme.spacing

    Repeater {
        model: App.session.variants.map((v, i) => ({ variant: i, key: v.key,
                                                     name: v.label === v.key ? qsTr("Version %1").arg(v.key) : v.label,
                                                     note: v.note,
                                                     tint: i === 0 ? Theme.flat : Theme.hidden }))

        delegate: Rectangle {
            id: tile

            required property var modelData
            readonly property bool active: App.audio.variant === modelData.variant

            objectName: "abTile" + modelData.key
            Layout.fillWidth: true
            implicitHeight: 74
            radius: Theme.radiusLarge
            color: active ? Qt.rgba(modelData.tint.r, modelData.tint.g, modelData.tint.b, 0.13) : Theme.surface
            border.color: active ? modelData.tint : Theme.border
            border.width: active ? 2 : 1

            RowLayout {
                anchors.fill: parent
                anchors.margins: 14
                spacing: 14

                Text {
                    Layout.preferredWidth: 30
                    horizontalAlignment: Text.AlignHCenter
                    text: tile.modelData.key
                    color: tile.active ? tile.modelData.tint : Theme.textFaint
                    font.pixelSize: 34
                    font.weight: Font.Bold
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2

                    Text {
                        Layout.fillWidth: true
                        text: tile.modelData.name
                        color: Theme.text
                        font.pixelSize: Theme.fontLarge
                        font.weight: Font.DemiBold
                    }

                    Text {
                        Layout.fillWidth: true
                        text: tile.modelData.note
                        color: Theme.textFaint
                        font.pixelSize: Theme.fontSmall
                    }
                }

                Rectangle {
                    visible: tile.active
                    implicitWidth: state.implicitWidth + 16
                    implicitHeight: 24
                    radius: 12
                    color: tile.modelData.tint

                    Text {
                        id: state

                        anchors.centerIn: parent
                        text: App.audio.playing ? qsTr("▶ HEARING") : qsTr("SELECTED")
                        color: Theme.textOnAccent
                        font.pixelSize: 11
                        font.weight: Font.Bold
                        font.letterSpacing: 0.8
                    }
                }
            }

            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.PointingHandCursor
                onClicked: App.session.hear(tile.modelData.variant)
            }
        }
    }
}
