import QtQuick
import QtQuick.Layouts
import EarLab

// A MUSHRA run's ratings, now named: per stimulus the mean (dot) with its 95 % interval
// (whiskers) on the 0–100 scale and its bands, the numbers beneath, and the post-screening.
ColumnLayout {
    id: view

    required property var result
    readonly property var stimuli: result.stimuli || []
    readonly property int chartHeight: 240
    readonly property int columnWidth: 120

    spacing: Theme.spacing

    function level(value) {
        return (1 - Math.max(0, Math.min(100, value)) / 100) * view.chartHeight;
    }

    Item {
        objectName: "mushraChart"
        Layout.fillWidth: true
        implicitHeight: view.chartHeight + 44

        // Lines at 0, 20, … 100; each band named below its top line, as BS.1534-3 names them.
        Repeater {
            model: [{"at": 100, "name": qsTr("Excellent")}, {"at": 80, "name": qsTr("Good")}, {"at": 60, "name": qsTr("Fair")},
                    {"at": 40, "name": qsTr("Poor")}, {"at": 20, "name": qsTr("Bad")}, {"at": 0, "name": ""}]

            delegate: Item {
                required property var modelData

                x: 0
                y: view.level(modelData.at)
                width: parent.width
                height: 1

                Rectangle {
                    x: 90
                    width: parent.width - 90
                    height: 1
                    color: Theme.border
                }

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: String(parent.modelData.at)
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }

                Text {
                    x: 24
                    y: 14
                    text: parent.modelData.name
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                }
            }
        }

        Repeater {
            model: view.stimuli

            delegate: Item {
                id: bar

                required property var modelData
                required property int index
                readonly property color tint: modelData.kind === "item" ? Theme.accent
                                              : modelData.kind === "hiddenReference" ? Theme.success : Theme.hidden

                x: 100 + index * view.columnWidth
                width: view.columnWidth
                height: view.chartHeight

                Rectangle { // whisker: the 95 % interval
                    objectName: "mushraWhisker" + bar.index
                    x: bar.width / 2 - 1
                    y: view.level(bar.modelData.high)
                    width: 2
                    height: Math.max(0, view.level(bar.modelData.low) - view.level(bar.modelData.high))
                    color: bar.tint
                }

                Rectangle {
                    x: bar.width / 2 - 12
                    y: view.level(bar.modelData.high) - 1
                    width: 24
                    height: 2
                    color: bar.tint
                    visible: bar.modelData.count > 1
                }

                Rectangle {
                    x: bar.width / 2 - 12
                    y: view.level(bar.modelData.low) - 1
                    width: 24
                    height: 2
                    color: bar.tint
                    visible: bar.modelData.count > 1
                }

                Rectangle { // the mean
                    x: bar.width / 2 - 7
                    y: view.level(bar.modelData.mean) - 7
                    width: 14
                    height: 14
                    radius: 7
                    color: bar.tint
                    border.color: Theme.background
                }

                Text {
                    x: 4
                    y: view.chartHeight + 8
                    width: bar.width - 8
                    horizontalAlignment: Text.AlignHCenter
                    text: bar.modelData.label
                    color: Theme.text
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideMiddle
                }

                Text {
                    x: 4
                    y: view.chartHeight + 24
                    width: bar.width - 8
                    horizontalAlignment: Text.AlignHCenter
                    text: bar.modelData.mean.toFixed(1)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                }
            }
        }
    }

    Repeater {
        model: view.stimuli

        delegate: Text {
            required property var modelData
            required property int index

            objectName: "mushraStimulusText" + index
            text: modelData.text
            color: Theme.textMuted
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSmall
        }
    }
}
