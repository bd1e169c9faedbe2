// Tools ▸ Evaluation: one eval folder (`stts eval -o`) in a window of its own. At the top what was
// run, then the two plots (accuracy and prefill time against vision tokens, each exportable as
// PNG or SVG), and under them the Summary (one row per method × frames × keep) and Samples (one
// row per answer) tables, sortable by any column; activating a Summary row lists its answers.
// Activating a sample (double-click or Enter)
// asks the main window to open its run when `--save-runs` kept it; otherwise a sentence says why
// there is none.
#pragma once

#include <QModelIndex>
#include <QWidget>

#include "charts/stage_chart_file.h"
#include "eval/eval_charts.h"
#include "eval/eval_folder.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;

namespace stts::ui {

class EvalSamplesFilter;
class EvalSamplesModel;
class EvalSummaryModel;

class EvalWindow : public QWidget {
  Q_OBJECT

 public:
  // `folder` must have loaded (folder.ok()).
  explicit EvalWindow(EvalFolder folder, QWidget* parent = nullptr);
  ~EvalWindow() override;

  const EvalFolder& folder() const { return folder_; }

  // Writes a chart as its Export… button does once its dialogs are answered: empty on success,
  // else a sentence (also shown in the status line).
  QString exportChart(EvalChartKind kind, const QString& path, const StageChartPicture& picture);
  // "<bench>_accuracy_vs_tokens" / "<bench>_prefill_vs_tokens", without a suffix.
  QString suggestedChartName(EvalChartKind kind) const;
  // Asks for the run of the sample at `index` (of the samples table) or says why there is none.
  void openSample(const QModelIndex& index);

  // The parts, for tests.
  EvalChartView* chartView(EvalChartKind kind) const;
  QPushButton* exportButton(EvalChartKind kind) const;
  QTabWidget* tabs() const { return tabs_; }
  QTableView* summaryTable() const { return summaryTable_; }
  QTableView* samplesTable() const { return samplesTable_; }
  QSortFilterProxyModel* summaryProxy() const { return summaryProxy_; }
  QSortFilterProxyModel* samplesProxy() const;
  // Shows the Samples tab with only the answers of the group at `summaryIndex` (of the summary
  // table), as activating that row does; an invalid index shows every answer again.
  void showSamplesOf(const QModelIndex& summaryIndex);
  QPushButton* groupButton() const { return groupButton_; }
  QLineEdit* samplesFilter() const { return samplesFilter_; }
  QLabel* headerLabel() const { return header_; }
  QLabel* statusLabel() const { return status_; }
  QLabel* hoverLabel() const { return hover_; }

  // Where a new window goes at first: as large as fits (up to 1400 × 900) in the middle of
  // `available`.
  static QRect initialGeometry(const QRect& available);

 signals:
  // The user asked to see this saved run in the main window.
  void runRequested(const QString& path);

 protected:
  void changeEvent(QEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildLayout();
  QWidget* buildSamplesTab();
  void setCharts();
  void exportWithDialog(EvalChartKind kind);
  void retranslate();
  void placeOnScreen();
  void showStatus(const QString& text);
  QString hoverHint() const;
  void updateGroupButton();

  EvalFolder folder_;
  QLabel* header_ = nullptr;
  QLabel* notes_ = nullptr;
  EvalChartView* accuracyView_ = nullptr;
  EvalChartView* prefillView_ = nullptr;
  QPushButton* accuracyExport_ = nullptr;
  QPushButton* prefillExport_ = nullptr;
  QLabel* hover_ = nullptr;
  QSplitter* splitter_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  EvalSummaryModel* summaryModel_ = nullptr;
  EvalSamplesModel* samplesModel_ = nullptr;
  QSortFilterProxyModel* summaryProxy_ = nullptr;
  EvalSamplesFilter* samplesProxy_ = nullptr;
  QPushButton* groupButton_ = nullptr;
  QTableView* summaryTable_ = nullptr;
  QTableView* samplesTable_ = nullptr;
  QLineEdit* samplesFilter_ = nullptr;
  QLabel* samplesFilterLabel_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace stts::ui
