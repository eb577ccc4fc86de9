#pragma once
// The Compare page's MUSHRA-style rating mode (issue 8 §2; ITU-R BS.1534-3): its settings,
// the stimuli built on a worker thread (the anchors are the reference through a 4097-tap FIR),
// the run page by page (exercises/mushra_run.h) on the engine, and its result: per stimulus
// the mean rating with its 95 % interval, and the post-screening (rating_statistics.h).
// CompareController owns it: it starts it, keeps the phase, and keeps the log and the result
// as for its other modes (a separate file so the MUSHRA run's state stays out of the others').
//
// Nothing gives an item away: during the run QML sees per page only the screen positions
// "1".."n", which of them were played, their ratings, why the page cannot be submitted yet,
// "page k of n" and what the listener chose to hear (a position or the open reference). The
// stimulus behind a position and the variant the engine plays stay here; AudioOutput hides
// its variant meanwhile (CompareController::startRun). test_compare_controller compares every
// property QML can read between runs whose seeds give different orders.

#include "exercises/blind_log.h"
#include "exercises/comparison_items.h"
#include "exercises/mushra_run.h"
#include "exercises/mushra_stimuli.h"

#include <QFutureWatcher>
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace earlab::app {

class AudioOutput;

class CompareMushra : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CompareMushra belongs to CompareController")

    // Settings, fixed while a run is under way.
    Q_PROPERTY(int pages READ pages WRITE setPages NOTIFY settingsChanged) // 1..kMaxMushraPages
    Q_PROPERTY(bool openReference READ openReference WRITE setOpenReference NOTIFY settingsChanged)
    Q_PROPERTY(bool hiddenReference READ hiddenReference WRITE setHiddenReference NOTIFY settingsChanged)
    Q_PROPERTY(bool lowAnchor READ lowAnchor WRITE setLowAnchor NOTIFY settingsChanged)
    Q_PROPERTY(bool midAnchor READ midAnchor WRITE setMidAnchor NOTIFY settingsChanged)
    Q_PROPERTY(bool requireAllPlayed READ requireAllPlayed WRITE setRequireAllPlayed NOTIFY settingsChanged)
    // The run, as the listener may see it.
    Q_PROPERTY(bool building READ building NOTIFY runChanged)    // the stimuli (anchors) are being built
    Q_PROPERTY(int page READ page NOTIFY runChanged)             // 1-based; 0 when no run
    Q_PROPERTY(int plannedPages READ plannedPages NOTIFY runChanged)
    Q_PROPERTY(int positionCount READ positionCount NOTIFY runChanged)
    Q_PROPERTY(QVariantList positions READ positions NOTIFY runChanged) // [{name, played, rating}], rating -1 unrated
    Q_PROPERTY(int listening READ listening NOTIFY runChanged)   // the position playing; -1 none or the reference
    Q_PROPERTY(bool hasReference READ hasReference NOTIFY runChanged)
    Q_PROPERTY(bool referencePlaying READ referencePlaying NOTIFY runChanged)
    Q_PROPERTY(QString notReady READ notReady NOTIFY runChanged) // why the page cannot be submitted; "" when it can
    Q_PROPERTY(QString feedback READ feedback NOTIFY runChanged) // practice: the last page's labels

public:
    // Pages per run: BS.1534-3 asks for enough test items that a listener's run can be
    // post-screened (15 % of them); 3 is a quick first look, 20 what the screening's 15 %
    // resolves in whole pages (3 of 20); beyond that a run outlasts a listener's attention.
    static constexpr int kMaxMushraPages = 20;
    static constexpr int kDefaultMushraPages = 3;

    explicit CompareMushra(AudioOutput* audio, QObject* parent = nullptr);
    ~CompareMushra() override;

    int pages() const { return m_pages; }
    void setPages(int pages);
    bool openReference() const { return m_options.openReference; }
    void setOpenReference(bool on);
    bool hiddenReference() const { return m_options.hiddenReference; }
    void setHiddenReference(bool on);
    bool lowAnchor() const { return m_options.lowAnchor; }
    void setLowAnchor(bool on);
    bool midAnchor() const { return m_options.midAnchor; }
    void setMidAnchor(bool on);
    bool requireAllPlayed() const { return m_requireAllPlayed; }
    void setRequireAllPlayed(bool on);

    bool building() const { return m_building; }
    int page() const;
    int plannedPages() const { return m_run ? m_run->pages() : m_pages; }
    int positionCount() const { return m_run && !m_run->finished() ? m_run->stimuli() : 0; }
    QVariantList positions() const;
    int listening() const { return m_listening; }
    bool hasReference() const { return m_run && m_runOptions.openReference; }
    bool referencePlaying() const { return m_referencePlaying; }
    QString notReady() const;
    QString feedback() const { return m_feedback; }

    Q_INVOKABLE void listen(int position); // 0-based screen position
    Q_INVOKABLE void listenReference();
    Q_INVOKABLE void rate(int position, double rating);
    Q_INVOKABLE void submit();

    // CompareController: starts building the stimuli of `comparison` (settings locked); emits
    // started once the scene is loaded and the first page shows, or failed with the message.
    // Throws nothing; a run that cannot be made (fewer than two stimuli) fails at once.
    // `loop`: the region every stimulus loops (the page's, as for the other modes; empty: all).
    void start(std::shared_ptr<const Comparison> comparison, const BlindSeed& seed, bool practice,
               LoopRegion loop = {});
    void stop(); // abandons the run (or its building): nothing saved
    bool active() const { return m_building || m_run; }
    // After finished: the run's log, and its result for the page (mode "mushra", stimuli
    // [{label, kind, mean, low, high, count, text}], screening figures and verdict).
    BlindLog log(const BlindLogSetup& setup) const;
    QVariantMap result() const;
    void clear(); // the ended run is no longer needed
    // Tests: the run (stimulus order), and the stimuli. Not reachable from QML.
    const MushraRun* run() const { return m_run.get(); }
    const std::vector<MushraStimulus>& stimuli() const { return m_stimuli; }

signals:
    void settingsChanged();
    void runChanged();
    void started();
    void failed(const QString& message);
    void finished(); // the last page was submitted

private:
    struct Built {
        std::vector<MushraStimulus> stimuli;
        QString error;
    };
    void onBuilt();
    void setOption(bool MushraOptions::*option, bool on);

    AudioOutput* m_audio;
    int m_pages = kDefaultMushraPages;
    MushraOptions m_options;
    bool m_requireAllPlayed = true;

    QFutureWatcher<Built> m_build;
    bool m_building = false;
    std::shared_ptr<const Comparison> m_comparison;
    BlindSeed m_seed;
    bool m_practice = false;
    MushraOptions m_runOptions; // the settings the run was started with
    LoopRegion m_loop;
    std::vector<MushraStimulus> m_stimuli;
    std::unique_ptr<MushraRun> m_run;
    bool m_pagePlayed = false; // something was played on this page: later choices crossfade
    int m_listening = -1;
    bool m_referencePlaying = false;
    QString m_feedback;
};

} // namespace earlab::app
