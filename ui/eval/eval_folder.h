// An eval folder as `stts eval` leaves it (engine/eval/README.md): predictions.jsonl (or, before
// `stts merge`, its shard files), the optional metrics.json whose "context" says what was run, and
// with --save-runs a runs/ folder of one run file per answer. Loading reads the predictions only
// through stts::eval, so the window's numbers are the command line's.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <vector>

#include "stts/eval.h"

namespace stts::ui {

struct EvalFolder {
  Q_DECLARE_TR_FUNCTIONS(EvalFolder)

 public:
  QString path;  // absolute
  std::vector<stts::eval::Prediction> predictions;
  std::vector<stts::eval::GroupMetrics> groups;  // stts::eval::aggregate of the predictions
  // The bench's name (metrics.json's "bench_name"), else the folder's name: titles and export
  // file names use it.
  QString benchName;
  // One line saying what was run (bench, samples, model, device, versions), for the window's top.
  QString header;
  // Things worth knowing about what was read: shard files read together, lines cut short by a
  // killed eval, a metrics file that could not be read.
  QStringList notes;
  QString error;  // non-empty: nothing could be loaded; a sentence for the user

  bool ok() const { return error.isEmpty(); }
  // Where `--save-runs` put the run of `prediction` (the file may not exist).
  QString runPath(const stts::eval::Prediction& prediction) const;
  bool hasRunsFolder() const;
};

// Reads the folder; on failure `error` says why (no predictions, a broken line with its number,
// an unreadable file) and nothing else is filled in.
EvalFolder loadEvalFolder(const QString& path);

// The shard files of a sharded eval in `folder` ("predictions-shard-I-of-N.jsonl"), by shard
// number.
QStringList predictionShardFiles(const QString& folder);

// The median time of the "prefill" stage of a group; 0 when the group has no such stage.
double medianPrefillMs(const stts::eval::GroupMetrics& group);

}  // namespace stts::ui
