import QtQuick
import QtQuick.Controls
import EarLab

// The app's push button: quiet by default, filled when `primary`. Keeps no keyboard focus,
// so Space and Enter always reach the app's shortcuts.
Button {
    id: control

    property bool primary: false
    property color tint: Theme.accent
    property string keyHint: ""

    implicitHeight: Theme.controlHeight
    leftPadding: 16
    rightPadding: 16
    focusPolicy: Qt.NoFocus
    hoverEnabled: true
    font.pixelSize: Theme.fontBody
    font.weight: primary ? Font.DemiBold : Font.Normal

    background: Rectangle {
        radius: Theme.radius
        color: {
            if (control.primary)
                return control.down ? Qt.darker(control.tint, 1.25) : control.hovered ? Qt.lighter(control.tint, 1.1) : control.tint;
            return control.down ? Theme.hover : control.hovered ? Theme.hover : Theme.raised;
        }
        border.color: control.primary ? "transparent" : Theme.borderStrong
        opacity: control.enabled ? 1 : 0.4
    }

    contentItem: Row {
        spacing: 8

        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: control.text
            font: control.font
            color: control.primary ? Theme.textOnAccent : Theme.text
            opacity: control.enabled ? 1 : 0.5
        }

        KeyCap {
            anchors.verticalCenter: parent.verticalCenter
            visible: control.keyHint !== ""
            text: control.keyHint
            dark: control.primary
        }
    }
}
