import QtQuick
import QtQuick.Controls
import EarLab

// A file's octave-band spectrum, 63 Hz to 16 kHz, as nine small bars relative to its
// loudest band (Library::SpectrumRole: 0..1 over 48 dB).
Item {
    id: bars

    property var levels: []

    implicitWidth: 9 * 7 + 8 * 2
    implicitHeight: 40

    ToolTip.visible: hover.hovered
    ToolTip.text: qsTr("Octave bands 63 Hz to 16 kHz, relative to the loudest (48 dB range)")

    HoverHandler {
        id: hover
    }

    Text {
        anchors.top: parent.top
        anchors.horizontalCenter: parent.horizontalCenter
        text: qsTr("63 Hz – 16k")
        color: Theme.textFaint
        font.pixelSize: 9
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.border
    }

    Row {
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 1
        spacing: 2

        Repeater {
            model: bars.levels

            delegate: Rectangle {
                required property real modelData

                width: 7
                height: Math.max(1, modelData * (bars.height - 14))
                anchors.bottom: parent.bottom
                radius: 1
                color: Theme.flat
                opacity: 0.45 + 0.55 * modelData
            }
        }
    }
}
