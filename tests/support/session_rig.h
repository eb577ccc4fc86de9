#pragma once
// EarLab's training session with what it runs on, for the app tests: the standard catalogue,
// an on-disk progress store in `folder` and its writer thread, the settings file there, the
// real audio output (the tests' ALSA capture config) and a Session playing pink noise unless
// told otherwise. A restart is a new rig on the same folder.

#include "app/src/audio_output.h"
#include "app/src/database_writer.h"
#include "app/src/preferences.h"
#include "app/src/session.h"

#include "exercises/exercise_catalogue.h"
#include "exercises/progress_store.h"

#include <memory>

namespace earlab::test {

struct SessionRig {
    ExerciseCatalogue catalogue = ExerciseCatalogue::standard();
    std::unique_ptr<ProgressStore> store = std::make_unique<ProgressStore>();
    std::unique_ptr<app::DatabaseWriter> writer = std::make_unique<app::DatabaseWriter>();
    std::unique_ptr<app::Preferences> preferences;
    std::unique_ptr<app::AudioOutput> audio;
    std::unique_ptr<app::Session> session;

    explicit SessionRig(const QString& folder)
    {
        store->open(folder + "/progress.sqlite");
        writer->open(store->path());
        preferences = std::make_unique<app::Preferences>(folder + "/settings.ini");
        audio = std::make_unique<app::AudioOutput>(preferences.get());
        audio->retry();
        session = std::make_unique<app::Session>(&catalogue, store.get(), writer.get(), audio.get(), preferences.get(),
                                                 [] { return MaterialRef::pinkNoise(); });
    }
    // The session first: it waits for its work, which uses the writer.
    ~SessionRig()
    {
        session.reset();
        writer.reset();
    }
};

} // namespace earlab::test
