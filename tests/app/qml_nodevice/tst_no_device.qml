import QtQuick
import QtTest
import EarLab

// Runs with an ALSA configuration whose only device cannot be opened.
Item {
    id: root

    width: 1280
    height: 800

    AppShell {
        id: shell

        anchors.fill: parent
    }

    TestCase {
        function test_bannerAndTheAppStillWorks() {
            verify(!App.audio.available);
            const banner = findChild(shell, "noDeviceBanner");
            verify(banner !== null);
            verify(banner.visible);
            verify(banner.height > 0);
            verify(App.audio.statusMessage.length > 0);

            // Retry keeps the banner (still no device) and never crashes.
            mouseClick(findChild(banner, "bannerPrimary"));
            verify(!App.audio.available);
            verify(banner.visible);

            // A question still works without sound: answer it with the keyboard.
            App.startExercise("eq-band");
            tryCompare(App.session, "phase", Session.Question, 30000);
            const before = App.attemptCount("eq-band");
            keyClick(Qt.Key_1);
            keyClick(Qt.Key_Return);
            tryCompare(App.session, "phase", Session.Revealed, 10000); // once the writer thread has committed it
            compare(App.attemptCount("eq-band"), before + 1);

            // "Choose device…" leads to Settings.
            mouseClick(findChild(banner, "bannerSecondary"));
            compare(App.page, App.SettingsPage);
            verify(findChild(shell, "settingsPage").visible);
        }

        name: "NoDevice"
        when: windowShown
    }
}
