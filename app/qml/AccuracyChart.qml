import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import EarLab

// Accuracy over time: one line per exercise by day (or every session on a toggle), on a
// date axis and 0–100 %. Days with few answers get a hollow ring over their point, so a
// 2-answer day does not read as a trend; the legend says so.
Card {
    id: card

    required property var summary
    required property var titles
    property bool bySession: false
    // Fewer answers than this on a day (or in a session): drawn as a hollow ring.
    readonly property int fewAnswers: 5
    readonly property var lineColors: [Theme.accent, Theme.success, Theme.hidden, Theme.flat, "#c58af9", Theme.danger]

    implicitHeight: 330

    function dayMs(iso) {
        // Local noon of the day: the point sits in the middle of its day on the axis.
        const parts = iso.split("-");
        return new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]), 12).getTime();
    }

    // The lines to draw: [{name, points: [{x, y, n}]}].
    function lines() {
        if (bySession) {
            const points = [];
            for (const s of (summary.sessions || []))
                if (s.accuracy !== null)
                    points.push({x: new Date(s.started).getTime(), y: s.accuracy * 100, n: s.answers});
            return points.length ? [{name: qsTr("Every session"), points: points}] : [];
        }
        const out = [];
        for (const e of (summary.exercises || [])) {
            const points = [];
            for (const d of (e.days || []))
                if (d.accuracy !== null)
                    points.push({x: dayMs(d.date), y: d.accuracy * 100, n: d.answers});
            if (points.length)
                out.push({name: titles[e.id] || e.id, points: points});
        }
        return out;
    }

    function rebuild() {
        chart.removeAllSeries();
        const drawn = lines();
        let first = Infinity, last = -Infinity;
        for (let i = 0; i < drawn.length; ++i) {
            const line = chart.createSeries(ChartView.SeriesTypeLine, drawn[i].name, dateAxis, valueAxis);
            line.color = lineColors[i % lineColors.length];
            line.width = 2;
            line.pointsVisible = true;
            for (const p of drawn[i].points) {
                line.append(p.x, p.y);
                first = Math.min(first, p.x);
                last = Math.max(last, p.x);
            }
        }
        // The thin days, over the lines.
        const thin = chart.createSeries(ChartView.SeriesTypeScatter, qsTr("fewer than %1 answers").arg(fewAnswers), dateAxis, valueAxis);
        thin.color = "transparent";
        thin.borderColor = Theme.text;
        thin.borderWidth = 1.5;
        thin.markerSize = 13;
        for (const l of drawn)
            for (const p of l.points)
                if (p.n < fewAnswers)
                    thin.append(p.x, p.y);
        if (thin.count === 0)
            chart.removeSeries(thin);
        // One day (or one session) still gets a range: a day either side.
        if (first === Infinity) {
            first = Date.now() - 7 * 86400000;
            last = Date.now();
        }
        const margin = Math.max(86400000, (last - first) * 0.03);
        dateAxis.min = new Date(first - margin);
        dateAxis.max = new Date(last + margin);
        const days = (last - first) / 86400000;
        dateAxis.format = days > 120 ? "MMM yyyy" : "d MMM";
        dateAxis.tickCount = Math.max(2, Math.min(7, Math.round(days) + 2));
    }

    onSummaryChanged: rebuild()
    onBySessionChanged: rebuild()
    Component.onCompleted: rebuild()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: 0

        RowLayout {
            Layout.fillWidth: true

            PanelHeading {
                Layout.fillWidth: true
                text: card.bySession ? qsTr("Accuracy by session") : qsTr("Accuracy by day")
            }

            Switch {
                objectName: "bySessionSwitch"
                text: qsTr("By session")
                checked: card.bySession
                onToggled: card.bySession = checked
                font.pixelSize: Theme.fontSmall
                focusPolicy: Qt.NoFocus
            }
        }

        ChartView {
            id: chart

            objectName: "accuracyChart"
            Layout.fillWidth: true
            Layout.fillHeight: true
            antialiasing: true
            backgroundColor: "transparent"
            plotAreaColor: "transparent"
            legend.visible: true
            legend.alignment: Qt.AlignBottom
            legend.labelColor: Theme.textMuted
            legend.font.pixelSize: Theme.fontSmall
            margins.top: 4
            margins.bottom: 0
            margins.left: 0
            margins.right: 4

            DateTimeAxis {
                id: dateAxis

                objectName: "accuracyDateAxis"
                format: "d MMM"
                labelsColor: Theme.textMuted
                labelsFont.pixelSize: Theme.fontSmall
                gridLineColor: Theme.border
                lineVisible: false
            }

            ValueAxis {
                id: valueAxis

                objectName: "accuracyValueAxis"
                min: 0
                max: 100
                tickCount: 6
                labelFormat: "%.0f %%"
                labelsColor: Theme.textMuted
                labelsFont.pixelSize: Theme.fontSmall
                gridLineColor: Theme.border
                lineVisible: false
            }
        }
    }
}
