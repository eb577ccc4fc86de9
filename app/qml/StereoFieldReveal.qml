import QtQuick
import QtQuick.Layouts
import EarLab

// Where it was and where you put it, on the stereo field. A discrimination question (is B
// left or right of A) plots A's place first, then B's: the markers show B's, truth and
// answered, and a ring shows A's.
ColumnLayout {
    id: root

    readonly property var truth: App.session.trueCurve
    readonly property var answer: App.session.answerCurve

    objectName: "stereoFieldReveal"
    spacing: Theme.spacing

    RevealLegend {
        units: qsTr("position, left to right")
        showAnswer: root.answer.length > 0
        referenceName: root.truth.length > 1 ? qsTr("A") : ""
    }

    StereoField {
        objectName: "revealField"
        Layout.fillWidth: true
        Layout.fillHeight: true
        truth: root.truth.length > 0 ? root.truth[root.truth.length - 1].x : NaN
        answer: root.answer.length > 0 ? root.answer[root.answer.length - 1].x : NaN
        reference: root.truth.length > 1 ? root.truth[0].x : NaN
    }
}
