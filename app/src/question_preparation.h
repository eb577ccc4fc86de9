#pragma once
// The app's names for the loop a question plays and its loudness matching:
// exercises/question_material.h (shared with earlab-cli question).

#include "app/src/material.h"
#include "exercises/question_material.h"

namespace earlab::app {
using earlab::kLoopSeconds;
using earlab::factsOf;
using earlab::matchAnswer;
using earlab::MatchedAnswer;
using earlab::matchedTreatment;
using earlab::matchVariants;
using earlab::PreparedLoop;
using earlab::prepareLoop;
}
