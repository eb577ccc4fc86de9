import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The exercises, each with its level and recent accuracy.
Item {
    id: page

    readonly property int columns: exerciseGrid.columns

    Flickable {
        objectName: "homeFlickable"
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

            // The title and Today's workout side by side on a wide window, so the exercises
            // stay in view; one above the other on a narrow one.
            GridLayout {
                Layout.fillWidth: true
                columns: page.width > 900 ? 2 : 1
                columnSpacing: Theme.spacingLarge
                rowSpacing: Theme.spacingLarge

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 2
                    Layout.alignment: Qt.AlignTop
                    spacing: 4

                    Text {
                        text: qsTr("Train")
                        color: Theme.text
                        font.pixelSize: Theme.fontHero
                        font.weight: Font.DemiBold
                    }

                    // Says what the Settings page's loudness matching really does.
                    Text {
                        objectName: "homeIntro"
                        Layout.fillWidth: true
                        text: (App.preferences.loudnessMatching
                               ? qsTr("Sessions of %1 questions. Flat and processed are loudness-matched, so only the tone can give the answer away.")
                               : qsTr("Sessions of %1 questions. Loudness matching is off (Settings): louder or quieter can give the answer away."))
                              .arg(App.session.plannedQuestionCount)
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                }

                WorkoutCard {
                    objectName: "workoutCard"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 3
                }
            }

            // A Grid positioner, not a GridLayout: the exercise model resets when progress
            // changes, and a Qt 6.4 layout that holds Repeater delegates directly can keep a
            // destroyed one and crash on the next resize.
            Grid {
                id: exerciseGrid

                Layout.fillWidth: true
                columns: page.width > 1100 ? 2 : 1
                columnSpacing: Theme.spacingLarge
                rowSpacing: Theme.spacingLarge

                Repeater {
                    model: App.exercises

                    delegate: ExerciseCard {
                        width: Math.max(0, (exerciseGrid.width - exerciseGrid.columnSpacing * (exerciseGrid.columns - 1)) / exerciseGrid.columns)
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                implicitHeight: material.implicitHeight + 2 * Theme.spacing

                RowLayout {
                    id: material

                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    anchors.leftMargin: Theme.spacingLarge
                    spacing: Theme.spacing

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2

                        Text {
                            text: qsTr("Music for the music levels: %1").arg(App.library.trainingText)
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                        }

                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Lower levels use pink noise, unless an exercise's options (M) choose other music.")
                            color: Theme.textFaint
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.Wrap
                        }
                    }

                    AppButton {
                        text: qsTr("Choose music…")
                        onClicked: App.page = App.LibraryPage
                    }
                }
            }

            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacingLarge

                Repeater {
                    model: [
                        { key: "↑ ↓ ← →", text: qsTr("choose an exercise") },
                        { key: "Enter", text: qsTr("start it") },
                        { key: "M", text: qsTr("start at a level, its music (D N B Y), reset") },
                        { key: "Space", text: qsTr("play / stop") },
                        { key: "A  B", text: qsTr("flat / processed") },
                        { key: "1–9", text: qsTr("answer") },
                        { key: "Enter", text: qsTr("confirm, go on") },
                        { key: "Esc", text: qsTr("end a session (asks first)") },
                        { key: "?", text: qsTr("all shortcuts") }
                    ]

                    delegate: Row {
                        required property var modelData

                        spacing: 6

                        KeyCap {
                            text: parent.modelData.key
                        }

                        Text {
                            anchors.verticalCenter: parent.verticalCenter
                            text: parent.modelData.text
                            color: Theme.textFaint
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                }
            }
        }
    }
}
