import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The end of a blind run: k of n, the exact binomial p, d′ with its interval and model, the
// verdict, Holm-adjusted p across this session's runs, and the log with its export. A MUSHRA
// run shows its ratings (MushraResultView) and post-screening instead of a score.
Card {
    id: view

    readonly property var compare: App.compare
    readonly property var result: compare.result
    readonly property bool abx: result.mode === "abx"
    readonly property bool mushra: result.mode === "mushra"

    implicitHeight: content.implicitHeight + 2 * Theme.spacingLarge

    ColumnLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        PanelHeading {
            text: (view.abx ? qsTr("ABX result") : view.mushra ? qsTr("MUSHRA ratings") : qsTr("Preference result"))
                  + (view.result.practice ? qsTr(" · practice, not saved") : "")
        }

        MushraResultView {
            objectName: "mushraResult"
            Layout.fillWidth: true
            visible: view.mushra
            result: view.result
        }

        RowLayout {
            visible: !view.mushra
            spacing: Theme.spacingLarge

            Text {
                objectName: "resultScore"
                text: view.abx ? qsTr("%1 of %2 correct").arg(view.result.k).arg(view.result.n)
                               : qsTr("A preferred %1 of %2").arg(view.result.k).arg(view.result.n)
                color: Theme.text
                font.pixelSize: Theme.fontHero
                font.weight: Font.DemiBold
            }

            ColumnLayout {
                spacing: 2

                Text {
                    objectName: "resultP"
                    text: qsTr("p = %1 (exact binomial, one-sided)").arg(view.result.pText)
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                }

                Text {
                    objectName: "resultDPrime"
                    text: view.result.dPrimeText || ""
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }

                Text {
                    visible: !view.abx && view.result.ties > 0
                    text: qsTr("%1 trials with no preference (not counted)").arg(view.result.ties)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        Text {
            Layout.fillWidth: true
            visible: !view.mushra
            text: qsTr("A: %1 · B: %2").arg(view.result.fileA).arg(view.result.fileB)
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideMiddle
        }

        Text {
            objectName: "resultVerdict"
            Layout.fillWidth: true
            text: view.result.verdict || ""
            color: view.mushra ? (view.result.excluded ? Theme.danger : Theme.text)
                               : (view.result.p !== undefined && view.result.p < 0.05) ? Theme.success : Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        Text {
            objectName: "practiceFeedbackResult"
            Layout.fillWidth: true
            visible: view.result.practice === true && view.compare.feedback !== ""
            text: view.compare.feedback
            color: Theme.flat
            font.pixelSize: Theme.fontBody
        }

        // Several pairs tested in this session: each p beside its Holm-adjusted value.
        ColumnLayout {
            objectName: "holmTable"
            Layout.fillWidth: true
            visible: view.compare.sessionRuns.length > 1
            spacing: 2

            PanelHeading {
                text: qsTr("This session's runs (Holm-adjusted across %1)").arg(view.compare.sessionRuns.length)
            }

            Repeater {
                model: view.compare.sessionRuns

                delegate: Text {
                    required property var modelData

                    text: qsTr("%1 %2: %3 of %4, p = %5, Holm p = %6").arg(modelData.mode === "abx" ? "ABX" : qsTr("Preference"))
                          .arg(modelData.pair).arg(modelData.k).arg(modelData.n).arg(modelData.pText).arg(modelData.pHolmText)
                    color: Theme.textMuted
                    font.family: Theme.monoFamily
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            PanelHeading {
                Layout.fillWidth: true
                text: qsTr("Log")
            }

            AppButton {
                objectName: "exportJson"
                text: qsTr("Export JSON…")
                onClicked: view.compare.exportLogWithDialog(true)
            }

            AppButton {
                objectName: "exportText"
                text: qsTr("Export text…")
                onClicked: view.compare.exportLogWithDialog(false)
            }

            AppButton {
                objectName: "resultDone"
                text: qsTr("Done")
                keyHint: "Enter"
                primary: true
                onClicked: view.compare.closeResult()
            }
        }

        Text {
            objectName: "exportMessage"
            Layout.fillWidth: true
            visible: text !== ""
            text: view.compare.exportMessage
            color: view.compare.exportFailed ? Theme.danger : Theme.success
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }

        Text {
            objectName: "saveMessage"
            Layout.fillWidth: true
            visible: text !== ""
            text: view.compare.saveMessage
            color: view.compare.saveFailed ? Theme.danger : Theme.textMuted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }

        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 260
            clip: true

            TextArea {
                objectName: "logText"
                readOnly: true
                text: view.compare.logText
                color: Theme.text
                font.family: Theme.monoFamily
                font.pixelSize: Theme.fontSmall
                activeFocusOnPress: false // the page's keys stay the page's
                wrapMode: TextEdit.NoWrap
                background: Rectangle {
                    color: Theme.background
                    radius: Theme.radius
                    border.color: Theme.border
                }
            }
        }
    }
}
