import QtQuick
import QtQuick.Layouts
import EarLab
import "StatisticsFormat.js" as Format

// An EQ exercise's miss map: which band was answered for which (rows the band played, columns
// the answer, "Flat" a trial without change), the diagonal the right answers, each row's
// accuracy beside it, and how the wrong answers lean, in words and numbers.
Card {
    id: card

    required property var exercise // one of summary.exercises, with bands/confusion/tendencies
    property string title
    readonly property int cell: 30
    // eq-gain names the band: its mistakes are gains ("+3 dB answered as +6 dB"), not bands.
    readonly property bool gainKind: exercise.id === "eq-gain" || exercise.gain_confusion !== undefined
    readonly property var gainMistakes: (exercise.gain_confusion || []).slice().sort((a, b) => b.count - a.count).slice(0, 4)

    // The rows: the bands asked, flat (0 Hz) first as the data has it.
    readonly property var rows: (exercise.bands || []).map(b => b.band_hz)
    // The columns: every band asked or answered.
    readonly property var columns: {
        const set = {};
        for (const hz of rows)
            set[hz] = true;
        for (const c of (exercise.confusion || []))
            set[c.answer_hz] = true;
        return Object.keys(set).map(Number).sort((a, b) => a - b);
    }
    // count[true][answer]: right answers on the diagonal, wrong ones elsewhere.
    readonly property var counts: {
        const out = {};
        for (const b of (exercise.bands || [])) {
            out[b.band_hz] = {};
            out[b.band_hz][b.band_hz] = b.correct;
        }
        for (const c of (exercise.confusion || [])) {
            // The right band in the wrong direction: counted in the tendencies (boosts taken
            // for cuts), not as a band confusion; the diagonal keeps the right answers only.
            if (c.true_hz === c.answer_hz)
                continue;
            if (!out[c.true_hz])
                out[c.true_hz] = {};
            out[c.true_hz][c.answer_hz] = c.count;
        }
        return out;
    }
    function count(trueHz, answerHz) {
        const row = counts[trueHz];
        return row && row[answerHz] ? row[answerHz] : 0;
    }
    function asked(trueHz) {
        for (const b of (exercise.bands || []))
            if (b.band_hz === trueHz)
                return b.asked;
        return 0;
    }
    function bandOf(trueHz) {
        for (const b of (exercise.bands || []))
            if (b.band_hz === trueHz)
                return b;
        return null;
    }
    // The tendencies as sentences.
    readonly property var sentences: {
        const t = exercise.tendencies;
        if (!t)
            return [];
        const out = [];
        const wrong = t.too_high + t.too_low;
        if (wrong > 0 && t.mean_octave_error !== null) {
            const lean = Math.abs(t.mean_octave_error) < 0.1 ? qsTr("Wrong bands are balanced")
                       : t.mean_octave_error > 0 ? qsTr("Wrong answers lean high") : qsTr("Wrong answers lean low");
            out.push(qsTr("%1: %2 octave on average (%3 too high, %4 too low)")
                     .arg(lean).arg(Format.signed(t.mean_octave_error, 1)).arg(t.too_high).arg(t.too_low));
        }
        if (t.boosts_taken_for_cuts > 0 || t.cuts_taken_for_boosts > 0)
            out.push(qsTr("Boosts taken for cuts: %1 · cuts taken for boosts: %2")
                     .arg(t.boosts_taken_for_cuts).arg(t.cuts_taken_for_boosts));
        if (t.mean_gain_error_db !== null && t.mean_gain_error_db !== undefined)
            out.push(qsTr("Wrong gains lean %1: %2 dB on average")
                     .arg(t.mean_gain_error_db >= 0 ? qsTr("high") : qsTr("low")).arg(Format.signed(t.mean_gain_error_db, 1)));
        if (t.low_bands.answers > 0 || t.high_bands.answers > 0)
            out.push(qsTr("Low bands (below 1 kHz) %1, high bands %2")
                     .arg(Format.percent(t.low_bands.accuracy)).arg(Format.percent(t.high_bands.accuracy)));
        return out;
    }

    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    implicitWidth: column.implicitWidth + 2 * Theme.spacing

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        PanelHeading {
            text: card.gainKind ? qsTr("Gain mistakes · %1").arg(card.title) : qsTr("Miss map · %1").arg(card.title)
        }

        Column {
            Layout.fillWidth: true
            spacing: column.spacing

        Repeater {
            model: card.gainKind ? card.gainMistakes : []

            Text {
                required property var modelData
                required property int index

                objectName: "gainMistake_" + index
                text: qsTr("%1 dB answered as %2 dB × %3").arg(Format.signed(modelData.true_db, 0))
                      .arg(Format.signed(modelData.answer_db, 0)).arg(modelData.count)
                color: Theme.text
                font.pixelSize: Theme.fontSmall
            }
        }
        }

        Text {
            visible: !card.gainKind
            text: qsTr("Rows: the band played · columns: your answer")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
        }

        // Positioners, not Quick Layouts, around the Repeaters here and below: a Qt 6.4 layout
        // that holds Repeater delegates directly can keep one destroyed when the model changes
        // (every refresh here) and crash on its next pass (see HomePage.qml).
        Grid {
            objectName: "missMapGrid"
            visible: !card.gainKind
            columns: card.columns.length + 2
            rowSpacing: 2
            columnSpacing: 2

            // The header row: a corner, the answers, the accuracy column.
            Item {
                implicitWidth: 52
                implicitHeight: 16
            }

            Repeater {
                model: card.columns

                Text {
                    required property var modelData

                    width: card.cell
                    horizontalAlignment: Text.AlignHCenter
                    text: Format.band(modelData).replace(" kHz", "k").replace(" Hz", "")
                    color: Theme.textFaint
                    font.pixelSize: 10
                }
            }

            Text {
                leftPadding: 6
                text: qsTr("right")
                color: Theme.textFaint
                font.pixelSize: 10
            }

            Repeater {
                model: card.rows.length * (card.columns.length + 2)

                Item {
                    id: slot

                    required property int index
                    readonly property int row: Math.floor(index / (card.columns.length + 2))
                    readonly property int column: index % (card.columns.length + 2) - 1
                    readonly property real trueHz: card.rows[row]
                    readonly property bool isLabel: column < 0
                    readonly property bool isAccuracy: column === card.columns.length
                    readonly property real answerHz: isLabel || isAccuracy ? -1 : card.columns[column]
                    readonly property int count: isLabel || isAccuracy ? 0 : card.count(trueHz, answerHz)
                    readonly property bool diagonal: trueHz === answerHz

                    implicitWidth: isLabel ? 52 : isAccuracy ? 96 : card.cell
                    implicitHeight: card.cell - 6

                    Text {
                        visible: slot.isLabel
                        anchors.right: parent.right
                        anchors.rightMargin: 6
                        anchors.verticalCenter: parent.verticalCenter
                        text: Format.band(slot.trueHz)
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }

                    Rectangle {
                        objectName: slot.isLabel || slot.isAccuracy ? "" : "missCell_" + slot.trueHz + "_" + slot.answerHz
                        property int count: slot.count
                        visible: !slot.isLabel && !slot.isAccuracy
                        anchors.fill: parent
                        radius: 3
                        readonly property real share: card.asked(slot.trueHz) > 0 ? slot.count / card.asked(slot.trueHz) : 0
                        color: slot.count === 0 ? Theme.raised
                             : Qt.rgba((slot.diagonal ? Theme.success : Theme.danger).r,
                                       (slot.diagonal ? Theme.success : Theme.danger).g,
                                       (slot.diagonal ? Theme.success : Theme.danger).b,
                                       0.18 + 0.82 * Math.min(1, share * (slot.diagonal ? 1 : 2.5)))

                        Text {
                            anchors.centerIn: parent
                            visible: slot.count > 0
                            text: slot.count
                            color: Theme.text
                            font.pixelSize: 11
                        }
                    }

                    // The row's accuracy: a bar and its figure.
                    Row {
                        visible: slot.isAccuracy
                        anchors.left: parent.left
                        anchors.leftMargin: 6
                        anchors.verticalCenter: parent.verticalCenter
                        spacing: 6

                        Rectangle {
                            anchors.verticalCenter: parent.verticalCenter
                            width: 44
                            height: 6
                            radius: 3
                            color: Theme.raised

                            Rectangle {
                                readonly property var band: slot.isAccuracy ? card.bandOf(slot.trueHz) : null
                                width: parent.width * (band && band.accuracy !== null ? band.accuracy : 0)
                                height: parent.height
                                radius: 3
                                color: band && band.accuracy !== null && band.accuracy < 0.6 ? Theme.warning : Theme.success
                            }
                        }

                        Text {
                            objectName: slot.isAccuracy ? "bandAccuracy_" + slot.trueHz : ""
                            readonly property var band: slot.isAccuracy ? card.bandOf(slot.trueHz) : null
                            text: band ? Format.percent(band.accuracy) : ""
                            color: Theme.text
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                }
            }
        }

        Column {
            Layout.fillWidth: true
            spacing: column.spacing

        Repeater {
            model: card.sentences

            Text {
                required property string modelData
                required property int index

                objectName: "tendency_" + index
                width: parent ? parent.width : 0
                text: modelData
                color: Theme.text
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.WordWrap
            }
        }
        }
    }
}
