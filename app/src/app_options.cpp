#include "app/src/app_options.h"

namespace earlab::app {

AppOptions& appOptions()
{
    static AppOptions options;
    return options;
}

} // namespace earlab::app
