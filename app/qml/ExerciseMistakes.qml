import QtQuick
import QtQuick.Layouts
import EarLab
import "StatisticsFormat.js" as Format

// The other exercises' mistakes: which answer was taken for which (a stem for another,
// "a" louder for "b", left for right), most frequent first, and where pan answers lie.
Card {
    id: card

    required property var exercises // summary.exercises
    required property var titles

    readonly property var rows: {
        const out = [];
        for (const e of (exercises || [])) {
            const title = titles[e.id] || e.id;
            const mistakes = (e.mistakes || []).slice().sort((a, b) => b.count - a.count).slice(0, 3);
            for (const m of mistakes)
                out.push({exercise: title, text: qsTr("“%1” answered as “%2”").arg(m.truth).arg(m.answer), count: m.count});
            const bias = e.side_bias;
            if (bias && bias.answers > 0 && bias.mean_error !== null)
                out.push({exercise: title,
                          text: bias.mean_error > 0.02 ? qsTr("answers lie right of the source: %1 on average (%2 right, %3 left)")
                                                          .arg(Format.signed(bias.mean_error, 2)).arg(bias.right_of_truth).arg(bias.left_of_truth)
                              : bias.mean_error < -0.02 ? qsTr("answers lie left of the source: %1 on average (%2 left, %3 right)")
                                                          .arg(Format.signed(bias.mean_error, 2)).arg(bias.left_of_truth).arg(bias.right_of_truth)
                              : qsTr("no left/right bias"),
                          count: -1});
        }
        return out;
    }

    implicitHeight: column.implicitHeight + 2 * Theme.spacing

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacingSmall

        PanelHeading {
            text: qsTr("Other mistakes")
        }

        Text {
            visible: card.rows.length === 0
            Layout.fillWidth: true
            text: qsTr("No mistakes in the other exercises here.")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }

        // A positioner around the Repeater: a Qt 6.4 layout holding Repeater delegates directly can
        // keep a destroyed one when the model changes and crash on its next pass (HomePage.qml).
        Column {
            Layout.fillWidth: true
            spacing: column.spacing

            Repeater {
                model: card.rows

                RowLayout {
                    id: mistake

                    required property var modelData
                    required property int index

                    objectName: "mistake_" + index
                    width: parent ? parent.width : 0
                    spacing: Theme.spacing

                    Text {
                        Layout.preferredWidth: 130
                        text: mistake.modelData.exercise
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        elide: Text.ElideRight
                    }

                    Text {
                        Layout.fillWidth: true
                        text: mistake.modelData.text
                        color: Theme.text
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.WordWrap
                    }

                    Text {
                        visible: mistake.modelData.count >= 0
                        text: "× " + mistake.modelData.count
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }
        }
    }
}
