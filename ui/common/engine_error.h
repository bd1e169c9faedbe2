// Engine errors in the UI language. The engine's messages are English sentences that name files,
// sizes and tensors; in another language the UI leads with a translated sentence for the kind of
// problem (and what to do about it), then gives the engine's sentence as the detail. In English
// the engine's sentence is shown as it is.
#pragma once

#include <QString>

#include "stts/error.h"

namespace stts::ui {

QString engineErrorText(const stts::Error& error);

// The translated sentence for `code` alone (English when no translation is installed).
QString engineErrorHeadline(stts::ErrorCode code);

}  // namespace stts::ui
