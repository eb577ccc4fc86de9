import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Pins the loop region questions play from a file: start and length in seconds (15 s by
// default), or back to the densest part the scan picked.
RowLayout {
    id: editor

    required property string materialId
    required property real regionStart
    required property real regionLength
    required property real duration
    required property bool pinned

    signal done

    objectName: "loopEditor"
    spacing: Theme.spacing

    Text {
        text: qsTr("Loop from")
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
    }

    TextField {
        id: startField

        objectName: "loopStart"
        implicitWidth: 72
        text: editor.regionStart.toFixed(1)
        color: Theme.text
        font.pixelSize: Theme.fontSmall
        validator: DoubleValidator {
            bottom: 0
            decimals: 2
            notation: DoubleValidator.StandardNotation
        }
        background: Rectangle {
            radius: Theme.radius
            color: Theme.background
            border.color: startField.activeFocus ? Theme.accent : Theme.borderStrong
        }
    }

    Text {
        text: qsTr("s, for")
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
    }

    TextField {
        id: lengthField

        objectName: "loopLength"
        implicitWidth: 72
        text: (editor.regionLength > 0 ? editor.regionLength : 15).toFixed(1)
        color: Theme.text
        font.pixelSize: Theme.fontSmall
        validator: DoubleValidator {
            bottom: 1
            decimals: 2
            notation: DoubleValidator.StandardNotation
        }
        background: Rectangle {
            radius: Theme.radius
            color: Theme.background
            border.color: lengthField.activeFocus ? Theme.accent : Theme.borderStrong
        }
    }

    Text {
        text: qsTr("s (the file is %1 s)").arg(editor.duration.toFixed(1))
        color: Theme.textFaint
        font.pixelSize: Theme.fontSmall
    }

    Item {
        Layout.fillWidth: true
    }

    AppButton {
        objectName: "pinLoop"
        text: qsTr("Pin")
        primary: true
        onClicked: {
            if (App.library.pinRegion(editor.materialId, Number(startField.text), Number(lengthField.text)))
                editor.done();
        }
    }

    AppButton {
        objectName: "unpinLoop"
        visible: editor.pinned
        text: qsTr("Use the densest part")
        onClicked: {
            if (App.library.unpinRegion(editor.materialId))
                editor.done();
        }
    }
}
