#pragma once
// The app's name for what a question plays: exercises/material_ref.h.

#include "exercises/material_ref.h"

namespace earlab::app {
using earlab::MaterialRef;
}
