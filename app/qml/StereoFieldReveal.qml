import QtQuick
import QtQuick.Layouts
import EarLab

// Where it was and where you put it, on the stereo field.
ColumnLayout {
    spacing: Theme.spacing

    RevealLegend {
        units: qsTr("position, left to right")
    }

    StereoField {
        objectName: "revealField"
        Layout.fillWidth: true
        Layout.fillHeight: true
        truth: App.session.trueCurve.length > 0 ? App.session.trueCurve[0].x : NaN
        answer: App.session.answerCurve.length > 0 ? App.session.answerCurve[0].x : 0
    }
}
