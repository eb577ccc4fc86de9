import QtQuick
import QtQuick.Layouts
import EarLab
import "StatisticsFormat.js" as Format

// The Statistics page's top row: answers, accuracy, practice time, streak, median response.
RowLayout {
    id: tiles

    required property var summary
    // exercise id -> title
    required property var titles
    // Practice seconds of today and of the last 7 days: StatisticsModel counts them at each
    // refresh, so "today" moves on at midnight (a Date taken here would not).
    required property real todaySeconds
    required property real weekSeconds
    // The most answered exercise with a median response time: its median stands for the page.
    readonly property var medianExercise: {
        let best = null;
        for (const e of (summary.exercises || []))
            if (e.median_response_ms !== null && e.median_response_ms !== undefined && (!best || e.answers > best.answers))
                best = e;
        return best;
    }

    spacing: Theme.spacing

    StatTile {
        objectName: "tileAnswers"
        label: qsTr("Answers")
        value: (tiles.summary.answers || 0).toLocaleString(Qt.locale(), "f", 0)
        detail: qsTr("in %1 sessions").arg((tiles.summary.sessions || []).length)
    }

    StatTile {
        objectName: "tileAccuracy"
        label: qsTr("Accuracy")
        value: Format.percent(tiles.summary.accuracy)
        detail: qsTr("%1 right").arg(tiles.summary.correct || 0)
    }

    StatTile {
        objectName: "tilePractice"
        label: qsTr("Today")
        value: Format.duration(tiles.todaySeconds)
        detail: qsTr("week %1").arg(Format.duration(tiles.weekSeconds))
    }

    StatTile {
        objectName: "tileStreak"
        label: qsTr("Streak")
        value: (tiles.summary.streak_days || 0) === 1 ? qsTr("1 day") : qsTr("%1 days").arg(tiles.summary.streak_days || 0)
        detail: (tiles.summary.streak_days || 0) > 0 ? qsTr("in a row") : qsTr("train to start one")
    }

    StatTile {
        objectName: "tileMedian"
        label: qsTr("Response")
        value: tiles.medianExercise ? (tiles.medianExercise.median_response_ms / 1000).toFixed(1) + " s" : "–"
        detail: tiles.medianExercise ? qsTr("median, %1").arg(tiles.titles[tiles.medianExercise.id] || tiles.medianExercise.id) : qsTr("no answers")
    }
}
