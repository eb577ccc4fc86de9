import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The end of a session: score, accuracy, per-band hits and what happened to the level.
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
            width: parent.width - 2 * Theme.pageMargin
            spacing: Theme.spacingLarge

            ColumnLayout {
                spacing: 4

                Text {
                    text: App.session.endedEarly ? qsTr("Session ended after %1 of %2").arg(App.session.answeredCount).arg(App.session.questionCount)
                                                 : qsTr("Session complete")
                    color: Theme.text
                    font.pixelSize: Theme.fontHero
                    font.weight: Font.DemiBold
                }

                Text {
                    // Never "saved" while the banner says answers are not (banner_state.h).
                    text: App.banner.saving ? qsTr("%1 · every answer is saved").arg(App.session.exerciseTitle)
                                            : qsTr("%1 · your answers are not saved: the message above says why").arg(App.session.exerciseTitle)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontBody
                }
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingLarge

                // A fixed model: the values are bindings in the delegate, so the cards are never
                // destroyed while the layout holds them (a Qt 6.4 layout crash on resize).
                Repeater {
                    model: ["summaryScore", "summaryCorrect", "summaryTime"]

                    delegate: Card {
                        id: stat

                        required property string modelData
                        readonly property string value: {
                            switch (modelData) {
                            case "summaryScore":
                                return Math.round(App.session.averageScore * 100);
                            case "summaryCorrect":
                                return App.session.correctCount + " / " + App.session.answeredCount;
                            default:
                                return App.session.medianResponseSeconds.toFixed(1) + " s";
                            }
                        }
                        readonly property string label: modelData === "summaryScore" ? qsTr("score (mean of 0–1 scores × 100)")
                                                        : modelData === "summaryCorrect" ? qsTr("exactly right")
                                                                                         : qsTr("median time to answer")

                        objectName: modelData
                        Layout.fillWidth: true
                        implicitHeight: 108

                        ColumnLayout {
                            anchors.fill: parent
                            anchors.margins: Theme.spacingLarge
                            spacing: 2

                            Text {
                                text: stat.value
                                color: Theme.text
                                font.pixelSize: 40
                                font.weight: Font.Light
                            }

                            Text {
                                text: stat.label
                                color: Theme.textFaint
                                font.pixelSize: Theme.fontSmall
                            }
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: levelRow.implicitHeight + 2 * Theme.spacing
                border.color: App.session.level !== App.session.startLevel ? Theme.accent : Theme.border

                RowLayout {
                    id: levelRow

                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    anchors.leftMargin: Theme.spacingLarge
                    spacing: Theme.spacing

                    Text {
                        text: App.session.level > App.session.startLevel ? "▲" : App.session.level < App.session.startLevel ? "▼" : "="
                        color: App.session.level > App.session.startLevel ? Theme.success
                                                                          : App.session.level < App.session.startLevel ? Theme.warning : Theme.textMuted
                        font.pixelSize: Theme.fontTitle
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2

                        Text {
                            objectName: "levelSummary"
                            Layout.fillWidth: true
                            text: App.session.levelSummary
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            wrapMode: Text.Wrap
                        }

                        // The path, not only the net: every change with the question it came after.
                        Text {
                            objectName: "levelPath"
                            Layout.fillWidth: true
                            visible: App.session.levelPath !== ""
                            text: qsTr("Path: %1").arg(App.session.levelPath)
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: hits.implicitHeight + 2 * Theme.spacingLarge

                ColumnLayout {
                    id: hits

                    anchors.fill: parent
                    anchors.margins: Theme.spacingLarge
                    spacing: 8

                    Text {
                        text: qsTr("BY BAND")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        font.letterSpacing: 1
                    }

                    // In a Column, not directly in the layout: the rows change with every session
                    // (a Qt 6.4 layout can keep a destroyed Repeater delegate and crash on resize).
                    Column {
                        Layout.fillWidth: true
                        visible: bandHitRows.count > 0
                        spacing: hits.spacing

                        Repeater {
                            id: bandHitRows

                            model: App.session.bandHits

                            delegate: BandHitRow {
                                width: parent.width
                            }
                        }
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

                Item {
                    Layout.fillWidth: true
                }

                AppButton {
                    text: qsTr("Home")
                    keyHint: "Esc"
                    onClicked: App.goHome()
                }

                // Today's workout under way: its next item, one click on.
                AppButton {
                    objectName: "workoutNextButton"
                    visible: App.workout.running
                    text: qsTr("Workout: next, %1").arg(App.workout.currentTitle)
                    onClicked: App.workout.start()
                }

                AppButton {
                    objectName: "againButton"
                    text: qsTr("Train again")
                    keyHint: "Enter"
                    primary: true
                    onClicked: App.startExercise(App.session.exerciseId)
                }
            }
        }
    }
}
