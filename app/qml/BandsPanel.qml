import QtQuick
import QtQuick.Layouts
import EarLab

// Bands along the frequency axis like a graphic EQ, boost/cut when the level asks it, and
// "flat" at levels with catch trials.
ColumnLayout {
    id: root

    readonly property var options: App.session.answerOptions
    readonly property int flatIndex: options.flatIndex

    spacing: Theme.spacing

    RowLayout {
        Layout.fillWidth: true

        PanelHeading {
            Layout.fillWidth: true
            text: App.session.focus !== "" ? qsTr("Amount at %1").arg(App.session.focus) : qsTr("Band")
        }

        Text {
            objectName: "keyGroupHint"
            text: root.options.keyGroupText
            color: root.options.keyGroupCount > 1 ? Theme.textMuted : Theme.textFaint
            font.pixelSize: Theme.fontSmall
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing

        DirectionSwitch {
            Layout.alignment: Qt.AlignTop
            Layout.fillWidth: false
            Layout.preferredWidth: 128
            visible: App.session.directionAsked
        }

        // The band buttons live in a Row inside a plain Item, not directly in the layout:
        // the options change with every question, and a Qt 6.4 layout that holds Repeater
        // delegates directly can keep a destroyed one and crash on the next resize.
        Item {
            objectName: "bandRow"
            Layout.fillWidth: true
            implicitHeight: bandButtons.implicitHeight

            Row {
                id: bandButtons

                readonly property int count: root.options.count - (root.flatIndex >= 0 ? 1 : 0)

                width: parent.width
                spacing: count > 12 ? 2 : 6

                Repeater {
                    model: root.options

                    delegate: AnswerButton {
                        required property string optionId
                        required property bool flat
                        required property string keyLabel
                        required property string label
                        required property int index

                        objectName: "answer_" + (flat ? "flat_in_row" : index)
                        visible: !flat
                        width: Math.max(0, (bandButtons.width - bandButtons.spacing * (bandButtons.count - 1)) / bandButtons.count)
                        inKeyGroup: keyLabel !== "" && root.options.keyGroupCount > 1
                        selected: App.session.selectedOption === index
                        showDirection: App.session.directionAsked
                        boost: App.session.answerBoost
                        onPicked: App.session.selectedOption = index
                    }
                }
            }
        }

        AnswerButton {
            objectName: "answer_flat"
            Layout.preferredWidth: 76
            visible: root.flatIndex >= 0
            index: root.flatIndex
            label: qsTr("Flat")
            flat: true
            keyLabel: root.flatIndex >= 0 ? root.options.keyLabelAt(root.flatIndex) : ""
            selected: root.flatIndex >= 0 && App.session.selectedOption === root.flatIndex
            onPicked: App.session.selectedOption = index
        }
    }
}
