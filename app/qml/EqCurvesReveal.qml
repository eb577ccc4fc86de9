import QtQuick
import QtQuick.Layouts
import EarLab

// The EQ reveal: the hidden and the answered curve, dB over frequency.
ColumnLayout {
    id: root

    objectName: "eqCurvesReveal"
    spacing: 6

    RevealLegend {
        units: qsTr("dB over frequency (Hz)")
    }

    CurveItem {
        objectName: "curve"
        Layout.fillWidth: true
        Layout.fillHeight: true
        truePoints: App.session.trueCurve
        answerPoints: App.session.answerCurve
        markerHz: App.session.revealMarker
        rangeDb: 15
        trueColor: Theme.hidden
        answerColor: Theme.accent
        gridColor: Theme.border
        labelColor: Theme.textFaint
        backgroundColor: Theme.surface
    }
}
