import QtQuick
import QtQuick.Layouts
import EarLab

// The question's variants (A = the reference, B = the hidden change, or two presentations):
// large tiles, the one being heard lit and marked.
RowLayout {
    id: root

    // A question that names its reference ("Flat", "Reference") says which variant is which:
    // the reference is coloured as such and the others as the change. One that names its
    // variants only "A", "B" presents them alike, because where the change sits is (part of)
    // the question (which is louder, which is compressed): every tile looks the same, so
    // nothing gives the answer away. The reveal's ListenSwitch marks the changed one.
    readonly property bool referenceNamed: App.session.variants.length > 0
                                           && App.session.variants[0].label !== App.session.variants[0].key

    function tintOf(variant, id) {
        if (id === "yours")
            return Theme.accent; // the EQ match's own band: the listener's colour
        if (!root.referenceNamed)
            return Theme.textMuted;
        return variant === 0 ? Theme.flat : Theme.hidden;
    }

    objectName: "abSwitch"
    spacing: Theme.spacing

    Repeater {
        model: App.session.variants.map((v, i) => ({ variant: i, key: v.key,
                                                     name: v.label === v.key ? qsTr("Version %1").arg(v.key) : v.label,
                                                     note: v.note,
                                                     tint: root.tintOf(i, v.id) }))

        delegate: Rectangle {
            id: tile

            required property var modelData
            readonly property bool active: App.audio.variant === modelData.variant
            readonly property color tint: modelData.tint

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
                    objectName: "tileKey"
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
