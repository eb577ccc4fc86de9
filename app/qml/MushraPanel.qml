import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// One MUSHRA-style page (ITU-R BS.1534-3): a vertical 0–100 slider per screen position on the
// standard's five bands, a play button per position (1–9, 0; R the open reference) showing
// whether it was played, and Submit (Enter), disabled with the reason until the page is ready.
// Only positions reach QML: what is behind a number stays in C++ (compare_mushra.h).
Card {
    id: panel

    readonly property var compare: App.compare
    readonly property var mushra: compare.mushra
    readonly property int scaleHeight: 260
    readonly property int ratingHeight: 24
    readonly property var bands: [qsTr("Excellent"), qsTr("Good"), qsTr("Fair"), qsTr("Poor"), qsTr("Bad")]

    implicitHeight: content.implicitHeight + 2 * Theme.spacingLarge

    ColumnLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2

                PanelHeading {
                    text: qsTr("MUSHRA ratings") + (panel.compare.runPractice ? qsTr(" · practice") : "")
                }

                Text {
                    objectName: "mushraPageText"
                    text: panel.mushra.building ? qsTr("Building anchors…")
                                                : qsTr("Page %1 of %2").arg(panel.mushra.page).arg(panel.mushra.plannedPages)
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                }
            }

            AppButton {
                objectName: "mushraReference"
                visible: panel.mushra.hasReference && !panel.mushra.building
                text: qsTr("Reference (file 1)")
                keyHint: "R"
                primary: panel.mushra.referencePlaying
                onClicked: panel.mushra.listenReference()
            }

            AppButton {
                objectName: "mushraPlayStop"
                enabled: !panel.mushra.building
                text: App.audio.playing ? qsTr("Stop") : qsTr("Play")
                keyHint: "Space"
                onClicked: App.audio.togglePlay()
            }

            AppButton {
                objectName: "mushraEnd"
                text: qsTr("End run")
                onClicked: panel.compare.stopRun()
            }
        }

        BusyIndicator {
            visible: panel.mushra.building
            running: visible
        }

        Text {
            Layout.fillWidth: true
            visible: !panel.mushra.building
            text: panel.mushra.hasReference
                  ? qsTr("Rate each item against the reference, 0–100. The hidden reference and the anchors are among them; switching keeps the playhead. Each page starts silent.")
                  : qsTr("Rate each item 0–100. Switching keeps the playhead. Each page starts silent.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }

        RowLayout {
            visible: !panel.mushra.building
            spacing: Theme.spacing

            // The bands' scale, level with the sliders' tracks (above each rating's line).
            Column {
                Layout.alignment: Qt.AlignBottom
                Layout.bottomMargin: panel.ratingHeight + Theme.spacingSmall

                Repeater {
                    model: panel.bands

                    delegate: Rectangle {
                        required property string modelData
                        required property int index

                        width: 92
                        height: panel.scaleHeight / 5
                        color: index % 2 ? Theme.surface : Theme.raised
                        border.color: Theme.border

                        Text {
                            anchors.left: parent.left
                            anchors.leftMargin: 6
                            anchors.verticalCenter: parent.verticalCenter
                            text: parent.modelData + "\n" + (100 - 20 * parent.index - 20) + "–" + (100 - 20 * parent.index)
                            color: Theme.textMuted
                            font.pixelSize: Theme.fontSmall
                        }
                    }
                }
            }

            Repeater {
                model: panel.mushra.positionCount

                delegate: ColumnLayout {
                    id: position

                    required property int index
                    readonly property var info: panel.mushra.positions[index] || {"name": "", "played": false, "rating": -1}
                    readonly property bool current: panel.mushra.listening === index

                    spacing: Theme.spacingSmall

                    Rectangle {
                        objectName: "mushraPlay" + position.index
                        Layout.alignment: Qt.AlignHCenter
                        implicitWidth: 64
                        implicitHeight: 56
                        radius: Theme.radiusLarge
                        color: position.current ? Theme.accent : (playMouse.containsMouse ? Theme.hover : Theme.raised)
                        border.color: position.current ? Theme.accentStrong : Theme.borderStrong

                        Text {
                            anchors.centerIn: parent
                            anchors.verticalCenterOffset: -6
                            text: position.info.name
                            color: position.current ? Theme.textOnAccent : Theme.text
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.DemiBold
                        }

                        Text {
                            objectName: "mushraPlayed" + position.index
                            anchors.horizontalCenter: parent.horizontalCenter
                            anchors.bottom: parent.bottom
                            anchors.bottomMargin: 4
                            text: position.info.played ? qsTr("played") : qsTr("not played")
                            color: position.current ? Theme.textOnAccent : (position.info.played ? Theme.success : Theme.textFaint)
                            font.pixelSize: 10
                        }

                        MouseArea {
                            id: playMouse

                            anchors.fill: parent
                            hoverEnabled: true
                            onClicked: panel.mushra.listen(position.index)
                        }
                    }

                    Slider {
                        id: slider

                        objectName: "mushraSlider" + position.index
                        Layout.alignment: Qt.AlignHCenter
                        implicitWidth: 64
                        implicitHeight: panel.scaleHeight
                        padding: 0
                        orientation: Qt.Vertical
                        from: 0
                        to: 100
                        stepSize: 1
                        value: Math.max(0, position.info.rating)
                        focusPolicy: Qt.NoFocus
                        onMoved: panel.mushra.rate(position.index, value)

                        background: Rectangle {
                            x: (slider.width - width) / 2
                            width: 8
                            height: slider.height
                            radius: 4
                            color: Theme.background
                            border.color: Theme.border

                            Rectangle {
                                anchors.bottom: parent.bottom
                                width: parent.width
                                height: (1 - slider.visualPosition) * parent.height
                                radius: 4
                                color: position.info.rating < 0 ? "transparent" : Theme.accentStrong
                            }
                        }

                        handle: Rectangle {
                            x: (slider.width - width) / 2
                            y: slider.visualPosition * (slider.height - height)
                            width: 40
                            height: 14
                            radius: 4
                            visible: position.info.rating >= 0
                            color: slider.pressed ? Theme.accentStrong : Theme.accent
                        }
                    }

                    Text {
                        objectName: "mushraRating" + position.index
                        Layout.alignment: Qt.AlignHCenter
                        Layout.preferredHeight: panel.ratingHeight
                        verticalAlignment: Text.AlignVCenter
                        text: position.info.rating < 0 ? "—" : String(position.info.rating)
                        color: Theme.text
                        font.pixelSize: Theme.fontLarge
                    }
                }
            }
        }

        RowLayout {
            visible: !panel.mushra.building
            spacing: Theme.spacing

            AppButton {
                objectName: "mushraSubmit"
                primary: true
                enabled: panel.mushra.notReady === ""
                text: panel.mushra.page === panel.mushra.plannedPages ? qsTr("Submit and finish") : qsTr("Submit page")
                keyHint: "Enter"
                onClicked: panel.mushra.submit()
            }

            Text {
                objectName: "mushraNotReady"
                text: panel.mushra.notReady
                color: Theme.warning
                font.pixelSize: Theme.fontBody
            }
        }

        Text {
            objectName: "mushraFeedback"
            Layout.fillWidth: true
            visible: panel.compare.runPractice && text !== ""
            text: panel.mushra.feedback
            color: Theme.flat
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
    }
}
