import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// A library track heard from start to finish (App.listening): its waveform with the
// markers drawn in their category's colour, a transport, and the markers listed beside it.
// The seed's method: listen through, press M where something could change, say what, then
// loop each marked section (L) and listen again with that in mind.
// An Item, not a FocusScope: forceActiveFocus() on it must take the keys back from the
// editor or the genre field, not hand them to whichever of them had focus last.
Item {
    id: view

    property var selectedId: 0
    property int selectedRow: -1

    function select(row) {
        const m = App.listening.markers.get(row);
        selectedRow = m.markerId === undefined ? -1 : row;
        selectedId = m.markerId === undefined ? 0 : m.markerId;
    }

    function choose(row) {
        select(row);
        if (selectedRow >= 0)
            App.listening.seek(App.listening.markers.get(row).position);
        view.forceActiveFocus();
    }

    function dropMarker() {
        editor.openNew(App.listening.playhead);
    }

    function editSelected() {
        if (selectedRow >= 0)
            editor.openEdit(App.listening.markers.get(selectedRow));
    }

    function loopSelected() {
        if (App.listening.sectionLooping && (selectedRow < 0 || App.listening.loopMarkerId === selectedId))
            App.listening.stopLoop();
        else if (selectedRow >= 0)
            App.listening.loopMarker(selectedId);
    }

    objectName: "listeningView"
    onVisibleChanged: {
        if (visible)
            forceActiveFocus();
    }
    Keys.onPressed: event => {
        const ctrl = event.modifiers & Qt.ControlModifier;
        switch (event.key) {
        case Qt.Key_Space:
            App.listening.togglePlay();
            break;
        case Qt.Key_Left:
            App.listening.nudge(-5);
            break;
        case Qt.Key_Right:
            App.listening.nudge(5);
            break;
        case Qt.Key_M:
            view.dropMarker();
            break;
        case Qt.Key_L:
            view.loopSelected();
            break;
        case Qt.Key_Delete:
        case Qt.Key_Backspace:
            if (view.selectedRow >= 0)
                App.listening.removeMarker(view.selectedId);
            break;
        case Qt.Key_Z:
            if (!ctrl)
                return;
            App.listening.undoRemove();
            break;
        case Qt.Key_Up:
            view.choose(Math.max(0, view.selectedRow - 1));
            break;
        case Qt.Key_Down:
            view.choose(Math.min(App.listening.markers.count - 1, view.selectedRow + 1));
            break;
        case Qt.Key_Return:
        case Qt.Key_Enter:
            view.editSelected();
            break;
        case Qt.Key_Escape:
            if (App.listening.sectionLooping)
                App.listening.stopLoop();
            else
                App.listening.close();
            break;
        default:
            return;
        }
        event.accepted = true;
    }

    Connections {
        function onModelReset() {
            view.selectedRow = App.listening.markers.rowOf(view.selectedId);
            if (view.selectedRow < 0)
                view.selectedId = 0;
        }

        target: App.listening.markers
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.background
    }

    // Clicks on the background give the keys back to the view (from the genre field).
    MouseArea {
        anchors.fill: parent
        onClicked: view.forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing

            AppButton {
                objectName: "closeListening"
                text: qsTr("← Library")
                keyHint: "Esc"
                onClicked: App.listening.close()
            }

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2

                Text {
                    objectName: "listeningTitle"
                    Layout.fillWidth: true
                    text: App.listening.title
                    color: Theme.text
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    elide: Text.ElideMiddle
                }

                Text {
                    Layout.fillWidth: true
                    text: qsTr("Listen start to finish · press M where something could change · then loop each section and listen again")
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSmall
                    elide: Text.ElideRight
                }
            }

            Text {
                text: qsTr("Genre")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }

            TextField {
                id: genreField

                objectName: "genreField"
                implicitWidth: 150
                text: App.listening.genre
                placeholderText: qsTr("Unknown")
                font.pixelSize: Theme.fontBody
                color: Theme.text
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: genreField.activeFocus ? Theme.accent : Theme.borderStrong
                }
                onEditingFinished: App.listening.setGenre(text)
                Keys.onReturnPressed: {
                    App.listening.setGenre(text);
                    view.forceActiveFocus();
                }
                Keys.onEscapePressed: {
                    text = App.listening.genre;
                    view.forceActiveFocus();
                }
            }

        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacingLarge

            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: Theme.spacing

                Card {
                    Layout.fillWidth: true
                    implicitHeight: 300

                    Item {
                        id: wave

                        anchors.fill: parent
                        anchors.margins: Theme.spacing

                        LoopOverviewItem {
                            id: picture

                            objectName: "listeningPicture"
                            anchors.fill: parent
                            enabled: false // seeking is the overlay's; the region shows what plays
                            overview: App.listening.overview
                            duration: App.listening.duration
                            pinned: App.listening.sectionLooping
                            pinnedColor: Theme.hidden
                            densestColor: Theme.accent
                            waveColor: Theme.textFaint
                            gridColor: Theme.border
                            labelColor: Theme.textMuted
                            backgroundColor: Theme.background
                            playhead: App.listening.playhead
                            emptyText: qsTr("No waveform yet: rescan the file to draw it.")
                            Component.onCompleted: setRegion(App.listening.loopStart, App.listening.loopEnd - App.listening.loopStart)

                            Connections {
                                function onLoopChanged() {
                                    picture.setRegion(App.listening.loopStart, App.listening.loopEnd - App.listening.loopStart);
                                }

                                target: App.listening
                            }
                        }

                        MouseArea {
                            id: seekArea

                            objectName: "seekArea"
                            anchors.fill: picture
                            cursorShape: Qt.PointingHandCursor
                            onClicked: mouse => {
                                App.listening.seek(picture.secondsAt(mouse.x));
                                view.forceActiveFocus();
                            }
                        }

                        Repeater {
                            objectName: "markerFlags"
                            model: App.listening.markers

                            Item {
                                id: flag

                                required property int index
                                required property real position
                                required property string category
                                required property string timeText

                                objectName: "markerFlag_" + index
                                // Width and height named: the mapping is a call, which a binding does not follow.
                                x: picture.width > 0 ? picture.xAt(position) - width / 2 : 0
                                y: picture.height > 0 ? picture.plotArea().y - 2 : 0
                                width: 14
                                height: picture.height > 0 ? picture.plotArea().height + 2 : 0

                                Rectangle {
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    width: view.selectedRow === flag.index ? 3 : 2
                                    height: parent.height
                                    color: Theme.markerColor(flag.category)
                                }

                                Rectangle {
                                    anchors.horizontalCenter: parent.horizontalCenter
                                    width: 14
                                    height: 14
                                    radius: 7
                                    color: Theme.markerColor(flag.category)
                                    border.color: Theme.text
                                    border.width: view.selectedRow === flag.index ? 2 : 0

                                    Text {
                                        anchors.centerIn: parent
                                        text: String(flag.index + 1)
                                        color: Theme.textOnAccent
                                        font.pixelSize: 9
                                        font.weight: Font.Bold
                                    }
                                }

                                MouseArea {
                                    anchors.fill: parent
                                    cursorShape: Qt.PointingHandCursor
                                    onClicked: view.choose(flag.index)
                                }
                            }
                        }
                    }
                }

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing

                    AppButton {
                        objectName: "listeningPlay"
                        primary: true
                        enabled: App.listening.ready
                        text: App.listening.playing ? qsTr("Pause") : qsTr("Play")
                        keyHint: "Space"
                        onClicked: App.listening.togglePlay()
                    }

                    // ← → (the keys are listed below: the row must fit beside the markers).
                    AppButton {
                        text: qsTr("−5 s")
                        onClicked: App.listening.nudge(-5)
                    }

                    AppButton {
                        text: qsTr("+5 s")
                        onClicked: App.listening.nudge(5)
                    }

                    BusyIndicator {
                        visible: App.listening.loading
                        running: visible
                        implicitWidth: 24
                        implicitHeight: 24
                    }

                    Item {
                        Layout.fillWidth: true
                    }

                    AppButton {
                        objectName: "addMarker"
                        text: qsTr("Add marker")
                        keyHint: "M"
                        onClicked: view.dropMarker()
                    }
                }

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing

                    // Below the buttons, not beside them: the transport fits 460 px (1024x640).
                    Text {
                        objectName: "playheadText"
                        text: App.listening.timeText(App.listening.playhead) + " / " + App.listening.timeText(App.listening.duration)
                        color: Theme.text
                        font.family: Theme.monoFamily
                        font.pixelSize: Theme.fontBody
                    }

                    Text {
                        objectName: "loopText"
                        Layout.fillWidth: true
                        text: App.listening.sectionLooping
                              ? qsTr("Looping %1 – %2: listen again with the note in mind.").arg(App.listening.timeText(App.listening.loopStart)).arg(App.listening.timeText(App.listening.loopEnd))
                              : qsTr("Playing the whole track once through. Select a marker and press L to loop its section.")
                        color: App.listening.sectionLooping ? Theme.text : Theme.textFaint
                        font.pixelSize: Theme.fontSmall
                        wrapMode: Text.Wrap
                    }

                    AppButton {
                        objectName: "stopLoop"
                        visible: App.listening.sectionLooping
                        text: qsTr("Whole track")
                        keyHint: "Esc"
                        onClicked: App.listening.stopLoop()
                    }
                }

                Text {
                    objectName: "listeningMessage"
                    Layout.fillWidth: true
                    visible: App.listening.message !== ""
                    text: App.listening.message
                    color: App.listening.messageIsError ? Theme.danger : Theme.success
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                }

                Text {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    verticalAlignment: Text.AlignBottom
                    text: qsTr("Keys: Space play/pause · ← → 5 s · click the waveform to seek · M marker · ↑ ↓ select · Enter edit · L loop section · Delete delete · Ctrl+Z undo · Esc back")
                    color: Theme.textFaint
                    font.pixelSize: Theme.fontSmall
                    wrapMode: Text.Wrap
                }
            }

            ColumnLayout {
                // The list keeps room for a note and its buttons; the waveform takes the rest
                // (at the smallest window, 1024x640, the list gets 300 and the waveform 460).
                Layout.minimumWidth: 300
                Layout.preferredWidth: Math.max(300, Math.min(440, view.width * 0.36))
                Layout.maximumWidth: 440
                Layout.fillHeight: true
                spacing: Theme.spacingSmall

                RowLayout {
                    Layout.fillWidth: true

                    Text {
                        Layout.fillWidth: true
                        text: qsTr("MARKERS · %1").arg(App.listening.markers.count)
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        font.letterSpacing: 1
                    }

                    AppButton {
                        objectName: "undoRemove"
                        visible: App.listening.canUndoRemove
                        implicitHeight: 28
                        text: qsTr("Undo: %1").arg(App.listening.undoText)
                        keyHint: "Ctrl+Z"
                        onClicked: App.listening.undoRemove()
                    }
                }

                ListView {
                    id: markerList

                    objectName: "markerList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 6
                    model: App.listening.markers
                    boundsBehavior: Flickable.StopAtBounds
                    delegate: MarkerRow {
                        width: markerList.width
                        current: view.selectedRow === index
                        onChosen: view.choose(index)
                        onEditRequested: {
                            view.select(index);
                            view.editSelected();
                        }
                    }

                    Text {
                        anchors.centerIn: parent
                        width: parent.width - 40
                        visible: markerList.count === 0
                        horizontalAlignment: Text.AlignHCenter
                        text: qsTr("No markers yet. Press M while it plays where the mix could change: balance, tone/EQ, dynamics, space/reverb or other.")
                        color: Theme.textFaint
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                    }
                }

                // The exports belong to the list they write, and the header stays narrow.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingSmall

                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Export")
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontSmall
                    }

                    AppButton {
                        objectName: "markersExportText"
                        enabled: markerList.count > 0
                        text: qsTr("Text…")
                        onClicked: App.listening.exportWithDialog("text")
                    }

                    AppButton {
                        objectName: "markersExportCsv"
                        enabled: markerList.count > 0
                        text: qsTr("DAW CSV…")
                        onClicked: App.listening.exportWithDialog("csv")
                    }
                }
            }
        }
    }

    MarkerEditor {
        id: editor

        anchors.centerIn: parent
        width: Math.min(560, parent.width - 80)
        onFinished: view.forceActiveFocus()
    }
}
