import QtQuick
import EarLab

// One answer, drawn like a graphic-EQ slider: when chosen, its bar rises for a boost or
// falls for a cut from the 0 dB line.
Rectangle {
    id: button

    property int index: -1
    property string label: ""
    property bool flat: false
    property string keyLabel: ""
    property bool inKeyGroup: false // one of the ten the number keys reach now (when there are more)
    property bool selected: false
    property bool showDirection: false
    property bool boost: true

    signal picked

    implicitHeight: 132
    radius: Theme.radius
    color: selected ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.14) : mouse.containsMouse ? Theme.hover : Theme.surface
    border.color: selected ? Theme.accent : Theme.border
    border.width: selected ? 2 : 1

    KeyCap {
        anchors.top: parent.top
        anchors.topMargin: 8
        anchors.horizontalCenter: parent.horizontalCenter
        visible: button.keyLabel !== "" && button.width >= 18
        text: button.keyLabel
    }

    // Marks the group of ten the number keys reach, when the bands need more than one.
    Rectangle {
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 6
        height: 2
        radius: 1
        color: Theme.accent
        opacity: 0.6
        visible: button.inKeyGroup
    }

    // The slot and the bar.
    Item {
        id: slot

        anchors.top: parent.top
        anchors.bottom: label.top
        anchors.topMargin: 34
        anchors.bottomMargin: 8
        anchors.horizontalCenter: parent.horizontalCenter
        width: 6

        Rectangle {
            anchors.fill: parent
            radius: 3
            color: Theme.background
            visible: !button.flat
        }

        Rectangle {
            width: 14
            height: 2
            anchors.centerIn: parent
            color: Theme.borderStrong
            visible: !button.flat
        }

        Rectangle {
            visible: button.selected && !button.flat
            width: parent.width
            radius: 3
            color: Theme.accent
            height: button.showDirection ? slot.height / 2 - 2 : slot.height - 4
            y: button.showDirection && !button.boost ? slot.height / 2 : (button.showDirection ? 2 : 2)
        }
    }

    Text {
        id: label

        anchors.bottom: parent.bottom
        anchors.bottomMargin: 8
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - 4
        horizontalAlignment: Text.AlignHCenter
        text: button.width < 48 ? button.label.replace(" kHz", "k").replace(" Hz", "") : button.label
        color: button.selected ? Theme.text : Theme.textMuted
        font.pixelSize: button.width < 40 ? 11 : Theme.fontSmall
        font.weight: button.selected ? Font.DemiBold : Font.Normal
        elide: Text.ElideNone
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: 8
    }

    MouseArea {
        id: mouse

        anchors.fill: parent
        hoverEnabled: true
        cursorShape: Qt.PointingHandCursor
        onClicked: button.picked()
    }
}
