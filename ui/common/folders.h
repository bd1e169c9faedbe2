// Where file dialogs start and where exports go, remembered across restarts (QSettings). Datasets
// are often read-only and a home folder is rarely where a user keeps things, so: exports go to one
// export folder (the last one chosen; at first Pictures/STTS Lens), and every other dialog starts
// in the folder last used for its kind of file.
#pragma once

#include <QString>

namespace stts::ui {

enum class FolderKind {
  Videos,       // File ▸ Open Video
  Runs,         // Open Run, Save Run, the comparison's Add Runs
  Exports,      // S, the export dialog, chart and comparison exports
  Models,       // model folders (Ask panel, Fit Scorer)
  Evaluations,  // Tools ▸ Evaluation: the folders `stts eval -o` wrote
};

// The folder a dialog for `kind` starts in: the last one used for it while it still exists; for
// runs at first the videos' folder; for exports exportFolder(); else the home folder.
QString startFolder(FolderKind kind);

// Remembers where the user just was: `path` is a file (its folder is kept) or a folder; an empty
// one forgets, so the default applies again.
void rememberFolder(FolderKind kind, const QString& path);

// Where exports are written without asking: the remembered export folder while it is writable,
// else Pictures/STTS Lens (created when missing), else home. Never the video's folder.
QString exportFolder();

// The folder exports go to when nothing was chosen yet: Pictures/STTS Lens.
QString defaultExportFolder();

// The model folder last chosen, for the next start; empty when none (or it is gone).
QString lastModelFolder();
void setLastModelFolder(const QString& folder);

}  // namespace stts::ui
