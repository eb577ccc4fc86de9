import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Output device, buffer, crossfade, level and loudness matching; saved as they change.
Item {
    id: page

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column

            x: Theme.pageMargin
            y: Theme.pageMargin
            width: Math.min(parent.width - 2 * Theme.pageMargin, 900)
            spacing: Theme.spacingLarge

            Text {
                text: qsTr("Settings")
                color: Theme.text
                font.pixelSize: Theme.fontHero
                font.weight: Font.DemiBold
            }

            Text {
                text: qsTr("AUDIO OUTPUT")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.letterSpacing: 1
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: output.implicitHeight + 2 * Theme.spacingLarge

                ColumnLayout {
                    id: output

                    anchors.fill: parent
                    anchors.margins: Theme.spacingLarge
                    spacing: Theme.spacingLarge

                    SettingRow {
                        Layout.fillWidth: true
                        title: qsTr("Output device")
                        explanation: App.audio.available ? App.audio.statusMessage
                                                         : qsTr("Not playing: %1").arg(App.audio.statusMessage)

                        RowLayout {
                            width: parent.width
                            spacing: Theme.spacingSmall

                            ComboBox {
                                id: device

                                objectName: "deviceCombo"
                                Layout.fillWidth: true
                                model: [qsTr("System default")].concat(App.audio.deviceNames)
                                currentIndex: Math.max(0, App.audio.deviceNames.indexOf(App.preferences.deviceName) + 1)
                                onActivated: index => App.audio.openDevice(index === 0 ? "" : App.audio.deviceNames[index - 1])
                            }

                            AppButton {
                                objectName: "retryDevice"
                                text: qsTr("Retry")
                                onClicked: {
                                    App.audio.refreshDevices();
                                    App.audio.retry();
                                }
                            }
                        }
                    }

                    SettingRow {
                        Layout.fillWidth: true
                        title: qsTr("Buffer size")
                        explanation: qsTr("Frames per buffer. Smaller reacts faster; larger is safer against dropouts.")

                        ComboBox {
                            objectName: "bufferCombo"
                            width: parent.width
                            model: App.preferences.bufferSizes
                            displayText: qsTr("%1 frames (%2 ms)").arg(currentValue).arg((currentValue / 48).toFixed(1))
                            currentIndex: App.preferences.bufferSizes.indexOf(App.preferences.bufferFrames)
                            onActivated: index => App.preferences.bufferFrames = App.preferences.bufferSizes[index]
                        }
                    }
                }
            }

            Text {
                text: qsTr("LISTENING")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.letterSpacing: 1
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: listening.implicitHeight + 2 * Theme.spacingLarge

                ColumnLayout {
                    id: listening

                    anchors.fill: parent
                    anchors.margins: Theme.spacingLarge
                    spacing: Theme.spacingLarge

                    SettingRow {
                        Layout.fillWidth: true
                        title: qsTr("Questions per session")
                        explanation: App.session.plannedQuestionCount !== App.preferences.questionsPerSession
                                     ? qsTr("EarLab was started with --questions %1: sessions ask that many until it is started without it.").arg(App.session.plannedQuestionCount)
                                     : qsTr("Each session ends with a summary. Levels move on the last 10 answers at a level, whatever the session length.")

                        ComboBox {
                            objectName: "sessionLengthCombo"
                            width: parent.width
                            model: App.preferences.sessionLengths
                            displayText: qsTr("%1 questions").arg(App.preferences.questionsPerSession)
                            currentIndex: App.preferences.sessionLengths.indexOf(App.preferences.questionsPerSession)
                            onActivated: index => App.preferences.questionsPerSession = App.preferences.sessionLengths[index]
                        }
                    }

                    SettingRow {
                        Layout.fillWidth: true
                        title: qsTr("Loudness matching")
                        explanation: qsTr("Processed plays at the same integrated loudness (BS.1770) as flat, so louder never gives the answer away. Keep it on.")

                        Switch {
                            objectName: "loudnessSwitch"
                            checked: App.preferences.loudnessMatching
                            text: checked ? qsTr("On") : qsTr("Off")
                            onToggled: App.preferences.loudnessMatching = checked
                        }
                    }

                    SettingRow {
                        Layout.fillWidth: true
                        title: qsTr("Crossfade when switching")
                        explanation: qsTr("Switching A/B fades over this time, gains summing to 1: no clicks, no level bump.")

                        RowLayout {
                            width: parent.width

                            Slider {
                                objectName: "crossfadeSlider"
                                Layout.fillWidth: true
                                from: 0
                                to: 50
                                stepSize: 1
                                value: App.preferences.crossfadeMs
                                onMoved: App.preferences.crossfadeMs = value
                            }

                            Text {
                                Layout.preferredWidth: 64
                                text: qsTr("%1 ms").arg(App.preferences.crossfadeMs.toFixed(0))
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                horizontalAlignment: Text.AlignRight
                            }
                        }
                    }

                    SettingRow {
                        Layout.fillWidth: true
                        title: qsTr("Output level")
                        explanation: qsTr("Master level before the safety limiter, which never lets the output pass −1 dBFS.")

                        RowLayout {
                            width: parent.width

                            Slider {
                                objectName: "levelSlider"
                                Layout.fillWidth: true
                                from: -60
                                to: 0
                                stepSize: 0.5
                                value: App.preferences.outputLevelDb
                                onMoved: App.preferences.outputLevelDb = value
                            }

                            Text {
                                Layout.preferredWidth: 64
                                text: qsTr("%1 dB").arg(App.preferences.outputLevelDb.toFixed(1))
                                color: Theme.text
                                font.pixelSize: Theme.fontBody
                                horizontalAlignment: Text.AlignRight
                            }
                        }
                    }
                }
            }

            CalibrationSection { Layout.fillWidth: true }

            Text {
                text: qsTr("DATA")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
                font.letterSpacing: 1
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: data.implicitHeight + 2 * Theme.spacingLarge

                SettingRow {
                    id: data

                    anchors.fill: parent
                    anchors.margins: Theme.spacingLarge
                    title: qsTr("Progress database")
                    explanation: qsTr("Every answer is written here the moment you give it. Start EarLab with --db PATH to use another file.")

                    Text {
                        width: parent.width
                        text: App.databasePath
                        color: Theme.textMuted
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }

            YourDataSection { Layout.fillWidth: true }
        }
    }
}
