import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Settings: "Calibrate output level" (app/src/listening_level.h). EarLab plays pink noise at
// −20 dBFS RMS; the user reads an SPL meter at the listening position and enters the
// reading. The session header then shows the estimated listening level in dB SPL.
ColumnLayout {
    id: section

    spacing: Theme.spacingLarge

    Text {
        text: qsTr("HEARING CARE")
        color: Theme.textMuted
        font.pixelSize: Theme.fontSmall
        font.weight: Font.DemiBold
        font.letterSpacing: 1
    }

    Card {
        Layout.fillWidth: true
        implicitHeight: rows.implicitHeight + 2 * Theme.spacingLarge

        ColumnLayout {
            id: rows

            anchors.fill: parent
            anchors.margins: Theme.spacingLarge
            spacing: Theme.spacingLarge

            SettingRow {
                Layout.fillWidth: true
                title: qsTr("Calibrate output level")
                explanation: qsTr("Play the noise, hold an SPL meter (or a phone app) where your head is, C or Z weighting, slow, and enter what it reads. Leave the volume of your interface and amplifier where it is afterwards: the level shown during training assumes it did not move.")

                ColumnLayout {
                    width: parent.width
                    spacing: Theme.spacingSmall

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingSmall

                        AppButton {
                            objectName: "calibrationPlay"
                            text: App.hearing.calibrating ? qsTr("Stop noise") : qsTr("Play noise")
                            onClicked: App.hearing.calibrating ? App.hearing.stopCalibration() : App.hearing.startCalibration()
                        }

                        TextField {
                            id: reading

                            objectName: "calibrationReading"
                            Layout.fillWidth: true
                            enabled: App.hearing.calibrating
                            placeholderText: qsTr("dB SPL")
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            onAccepted: save.clicked()
                        }

                        AppButton {
                            id: save

                            objectName: "calibrationSave"
                            enabled: App.hearing.calibrating && reading.text !== ""
                            primary: true
                            text: qsTr("Save")
                            onClicked: {
                                if (App.hearing.saveCalibration(Number(reading.text.replace(",", "."))))
                                    reading.text = "";
                            }
                        }
                    }

                    Text {
                        objectName: "calibrationText"
                        Layout.fillWidth: true
                        text: App.hearing.calibrationProblem !== "" ? App.hearing.calibrationProblem : App.hearing.calibrationText
                        color: App.hearing.calibrationProblem !== "" ? Theme.danger : Theme.textFaint
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }
                }
            }

            SettingRow {
                Layout.fillWidth: true
                title: qsTr("Breaks")
                explanation: qsTr("After 45 minutes of listening EarLab suggests a break; 10 minutes without listening count as one.")

                Text {
                    objectName: "listenedText"
                    width: parent.width
                    text: qsTr("%1 min since the last break").arg(App.hearing.listenedMinutes)
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                }
            }
        }
    }
}
