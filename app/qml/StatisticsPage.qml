import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The progress review (issue 9 §1): the filters, the figures, accuracy over time, the EQ miss
// maps, the other exercises' mistakes and the blind tests. Everything comes as small maps
// from App.statistics (statistics_model.h), computed in SQL; nothing here counts answers.
Item {
    id: page

    readonly property var stats: App.statistics
    readonly property var summary: stats.summary
    readonly property var exerciseList: App.exerciseTitles()
    readonly property var titles: {
        const out = {};
        for (const e of exerciseList)
            out[e.id] = e.title;
        return out;
    }
    readonly property bool filtered: stats.rangeDays > 0 || stats.exercise !== "" || stats.material !== "" || stats.genre !== ""
    readonly property bool empty: (summary.answers || 0) === 0 && (summary.blind_tests || []).length === 0
    readonly property var eqExercises: (summary.exercises || []).filter(e => e.bands !== undefined && e.answers > 0)
    readonly property bool wide: width >= 1000

    Flickable {
        id: flick

        objectName: "statisticsFlick"
        anchors.fill: parent
        contentHeight: column.implicitHeight + 2 * Theme.pageMargin
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column

            x: Theme.pageMargin
            y: Theme.pageMargin
            width: Math.min(flick.width - 2 * Theme.pageMargin, 1240)
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

                Text {
                    Layout.fillWidth: true
                    text: qsTr("Statistics")
                    color: Theme.text
                    font.pixelSize: Theme.fontHero
                    font.weight: Font.DemiBold
                }

                StatisticsFilters {
                    visible: !page.empty || page.filtered
                    model: page.stats
                    exerciseList: page.exerciseList
                }
            }

            Text {
                objectName: "statisticsProblem"
                visible: page.stats.problem !== ""
                Layout.fillWidth: true
                text: page.stats.problem
                color: Theme.warning
                wrapMode: Text.WordWrap
            }

            // No answers: an invitation instead of empty axes.
            Card {
                objectName: "statisticsEmpty"
                visible: page.empty && page.stats.problem === ""
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingLarge
                implicitHeight: emptyColumn.implicitHeight + 2 * 40

                ColumnLayout {
                    id: emptyColumn

                    anchors.centerIn: parent
                    width: Math.min(parent.width - 80, 560)
                    spacing: Theme.spacing

                    Text {
                        objectName: "statisticsEmptyTitle"
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        text: page.filtered ? qsTr("No answers match these filters") : qsTr("No answers yet — train first")
                        color: Theme.text
                        font.pixelSize: Theme.fontTitle
                        font.weight: Font.DemiBold
                        wrapMode: Text.WordWrap
                    }

                    Text {
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        text: page.filtered
                              ? qsTr("Try a longer time range, another exercise or any material.")
                              : qsTr("Every answer you give is kept. After a session this page shows your accuracy day by day, which EQ bands you confuse and how your wrong answers lean, your streak and your blind tests.")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontBody
                        lineHeight: 1.2
                        wrapMode: Text.WordWrap
                    }

                    AppButton {
                        objectName: "statisticsTrain"
                        visible: !page.filtered
                        Layout.alignment: Qt.AlignHCenter
                        Layout.topMargin: Theme.spacingSmall
                        primary: true
                        text: qsTr("Start training")
                        onClicked: App.goHome()
                    }
                }
            }

            StatTiles {
                visible: !page.empty
                Layout.fillWidth: true
                summary: page.summary
                titles: page.titles
                todaySeconds: page.stats.todayPracticeS
                weekSeconds: page.stats.weekPracticeS
            }

            // Wide: the chart, the other mistakes and the blind tests on the left, the miss
            // maps on the right; narrow: one column.
            GridLayout {
                visible: !page.empty
                Layout.fillWidth: true
                columns: page.wide ? 2 : 1
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.spacing

                    AccuracyChart {
                        Layout.fillWidth: true
                        summary: page.summary
                        titles: page.titles
                    }

                    ExerciseMistakes {
                        objectName: "exerciseMistakes"
                        Layout.fillWidth: true
                        exercises: page.summary.exercises || []
                        titles: page.titles
                    }

                    BlindResultsList {
                        objectName: "blindResults"
                        Layout.fillWidth: true
                        results: page.summary.blind_tests || []
                    }
                }

                // A positioner, not a ColumnLayout, around the Repeater: a Qt 6.4 layout holding
                // Repeater delegates directly can keep a destroyed one when the model changes
                // and crash on its next pass (see HomePage.qml).
                Column {
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: page.wide ? 500 : -1
                    Layout.fillWidth: !page.wide
                    spacing: Theme.spacing

                    Repeater {
                        model: page.eqExercises

                        MissMap {
                            required property var modelData
                            required property int index

                            objectName: "missMap_" + modelData.id
                            width: parent ? parent.width : 0
                            exercise: modelData
                            title: page.titles[modelData.id] || modelData.id
                        }
                    }
                }
            }
        }
    }
}
