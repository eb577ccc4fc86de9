import QtQuick
import QtQuick.Layouts
import EarLab

// Bars in dB, one per label: the hidden change's beside your answer (the stems' gains, the
// variants' levels).
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

    spacing: Theme.spacing

    RevealLegend {
        units: qsTr("dB, ±%1 dB shown").arg(root.span)
    }

    Item {
        Layout.fillWidth: true
        Layout.fillHeight: true

        Rectangle { // 0 dB
            width: parent.width
            height: 1
            y: parent.height / 2
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
                            { points: root.truth, tint: Theme.hidden, offset: -1 },
                            { points: root.answer, tint: Theme.accent, offset: 1 }
                        ]

                        delegate: Rectangle {
                            required property var modelData
                            readonly property real db: group.index < modelData.points.length ? modelData.points[group.index].y : 0
                            readonly property real h: Math.abs(db) / root.span * (group.height / 2 - 20)

                            width: Math.min(28, group.width / 3)
                            x: group.width / 2 + (modelData.offset < 0 ? -width - 2 : 2)
                            y: db >= 0 ? group.height / 2 - h : group.height / 2
                            height: Math.max(1, h)
                            radius: 2
                            color: modelData.tint
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
