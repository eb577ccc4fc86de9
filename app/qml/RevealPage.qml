import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Where learning happens: the true curve over the answer, the score and its formula, and
// the same music to hear flat, with the hidden change, and with your answer.
Item {
    id: page

    readonly property color verdictColor: App.session.lastCorrect ? Theme.success
                                                                  : App.session.lastScore >= 0.5 ? Theme.warning : Theme.danger

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column

            x: Theme.pageMargin
            y: Theme.pageMargin - 8
            width: parent.width - 2 * Theme.pageMargin
            spacing: Theme.spacingLarge

            SessionHeader {
                Layout.fillWidth: true
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingLarge

                Text {
                    objectName: "verdict"
                    text: App.session.verdict
                    color: page.verdictColor
                    font.pixelSize: Theme.fontHero
                    font.weight: Font.DemiBold
                }

                Text {
                    Layout.alignment: Qt.AlignBaseline
                    text: qsTr("score %1").arg(App.session.lastScore.toFixed(2))
                    color: Theme.text
                    font.pixelSize: Theme.fontLarge
                }

                Text {
                    Layout.alignment: Qt.AlignBaseline
                    text: qsTr("answered in %1 s").arg(App.session.responseSeconds.toFixed(1))
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontBody
                }

                Item {
                    Layout.fillWidth: true
                }

                Rectangle {
                    visible: App.session.levelChangeText !== ""
                    implicitWidth: levelText.implicitWidth + 24
                    implicitHeight: 30
                    radius: 15
                    color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.15)
                    border.color: Theme.accent

                    Text {
                        id: levelText

                        anchors.centerIn: parent
                        text: App.session.levelChangeText
                        color: Theme.text
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingLarge

                Card {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 300
                    Layout.minimumWidth: 420

                    Loader {
                        objectName: "revealLoader"
                        anchors.fill: parent
                        anchors.margins: Theme.spacing
                        sourceComponent: [eqCurves, gainReduction, stereoField, levels][App.session.revealPanel]
                    }
                }

                Card {
                    // May give up a little width so the page fits a 1024 px wide window.
                    Layout.fillWidth: true
                    Layout.minimumWidth: 300
                    Layout.preferredWidth: 340
                    Layout.maximumWidth: 340
                    Layout.preferredHeight: 300

                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.spacingLarge
                        spacing: Theme.spacing

                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2

                            Text {
                                text: qsTr("HIDDEN CHANGE")
                                color: Theme.hidden
                                font.pixelSize: Theme.fontSmall
                                font.weight: Font.DemiBold
                                font.letterSpacing: 1
                            }

                            Text {
                                objectName: "truthText"
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: App.session.truthText
                                color: Theme.text
                                font.pixelSize: Theme.fontLarge
                            }
                        }

                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2

                            Text {
                                text: qsTr("YOUR ANSWER")
                                color: Theme.accent
                                font.pixelSize: Theme.fontSmall
                                font.weight: Font.DemiBold
                                font.letterSpacing: 1
                            }

                            Text {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: App.session.answerText
                                color: Theme.text
                                font.pixelSize: Theme.fontLarge
                            }
                        }

                        Text {
                            objectName: "explanation"
                            Layout.fillWidth: true
                            text: App.session.explanation
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontBody
                            wrapMode: Text.Wrap
                        }

                        Item {
                            Layout.fillHeight: true
                        }

                        Text {
                            Layout.fillWidth: true
                            text: App.session.formulaText
                            color: Theme.textFaint
                            font.family: Theme.monoFamily
                            font.pixelSize: 11
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }

            ListenSwitch {
                Layout.fillWidth: true
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

                AppButton {
                    text: App.audio.playing ? qsTr("■  Stop") : qsTr("▶  Play")
                    keyHint: "Space"
                    onClicked: App.audio.togglePlay()
                }

                AppButton {
                    text: App.audio.looping ? qsTr("Loop on") : qsTr("Loop off")
                    keyHint: "L"
                    onClicked: App.audio.toggleLoop()
                }

                Text {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("Hear the difference you missed or found, then go on.")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                }

                AppButton {
                    objectName: "nextButton"
                    text: App.session.questionNumber >= App.session.questionCount ? qsTr("See summary") : qsTr("Next question")
                    keyHint: "Enter"
                    primary: true
                    onClicked: App.session.next()
                }
            }
        }
    }

    Component {
        id: eqCurves

        EqCurvesReveal {}
    }

    Component {
        id: gainReduction

        GainReductionReveal {}
    }

    Component {
        id: stereoField

        StereoFieldReveal {}
    }

    Component {
        id: levels

        LevelsReveal {}
    }
}
