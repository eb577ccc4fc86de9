import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// The files of the comparison and, once prepared, what was measured and applied to each:
// loudness, gain, the match's residual, offset to item 1, drift, polarity, null depth against
// item 1, and the trim the user adds (applied on a worker: CompareController::setTrim). The
// preparation's progress and the switch crossfade sit here too.
Card {
    id: table

    readonly property var compare: App.compare
    readonly property bool preparing: compare.phase === CompareController.Preparing
    readonly property bool sighted: compare.mode === CompareController.Sighted
                                    && (compare.phase === CompareController.Ready || compare.phase === CompareController.Result)
    // Key, file (the rest of the row, at least 90), loudness, gain, residual, offset, drift,
    // polarity, null, trim, remove.
    readonly property var widths: [28, 90, 84, 70, 64, 96, 84, 60, 76, 128, 28]
    readonly property bool trimmable: compare.phase === CompareController.Ready || compare.phase === CompareController.Result

    implicitHeight: content.implicitHeight + 2 * Theme.spacingLarge

    ColumnLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            PanelHeading {
                Layout.fillWidth: true
                text: qsTr("Items · %1 of at most 8").arg(table.compare.items.count)
            }

            Text {
                text: qsTr("Crossfade")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            SpinBox {
                objectName: "compareCrossfade"
                from: 0
                to: 50
                value: Math.round(table.compare.crossfadeMs)
                editable: true
                // Fixed for a run: its log records one crossfade.
                enabled: table.compare.phase !== CompareController.Running
                focusPolicy: Qt.NoFocus
                textFromValue: value => qsTr("%1 ms").arg(value)
                valueFromText: text => parseInt(text)
                onValueModified: table.compare.crossfadeMs = value
            }

            AppButton {
                objectName: "compareClear"
                text: qsTr("Clear")
                visible: table.compare.items.count > 0
                enabled: !table.preparing && table.compare.phase !== CompareController.Running
                onClicked: table.compare.clearItems()
            }
        }

        Text {
            Layout.fillWidth: true
            visible: table.compare.items.count === 0
            text: qsTr("Add 2 to 8 files with “Add files…”, or drop them here. The first is the reference: the others are aligned and matched to it.")
            color: Theme.textFaint
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        // Column titles.
        RowLayout {
            Layout.fillWidth: true
            visible: table.compare.items.count > 0
            spacing: Theme.spacingSmall

            Repeater {
                model: [qsTr("Key"), qsTr("File"), qsTr("Loudness"), qsTr("Gain"), qsTr("Residual"), qsTr("Offset, samples"),
                        qsTr("Drift"), qsTr("Polarity"), qsTr("Null vs 1"), qsTr("Trim, dB"), ""]

                delegate: Text {
                    required property string modelData
                    required property int index

                    Layout.preferredWidth: table.widths[index]
                    Layout.minimumWidth: table.widths[index]
                    Layout.fillWidth: index === 1
                    elide: Text.ElideRight
                    text: modelData
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                }
            }
        }

        Repeater {
            model: table.compare.items

            delegate: Rectangle {
                id: row

                required property int index
                required property string key
                required property string fileName
                required property bool prepared
                required property string loudness
                required property string gain
                required property string residual
                required property double trim
                required property string offset
                required property string drift
                required property string polarity
                required property string nullDepth
                readonly property bool playing: table.sighted && !table.compare.differenceOn && table.compare.sightedItem === index

                objectName: "compareRow" + index
                Layout.fillWidth: true
                implicitHeight: 34
                radius: Theme.radius
                color: playing ? Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.14) : "transparent"
                border.color: playing ? Theme.accent : "transparent"

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 4
                    anchors.rightMargin: 4
                    spacing: Theme.spacingSmall

                    Item {
                        Layout.preferredWidth: table.widths[0]
                        Layout.minimumWidth: table.widths[0]
                        implicitHeight: 20

                        KeyCap {
                            text: row.key
                            anchors.verticalCenter: parent.verticalCenter
                        }
                    }

                    Text {
                        Layout.fillWidth: true
                        Layout.preferredWidth: table.widths[1]
                        Layout.minimumWidth: table.widths[1]
                        text: row.fileName
                        color: Theme.text
                        font.pixelSize: Theme.fontBody
                        elide: Text.ElideLeft // versions of a mix usually differ at the end of the name
                    }

                    Repeater {
                        model: [row.loudness, row.gain, row.residual, row.offset, row.drift, row.polarity, row.nullDepth]

                        delegate: Text {
                            required property string modelData
                            required property int index

                            Layout.preferredWidth: table.widths[index + 2]
                            Layout.minimumWidth: table.widths[index + 2]
                            text: row.prepared ? modelData : "—"
                            color: Theme.textMuted
                            font.family: Theme.monoFamily
                            font.pixelSize: Theme.fontSmall
                            elide: Text.ElideRight
                        }
                    }

                    // The trim, 0.1 dB steps from −60 to +24 dB (the SpinBox counts tenths).
                    RowLayout {
                        Layout.preferredWidth: table.widths[9]
                        Layout.minimumWidth: table.widths[9]
                        spacing: 2

                        SpinBox {
                            objectName: "compareTrim" + row.index
                            Layout.preferredWidth: 104
                            enabled: row.prepared && table.trimmable
                            from: -600
                            to: 240
                            stepSize: 1
                            editable: true
                            value: Math.round(row.trim * 10)
                            focusPolicy: Qt.ClickFocus
                            textFromValue: (value, locale) => (value > 0 ? "+" : "") + (value / 10).toFixed(1)
                            valueFromText: (text, locale) => Math.round(parseFloat(text) * 10)
                            validator: DoubleValidator { bottom: -60; top: 24; decimals: 1 }
                            // Applied, the field lets the keys go back to the page (1–8, D, Space).
                            onValueModified: {
                                table.compare.setTrim(row.index, value / 10);
                                focus = false;
                            }
                        }

                        ToolButton {
                            objectName: "compareTrimReset" + row.index
                            text: "↺"
                            visible: row.trim !== 0
                            focusPolicy: Qt.NoFocus
                            onClicked: table.compare.setTrim(row.index, 0)
                        }
                    }

                    ToolButton {
                        Layout.preferredWidth: table.widths[10]
                        Layout.minimumWidth: table.widths[10]
                        text: "×"
                        focusPolicy: Qt.NoFocus
                        enabled: !table.preparing && table.compare.phase !== CompareController.Running
                        onClicked: table.compare.removeItem(row.index)
                    }
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: table.preparing
            spacing: Theme.spacing

            ProgressBar {
                objectName: "compareProgress"
                Layout.fillWidth: true
                from: 0
                to: 1
                value: table.compare.progress
            }

            Text {
                objectName: "compareStage"
                text: table.compare.stage
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            AppButton {
                objectName: "compareCancel"
                text: qsTr("Cancel")
                onClicked: table.compare.cancel()
            }
        }
    }
}
