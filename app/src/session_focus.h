#pragma once
// What a workout item (exercises/practice_plan.h, PlanItem) asks of the training session it
// starts, beyond the exercise and the question count: the band to ask more often and the
// material to play. An ordinary session has none of it (SessionFocus{}), and plays what the
// Library and the start options chose. How the focus weighs the bands: band_focus.h;
// docs/practice_plan.md.

#include <QString>

namespace earlab::app {

struct SessionFocus {
    double bandHz = 0; // Setting::focusHz for every question; 0: none
    // attempt_material's "builtin" or "music" (the user's own): instead of the exercise's own
    // choice on its music levels; "noise" or empty: the levels' own material.
    QString material;
    // The genre (genreOf, training_music.h) the music is drawn from; empty: any. When no
    // usable track has it, the session plays its usual music and says so in materialNote.
    QString genre;
};

} // namespace earlab::app
