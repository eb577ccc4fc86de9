import QtQuick
import QtQuick.Layouts
import EarLab

// The answers: bands along the frequency axis like a graphic EQ (or gain amounts), boost/cut
// when the level asks it, "flat" at levels with catch trials, and the confirm button.
Card {
    id: panel

    readonly property var bandOptions: App.session.options.filter(o => !o.flat)
    readonly property var flatOption: {
        const all = App.session.options;
        for (let i = 0; i < all.length; ++i)
            if (all[i].flat)
                return { index: i, option: all[i] };
        return null;
    }

    implicitHeight: column.implicitHeight + 2 * Theme.spacingLarge

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true

            Text {
                Layout.fillWidth: true
                text: App.session.focusBand !== "" ? qsTr("Amount at %1").arg(App.session.focusBand) : qsTr("Band")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.capitalization: Font.AllUppercase
                font.letterSpacing: 1
            }

            Text {
                objectName: "keyGroupHint"
                text: App.session.keyGroupText
                color: App.session.keyGroupCount > 1 ? Theme.textMuted : Theme.textFaint
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

                    readonly property int count: panel.bandOptions.length

                    width: parent.width
                    spacing: count > 12 ? 2 : 6

                    Repeater {
                        model: panel.bandOptions

                        delegate: AnswerButton {
                            objectName: "answer_" + index
                            width: Math.max(0, (bandButtons.width - bandButtons.spacing * (bandButtons.count - 1)) / bandButtons.count)
                            keyLabel: App.session.keyLabels[index] ?? ""
                            inKeyGroup: keyLabel !== "" && App.session.keyGroupCount > 1
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
                visible: panel.flatOption !== null
                index: panel.flatOption ? panel.flatOption.index : -1
                modelData: panel.flatOption ? panel.flatOption.option : { label: "", flat: true }
                keyLabel: panel.flatOption ? (App.session.keyLabels[panel.flatOption.index] ?? "") : ""
                selected: panel.flatOption !== null && App.session.selectedOption === panel.flatOption.index
                onPicked: App.session.selectedOption = index
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            Text {
                Layout.fillWidth: true
                text: App.session.saving ? qsTr("Saving your answer…")
                      : App.session.canConfirm ? (App.banner.saving ? qsTr("Your answer is saved the moment you confirm.")
                                                                    : qsTr("Your answer counts for this session; the message above says why it is not saved."))
                                               : qsTr("Pick an answer: click, or press its number.")
                color: Theme.textFaint
                font.pixelSize: Theme.fontSmall
            }

            AppButton {
                objectName: "confirmButton"
                text: qsTr("Answer")
                keyHint: "Enter"
                primary: true
                enabled: App.session.canConfirm
                onClicked: App.session.confirm()
            }
        }
    }
}
