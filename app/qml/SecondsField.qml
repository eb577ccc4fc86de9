import QtQuick
import QtQuick.Controls
import EarLab

// A number of seconds typed by hand (the loop editor's start and length). Shows `value`;
// Enter, leaving the field or commit() hands what was typed to `committed` (only if it is a
// number and differs from what is shown), then shows `value` again, corrected or not.
TextField {
    id: field

    property real value
    property int decimals: 1

    signal committed(real seconds)

    // Dot or comma as the decimal mark, whatever the system locale (the field shows a dot).
    function commit() {
        const typed = text.replace(",", ".");
        if (acceptableInput && typed !== "" && typed !== "." && typed !== value.toFixed(decimals))
            committed(Number(typed));
        text = Qt.binding(() => field.value.toFixed(field.decimals));
    }

    implicitWidth: 80
    text: value.toFixed(decimals)
    color: Theme.text
    selectionColor: Theme.accentStrong
    font.pixelSize: Theme.fontBody
    font.family: Theme.monoFamily
    horizontalAlignment: TextInput.AlignRight
    selectByMouse: true
    validator: RegularExpressionValidator {
        regularExpression: /[0-9]{0,4}([.,][0-9]{0,2})?/
    }
    background: Rectangle {
        implicitHeight: Theme.controlHeight
        radius: Theme.radius
        color: Theme.background
        border.color: field.activeFocus ? Theme.accent : Theme.borderStrong
    }
    onEditingFinished: commit()
}
