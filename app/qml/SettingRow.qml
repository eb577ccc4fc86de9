import QtQuick
import QtQuick.Layouts
import EarLab

// A labelled setting: name and explanation on the left, the control on the right.
RowLayout {
    id: row

    property string title: ""
    property string explanation: ""
    default property alias control: slot.data

    spacing: Theme.spacingLarge

    ColumnLayout {
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        spacing: 2

        Text {
            text: row.title
            color: Theme.text
            font.pixelSize: Theme.fontBody
            font.weight: Font.DemiBold
        }

        Text {
            Layout.fillWidth: true
            text: row.explanation
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
            visible: text !== ""
        }
    }

    Item {
        id: slot

        Layout.preferredWidth: 320
        Layout.preferredHeight: Math.max(Theme.controlHeight, childrenRect.height)
    }
}
