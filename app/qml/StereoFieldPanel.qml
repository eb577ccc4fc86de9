import QtQuick
import QtQuick.Layouts
import EarLab

// Where the sound sits, from hard left to hard right: click or drag on the field, or
// Left/Right (one step) and [ ] (ten steps).
ColumnLayout {
    id: root

    readonly property var range: App.session.range

    objectName: "stereoFieldPanel"
    spacing: Theme.spacing

    PanelHeading {
        Layout.fillWidth: true
        text: qsTr("Position in the stereo field")
    }

    StereoField {
        objectName: "stereoField"
        Layout.fillWidth: true
        Layout.preferredHeight: 96
        minimum: root.range.minimum
        maximum: root.range.maximum
        answer: App.session.answerValue
        interactive: true
        onPicked: value => App.session.answerValue = value
    }
}
