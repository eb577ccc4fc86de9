import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// One exercise on the Home page: where it stands (a level, or a staircase's value and the
// threshold it measured), what that means, recent accuracy, start (here, or at a chosen
// level), reset.
Card {
    id: card

    required property string exerciseId
    required property string title
    required property string summary
    required property int level
    required property int levelCount
    required property string levelDescription
    required property int recentAccuracy
    required property int recentCount
    required property int totalAttempts
    required property var bandAccuracy
    required property int bandWindow
    required property var weakestBand
    required property int index
    required property string difficultyKind
    required property string difficultyText
    required property string thresholdText
    required property string bestThresholdText
    required property string levelCountText
    required property string musicText
    required property string musicNote
    readonly property bool current: App.exercises.currentIndex === index
    readonly property bool staircase: difficultyKind === "staircase"
    readonly property alias optionsPopup: startOptions // the start options (in the window's overlay)

    implicitHeight: content.implicitHeight + 2 * Theme.spacingLarge
    objectName: "exerciseCard_" + exerciseId
    border.color: current ? Theme.accent : Theme.border
    border.width: current ? 2 : 1

    ColumnLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true

            Text {
                Layout.fillWidth: true
                text: card.title
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.weight: Font.DemiBold
            }

            Text {
                objectName: "difficultyText"
                text: card.staircase ? qsTr("now %1 · %2").arg(card.difficultyText).arg(card.levelCountText)
                                     : card.difficultyText
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
        }

        Text {
            Layout.fillWidth: true
            text: card.summary
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        // A staircase's threshold, in the exercise's unit, with its 95 % interval.
        RowLayout {
            Layout.fillWidth: true
            visible: card.staircase
            spacing: Theme.spacingLarge

            Text {
                objectName: "thresholdText"
                text: qsTr("Threshold %1").arg(card.thresholdText)
                color: Theme.text
                font.pixelSize: Theme.fontLarge
                font.weight: Font.DemiBold
            }

            Text {
                objectName: "bestThresholdText"
                visible: card.bestThresholdText !== ""
                text: qsTr("best %1").arg(card.bestThresholdText)
                color: Theme.textMuted
                font.pixelSize: Theme.fontBody
            }
        }

        // The ladder: one pip per level, filled up to the current one.
        Row {
            Layout.topMargin: 4
            visible: !card.staircase
            spacing: 4

            Repeater {
                model: card.levelCount

                delegate: Rectangle {
                    required property int index

                    width: 26
                    height: 6
                    radius: 3
                    color: index < card.level ? Theme.accent : Theme.raised
                    border.color: index < card.level ? "transparent" : Theme.border
                }
            }
        }

        Text {
            Layout.fillWidth: true
            text: card.levelDescription
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        // What this level plays (the exercise's choice in its start options, the Library's
        // training music).
        Text {
            objectName: "musicText_" + card.exerciseId
            Layout.fillWidth: true
            text: card.musicText
            visible: text !== ""
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }

        BandAccuracyStrip {
            objectName: "bandAccuracy_" + card.exerciseId
            Layout.fillWidth: true
            Layout.topMargin: 4
            visible: card.bandWindow > 0
            bands: card.bandAccuracy
            window: card.bandWindow
            weakest: card.weakestBand
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.topMargin: 4
            implicitHeight: 1
            color: Theme.border
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingLarge

            ColumnLayout {
                spacing: 0

                Text {
                    objectName: "accuracy"
                    text: card.recentAccuracy < 0 ? "—" : card.recentAccuracy + " %"
                    color: card.recentAccuracy < 0 ? Theme.textFaint : Theme.text
                    font.pixelSize: Theme.fontHero
                    font.weight: Font.Light
                }

                Text {
                    text: card.recentCount > 1 ? qsTr("right, last %1 answers").arg(card.recentCount)
                          : card.recentCount === 1 ? qsTr("right, the last answer") : qsTr("no answers yet")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }
            }

            ColumnLayout {
                spacing: 0

                Text {
                    text: card.totalAttempts
                    color: Theme.text
                    font.pixelSize: Theme.fontHero
                    font.weight: Font.Light
                }

                Text {
                    text: card.totalAttempts === 1 ? qsTr("answer in all") : qsTr("answers in all")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }
            }

            Item {
                Layout.fillWidth: true
            }

            AppButton {
                objectName: "options_" + card.exerciseId
                Layout.alignment: Qt.AlignBottom
                text: qsTr("More…")
                onClicked: startOptions.open()
            }

            AppButton {
                objectName: "start_" + card.exerciseId
                Layout.alignment: Qt.AlignBottom
                text: qsTr("Start %1 questions").arg(App.session.plannedQuestionCount)
                keyHint: card.current ? "Enter" : ""
                primary: true
                onClicked: App.startExercise(card.exerciseId)
            }
        }
    }

    Connections {
        target: App

        function onStartOptionsRequested(exerciseId) {
            if (exerciseId === card.exerciseId)
                startOptions.open();
        }
    }

    StartOptions {
        id: startOptions

        exerciseId: card.exerciseId
        title: card.title
        levelCount: card.levelCount
        staircase: card.staircase
        musicNote: card.musicNote
    }
}
