import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Your own EQ band, to dial until it sounds like the target: frequency (Left/Right, 1/12
// octave), gain (Up/Down), Q ([ ]). C (or the "Yours" tile) plays it, B the target. Only
// your own curve is drawn: the target's shows in the reveal.
ColumnLayout {
    id: root

    readonly property var range: App.session.range

    objectName: "eqMatchPanel"
    spacing: Theme.spacing

    PanelHeading {
        Layout.fillWidth: true
        text: qsTr("Your EQ")
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingLarge

        GridLayout {
            Layout.fillWidth: true
            columns: 3
            columnSpacing: Theme.spacing
            rowSpacing: 4

            Text {
                text: qsTr("Frequency  ← →")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            Slider {
                objectName: "eqMatchFrequency"
                Layout.fillWidth: true
                // A log axis: the slider runs over log2(Hz).
                from: Math.log2(20)
                to: Math.log2(20000)
                value: Math.log2(App.session.answerFrequencyHz)
                focusPolicy: Qt.NoFocus
                onMoved: App.session.answerFrequencyHz = Math.pow(2, value)
            }

            Text {
                objectName: "eqMatchFrequencyText"
                Layout.preferredWidth: 90
                horizontalAlignment: Text.AlignRight
                text: App.session.answerFrequencyHz >= 1000 ? (App.session.answerFrequencyHz / 1000).toFixed(2) + " kHz"
                                                            : App.session.answerFrequencyHz.toFixed(0) + " Hz"
                color: Theme.text
                font.pixelSize: Theme.fontLarge
            }

            Text {
                text: qsTr("Gain  ↑ ↓")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            Slider {
                objectName: "eqMatchGain"
                Layout.fillWidth: true
                from: root.range.minimum
                to: root.range.maximum
                stepSize: root.range.step
                value: App.session.answerGainDb
                focusPolicy: Qt.NoFocus
                onMoved: App.session.answerGainDb = value
            }

            Text {
                objectName: "eqMatchGainText"
                Layout.preferredWidth: 90
                horizontalAlignment: Text.AlignRight
                text: (App.session.answerGainDb > 0 ? "+" : "") + App.session.answerGainDb.toFixed(1) + " dB"
                color: Theme.text
                font.pixelSize: Theme.fontLarge
            }

            Text {
                text: qsTr("Q  [ ]")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            Slider {
                objectName: "eqMatchQ"
                Layout.fillWidth: true
                enabled: !App.session.answerQFixed
                from: Math.log2(0.3)
                to: Math.log2(10)
                value: Math.log2(App.session.answerQ)
                focusPolicy: Qt.NoFocus
                onMoved: App.session.answerQ = Math.pow(2, value)
            }

            Text {
                objectName: "eqMatchQText"
                Layout.preferredWidth: 90
                horizontalAlignment: Text.AlignRight
                text: App.session.answerQFixed ? qsTr("%1 (fixed)").arg(App.session.answerQ.toFixed(2)) : App.session.answerQ.toFixed(2)
                color: Theme.text
                font.pixelSize: Theme.fontLarge
            }
        }

        CurveItem {
            objectName: "eqMatchCurve"
            Layout.preferredWidth: 320
            Layout.preferredHeight: 120
            truePoints: []
            answerPoints: App.session.answerBandCurve
            markerHz: 0
            rangeDb: 15
            trueColor: Theme.hidden
            answerColor: Theme.accent
            gridColor: Theme.border
            labelColor: Theme.textFaint
            backgroundColor: Theme.surface
        }
    }
}
