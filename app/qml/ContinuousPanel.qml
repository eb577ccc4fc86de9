import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// A value on a slider: Left/Right step it, [ and ] take ten steps.
ColumnLayout {
    id: root

    readonly property var range: App.session.range

    objectName: "continuousPanel"
    spacing: Theme.spacing

    PanelHeading {
        Layout.fillWidth: true
        text: qsTr("Your answer")
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingLarge

        Text {
            text: root.range.minimumLabel || (root.range.minimum + " " + root.range.unit)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }

        Slider {
            objectName: "answerSlider"
            Layout.fillWidth: true
            from: root.range.minimum
            to: root.range.maximum
            stepSize: root.range.step
            value: App.session.answerValue
            focusPolicy: Qt.NoFocus // the page's keys move it, as everywhere else
            onMoved: App.session.answerValue = value
        }

        Text {
            text: root.range.maximumLabel || (root.range.maximum + " " + root.range.unit)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }

        Text {
            objectName: "answerValueText"
            Layout.preferredWidth: 110
            horizontalAlignment: Text.AlignRight
            text: App.session.answerValue.toFixed(root.range.step < 1 ? 1 : 0) + (root.range.unit ? " " + root.range.unit : "")
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.weight: Font.DemiBold
        }
    }
}
