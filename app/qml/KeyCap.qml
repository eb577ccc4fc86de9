import QtQuick
import EarLab

// A keyboard key as shown next to a control or in the help overlay.
Rectangle {
    id: cap

    property alias text: label.text
    property bool dark: false

    implicitWidth: Math.max(20, label.implicitWidth + 10)
    implicitHeight: 20
    radius: 4
    color: dark ? Qt.rgba(0, 0, 0, 0.18) : Theme.background
    border.color: dark ? Qt.rgba(0, 0, 0, 0.3) : Theme.borderStrong

    Text {
        id: label

        anchors.centerIn: parent
        color: cap.dark ? Theme.textOnAccent : Theme.textMuted
        font.family: Theme.monoFamily
        font.pixelSize: 11
        font.weight: Font.DemiBold
    }
}
