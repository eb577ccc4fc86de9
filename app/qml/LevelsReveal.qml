import QtQuick
import QtQuick.Layouts
import EarLab

// Bars in dB, one pair per label: the hidden change's beside your answer (the stems' gains,
// the variants' levels), each with its value in dB above (or, below 0 dB, under) it.
ColumnLayout {
    id: root

    readonly property var labels: App.session.plotLabels
    readonly property var truth: App.session.trueCurve
    readonly property var answer: App.session.answerCurve
    readonly property real span: {
        let m = 3;
        for (let i = 0; i < truth.length; ++i)
            m = Math.max(m, Math.abs(truth[i].y));
        for (let j = 0; j < answer.length; ++j)
            m = Math.max(m, Math.abs(answer[j].y));
        return Math.ceil(m);
    }
    // Room above and below the bars for their numbers and the labels.
    readonly property int valueRoom: 18

    // "+3.0 dB", "−1.5 dB", "0.0 dB": one decimal, a true minus sign.
    function dbText(db) {
        const rounded = Math.round(db * 10) / 10;
        return (rounded > 0 ? "+" : rounded < 0 ? "−" : "") + Math.abs(rounded).toFixed(1) + " dB";
    }

    objectName: "levelsReveal"
    spacing: Theme.spacing

    RevealLegend {
        units: qsTr("dB, ±%1 dB shown").arg(root.span)
        showAnswer: root.answer.length > 0
    }

    Item {
        id: plot

        Layout.fillWidth: true
        Layout.fillHeight: true

        // Half the height, less the numbers' and the labels' room: where ±span lands.
        readonly property real zeroY: height / 2
        readonly property real halfBar: Math.max(1, height / 2 - root.valueRoom - 20)

        Rectangle { // 0 dB
            width: parent.width
            height: 1
            y: plot.zeroY
            color: Theme.borderStrong
        }

        Row {
            anchors.fill: parent
            spacing: Theme.spacing

            Repeater {
                model: root.labels

                delegate: Item {
                    id: group

                    required property int index
                    required property string modelData

                    width: (parent.width - parent.spacing * (root.labels.length - 1)) / Math.max(1, root.labels.length)
                    height: parent.height

                    Repeater {
                        model: [
                            { points: root.truth, tint: Theme.hidden, offset: -1, kind: "truth" },
                            { points: root.answer, tint: Theme.accent, offset: 1, kind: "answer" }
                        ]

                        delegate: Item {
                            id: bar

                            required property var modelData
                            readonly property bool shown: group.index < modelData.points.length
                            readonly property real db: shown ? modelData.points[group.index].y : 0
                            readonly property real h: Math.abs(db) / root.span * plot.halfBar
                            readonly property real gap: Math.min(14, group.width / 12)

                            objectName: "levelBar_" + modelData.kind + "_" + group.index
                            visible: shown
                            // Apart enough that two numbers side by side do not touch.
                            width: Math.min(36, group.width / 3)
                            height: group.height
                            x: group.width / 2 + (modelData.offset < 0 ? -width - gap : gap)

                            Rectangle {
                                objectName: "levelBarFill"
                                width: parent.width
                                y: bar.db >= 0 ? plot.zeroY - bar.h : plot.zeroY
                                height: Math.max(1, bar.h)
                                radius: 2
                                color: bar.modelData.tint
                            }

                            Text {
                                objectName: "levelValue"
                                anchors.horizontalCenter: parent.horizontalCenter
                                y: bar.db >= 0 ? plot.zeroY - bar.h - height - 2 : plot.zeroY + bar.h + 2
                                text: root.dbText(bar.db)
                                color: bar.modelData.tint
                                font.pixelSize: Theme.fontSmall
                                font.weight: Font.DemiBold
                            }
                        }
                    }

                    Text {
                        anchors.bottom: parent.bottom
                        anchors.horizontalCenter: parent.horizontalCenter
                        text: group.modelData
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }
                }
            }
        }
    }
}
