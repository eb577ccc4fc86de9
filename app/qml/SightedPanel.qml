import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EarLab

// Sighted listening (issue 8): every item by its number on one playhead, the difference
// (item N − item 1 as played, key D) with its null depth, and the loop region every item
// plays, dragged on item 1's waveform (the Library's LoopOverviewItem).
ColumnLayout {
    id: sighted

    readonly property var compare: App.compare
    readonly property var fileNames: compare.fileNames.map((name, i) => (i + 1) + " — " + name)

    spacing: Theme.spacing

    Text {
        Layout.fillWidth: true
        text: qsTr("Sighted: press 1–%1 to switch on the same playhead, D for the difference; Space plays or stops, L loops the region.").arg(sighted.compare.items.count)
        color: Theme.textMuted
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
    }

    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacingSmall

        AppButton {
            objectName: "comparePlay"
            text: App.audio.playing ? qsTr("Stop") : qsTr("Play")
            keyHint: "Space"
            onClicked: App.audio.togglePlay()
        }

        Repeater {
            model: sighted.fileNames

            delegate: AppButton {
                required property string modelData
                required property int index

                objectName: "compareSighted" + index
                text: modelData.substring(modelData.indexOf(" — ") + 3)
                keyHint: String(index + 1)
                primary: !sighted.compare.differenceOn && sighted.compare.sightedItem === index
                onClicked: sighted.compare.pressNumber(index + 1)
            }
        }

        AppButton {
            objectName: "compareDifference"
            text: qsTr("Difference")
            keyHint: "D"
            primary: sighted.compare.differenceOn
            onClicked: sighted.compare.pressDifference()
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingSmall

        Text {
            text: qsTr("Difference of")
            color: Theme.textMuted
            font.pixelSize: Theme.fontBody
        }

        ComboBox {
            objectName: "compareDifferenceItem"
            Layout.preferredWidth: 280
            // Item 1 is the reference: the choice is among items 2..N.
            model: sighted.fileNames.slice(1)
            currentIndex: sighted.compare.differenceItem - 1
            focusPolicy: Qt.NoFocus
            enabled: sighted.compare.items.count > 2
            onActivated: index => sighted.compare.differenceItem = index + 1
        }

        Text {
            objectName: "compareDifferenceNull"
            Layout.fillWidth: true
            text: sighted.compare.differenceNullText
            color: Theme.text
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }

    LoopOverviewItem {
        id: picture

        objectName: "compareLoopPicture"
        Layout.fillWidth: true
        Layout.preferredHeight: 110
        overview: sighted.compare.referenceOverview
        duration: sighted.compare.referenceSeconds
        pinned: sighted.compare.loopLengthSeconds > 0
        densestColor: Theme.textFaint
        pinnedColor: Theme.accent
        waveColor: Theme.textFaint
        gridColor: Theme.borderStrong
        labelColor: Theme.textMuted
        backgroundColor: Theme.rail
        focusColor: Theme.accent
        emptyText: qsTr("Item 1's waveform appears once the files are prepared.")
        playhead: App.audio.playing ? App.audio.position * (sighted.compare.loopLengthSeconds > 0 && App.audio.looping
                                                            ? sighted.compare.loopLengthSeconds : duration)
                                      + (sighted.compare.loopLengthSeconds > 0 && App.audio.looping
                                         ? sighted.compare.loopStartSeconds : 0) : -1
        // The region the controller keeps (it outlives this view); a drag writes it back.
        Component.onCompleted: sync()
        function sync() {
            if (sighted.compare.loopLengthSeconds > 0)
                setRegion(sighted.compare.loopStartSeconds, sighted.compare.loopLengthSeconds);
            else
                setRegion(0, maxLength);
        }
        onDurationChanged: sync()
        // A region set elsewhere (a new preparation, the screenshot runner) is drawn too.
        Connections {
            target: sighted.compare
            function onSightedToolsChanged() { picture.sync(); }
        }
        onRegionChanged: {
            if (Math.abs(regionStart - sighted.compare.loopStartSeconds) > 1e-6
                || Math.abs(regionLength - sighted.compare.loopLengthSeconds) > 1e-6)
                sighted.compare.setLoopRegion(regionStart, regionLength);
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacingSmall

        Text {
            text: qsTr("Loop length")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSmall
        }

        SpinBox {
            objectName: "compareLoopLength"
            from: Math.floor(picture.minLength)
            to: Math.ceil(picture.maxLength)
            value: Math.round(picture.regionLength)
            editable: true
            focusPolicy: Qt.ClickFocus
            textFromValue: value => qsTr("%1 s").arg(value)
            valueFromText: text => parseInt(text)
            onValueModified: picture.regionLength = value
        }

        Text {
            Layout.fillWidth: true
            text: sighted.compare.loopLengthSeconds > 0
                  ? qsTr("Loop %1–%2 s of item 1, for every item (blind runs too); drag or click the waveform to move it.")
                    .arg(sighted.compare.loopStartSeconds.toFixed(1))
                    .arg((sighted.compare.loopStartSeconds + sighted.compare.loopLengthSeconds).toFixed(1))
                  : qsTr("The whole of item 1 loops; a shorter length, then a drag or click on the waveform, picks a region for every item.")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }
}
