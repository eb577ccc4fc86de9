import QtQuick
import QtQuick.Layouts
import EarLab

// The compressor's gain reduction over the loop (dB over seconds): the hidden setting's and,
// when the answer names a setting, yours.
ColumnLayout {
    id: root

    readonly property var truth: App.session.trueCurve
    readonly property var answer: App.session.answerCurve

    objectName: "gainReductionReveal"
    spacing: Theme.spacing

    RevealLegend {
        units: qsTr("gain reduction, dB over time (s)")
        showAnswer: root.answer.length > 0
    }

    Canvas {
        id: canvas

        objectName: "gainReductionPlot"
        Layout.fillWidth: true
        Layout.fillHeight: true

        property real maxDb: {
            let m = 3;
            for (let i = 0; i < root.truth.length; ++i)
                m = Math.max(m, root.truth[i].y);
            for (let j = 0; j < root.answer.length; ++j)
                m = Math.max(m, root.answer[j].y);
            return Math.ceil(m / 3) * 3;
        }
        property real seconds: root.truth.length > 0 ? root.truth[root.truth.length - 1].x : 1

        onPaint: {
            const ctx = getContext("2d");
            ctx.reset();
            ctx.fillStyle = Theme.surface;
            ctx.fillRect(0, 0, width, height);
            ctx.strokeStyle = Theme.border;
            ctx.fillStyle = Theme.textFaint;
            ctx.font = "11px sans-serif";
            for (let db = 0; db <= maxDb; db += 3) {
                const y = 8 + db / maxDb * (height - 28);
                ctx.beginPath();
                ctx.moveTo(36, y);
                ctx.lineTo(width, y);
                ctx.stroke();
                ctx.fillText(db === 0 ? "0" : "−" + db, 4, y + 4);
            }
            const line = (points, colour) => {
                if (points.length < 2)
                    return;
                ctx.strokeStyle = colour;
                ctx.lineWidth = 2;
                ctx.beginPath();
                for (let i = 0; i < points.length; ++i) {
                    const x = 36 + points[i].x / seconds * (width - 40);
                    const y = 8 + points[i].y / maxDb * (height - 28);
                    if (i === 0)
                        ctx.moveTo(x, y);
                    else
                        ctx.lineTo(x, y);
                }
                ctx.stroke();
            };
            line(root.truth, Theme.hidden);
            line(root.answer, Theme.accent);
            ctx.fillStyle = Theme.textFaint;
            ctx.fillText("0 s", 36, height - 4);
            ctx.fillText(seconds.toFixed(0) + " s", width - 30, height - 4);
        }

        Connections {
            target: App.session

            function onRevealChanged() {
                canvas.requestPaint();
            }
        }
    }
}
