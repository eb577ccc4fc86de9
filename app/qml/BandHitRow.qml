import QtQuick
import QtQuick.Layouts
import EarLab

// One band of the summary: how often it was asked and found.
RowLayout {
    id: row

    required property var modelData

    spacing: Theme.spacing

    Text {
        Layout.preferredWidth: 72
        text: row.modelData.label
        color: Theme.text
        font.pixelSize: Theme.fontBody
        horizontalAlignment: Text.AlignRight
    }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: 12
        radius: 3
        color: Theme.raised

        Rectangle {
            width: parent.width * row.modelData.correct / Math.max(1, row.modelData.asked)
            height: parent.height
            radius: 3
            color: row.modelData.correct === row.modelData.asked ? Theme.success : Theme.accent
        }
    }

    Text {
        Layout.preferredWidth: 56
        text: row.modelData.correct + " / " + row.modelData.asked
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
        font.family: Theme.monoFamily
    }
}
