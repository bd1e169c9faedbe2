// Telling a Molmo2 model folder from any other folder without loading it: config.json is read and
// checked with the engine's torch-free config parser, so a dropped or typed folder is judged the
// same way the model loader will judge it.
#pragma once

#include <QString>

namespace stts::ui {

// Empty when `dir` holds a config.json the engine accepts; otherwise one sentence saying why not.
QString modelFolderProblem(const QString& dir);

// A test or demo model (an LLM far narrower than any real Molmo2), whose answers are noise.
bool isDemoModelFolder(const QString& dir);

}  // namespace stts::ui
