#include "export/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include "export/export_controller.h"

namespace stts::ui {

namespace {

constexpr ExportKind kKinds[] = {ExportKind::Frame, ExportKind::ContactSheet, ExportKind::CellsCsv,
                                 ExportKind::RunJson};

}  // namespace

ExportDialog::ExportDialog(ExportController& controller, QWidget* parent)
    : QDialog(parent), controller_(controller) {
  setObjectName(QStringLiteral("exportDialog"));
  kindCombo_ = new QComboBox(this);
  kindCombo_->setObjectName(QStringLiteral("exportKind"));
  for (ExportKind kind : kKinds) kindCombo_->addItem(QString(), int(kind));
  pathEdit_ = new QLineEdit(this);
  pathEdit_->setObjectName(QStringLiteral("exportPath"));
  pathEdit_->setMinimumWidth(420);
  browseButton_ = new QPushButton(this);
  overlayCheck_ = new QCheckBox(this);
  legendCheck_ = new QCheckBox(this);
  captionCheck_ = new QCheckBox(this);
  clipboardCheck_ = new QCheckBox(this);
  whatLabel_ = new QLabel(this);
  whereLabel_ = new QLabel(this);
  sizeLabel_ = new QLabel(this);
  sizeLabel_->setObjectName(QStringLiteral("exportSize"));
  noteLabel_ = new QLabel(this);
  noteLabel_->setObjectName(QStringLiteral("exportNote"));
  noteLabel_->setWordWrap(true);
  progress_ = new QProgressBar(this);
  progress_->hide();

  auto* buttons = new QDialogButtonBox(this);
  exportButton_ = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
  exportButton_->setDefault(true);
  closeButton_ = buttons->addButton(QString(), QDialogButtonBox::RejectRole);

  auto* where = new QHBoxLayout;
  where->addWidget(pathEdit_, 1);
  where->addWidget(browseButton_);
  auto* form = new QFormLayout;
  form->addRow(whatLabel_, kindCombo_);
  form->addRow(whereLabel_, where);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  for (QWidget* widget : {static_cast<QWidget*>(overlayCheck_), static_cast<QWidget*>(legendCheck_),
                          static_cast<QWidget*>(captionCheck_),
                          static_cast<QWidget*>(clipboardCheck_), static_cast<QWidget*>(sizeLabel_),
                          static_cast<QWidget*>(noteLabel_), static_cast<QWidget*>(progress_)}) {
    layout->addWidget(widget);
  }
  layout->addWidget(buttons);

  connect(kindCombo_, &QComboBox::currentIndexChanged, this, [this] {
    updateDefaultPath();
    updateSize();
  });
  for (QCheckBox* box : {overlayCheck_, legendCheck_, captionCheck_}) {
    connect(box, &QCheckBox::toggled, this, &ExportDialog::updateSize);
  }
  connect(browseButton_, &QPushButton::clicked, this, &ExportDialog::browse);
  connect(exportButton_, &QPushButton::clicked, this, &ExportDialog::startExport);
  connect(closeButton_, &QPushButton::clicked, this, &ExportDialog::reject);
  connect(&controller_, &ExportController::exportProgress, this, [this](int done, int total) {
    if (!running_) return;
    progress_->setRange(0, total);
    progress_->setValue(done);
  });
  connect(&controller_, &ExportController::exportFinished, this,
          [this](const QString&, const QString& error, quint64 job) { onFinished(error, job); });
  retranslate();
}

void ExportDialog::retranslate() {
  setWindowTitle(tr("Export"));
  const QStringList names{tr("Current frame (PNG)"), tr("Contact sheet of all frames (PNG)"),
                          tr("Cell scores and keep mask (CSV)"), tr("Run metadata (JSON)")};
  for (int i = 0; i < kindCombo_->count(); ++i) kindCombo_->setItemText(i, names.value(i));
  whatLabel_->setText(tr("&What:"));
  whatLabel_->setBuddy(kindCombo_);
  whereLabel_->setText(tr("&Save as:"));
  whereLabel_->setBuddy(pathEdit_);
  browseButton_->setText(tr("&Browse…"));
  overlayCheck_->setText(tr("Draw the &overlay (as shown: mask or scores)"));
  legendCheck_->setText(tr("Add a &legend"));
  captionCheck_->setText(tr("Add a &caption (frame, method, question and answer)"));
  clipboardCheck_->setText(tr("Also copy to the clip&board"));
  exportButton_->setText(tr("&Export"));
  closeButton_->setText(tr("Close"));
  updateSize();
}

void ExportDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QDialog::changeEvent(event);
}

void ExportDialog::refresh() {
  const ExportScene scene = controller_.currentScene();
  auto* model = qobject_cast<QStandardItemModel*>(kindCombo_->model());
  for (int i = 0; i < kindCombo_->count(); ++i) {
    const bool available =
        scene.frameCount() > 0 && (!exportNeedsRun(ExportKind(kKinds[i])) || scene.run);
    if (model) model->item(i)->setEnabled(available);
  }
  if (exportNeedsRun(kind()) && !scene.run) setKind(ExportKind::Frame);
  setOptions(controller_.savedOptions());
  clipboardCheck_->setChecked(controller_.copyToClipboard());
  lastDefaultPath_.clear();
  pathEdit_->clear();
  updateDefaultPath();
  updateSize();
  exportButton_->setEnabled(scene.frameCount() > 0 && !running_);
}

ExportKind ExportDialog::kind() const {
  return ExportKind(kindCombo_->currentData().toInt());
}

void ExportDialog::setKind(ExportKind kind) {
  kindCombo_->setCurrentIndex(kindCombo_->findData(int(kind)));
}

QString ExportDialog::path() const {
  const QString text = pathEdit_->text().trimmed();
  if (text.isEmpty() || QFileInfo(text).isAbsolute()) return text;
  return QDir(controller_.exportFolder()).filePath(text);
}

void ExportDialog::setPath(const QString& path) {
  pathEdit_->setText(path);
}

FrameExportOptions ExportDialog::options() const {
  FrameExportOptions options;
  options.overlay = overlayCheck_->isChecked();
  options.legend = legendCheck_->isChecked();
  options.caption = captionCheck_->isChecked();
  return options;
}

void ExportDialog::setOptions(const FrameExportOptions& options) {
  overlayCheck_->setChecked(options.overlay);
  legendCheck_->setChecked(options.legend);
  captionCheck_->setChecked(options.caption);
}

bool ExportDialog::copyToClipboard() const {
  return clipboardCheck_->isChecked();
}

void ExportDialog::setCopyToClipboard(bool copy) {
  clipboardCheck_->setChecked(copy);
}

QString ExportDialog::sizeText() const {
  return sizeLabel_->text();
}

QString ExportDialog::noteText() const {
  return noteLabel_->text();
}

void ExportDialog::updateDefaultPath() {
  // A name the user typed stays; only the dialog's own suggestion follows the choice of kind.
  const QString current = pathEdit_->text();
  if (!current.isEmpty() && current != lastDefaultPath_) return;
  const QString folder =
      current.isEmpty() ? controller_.exportFolder() : QFileInfo(current).absolutePath();
  const ExportScene scene = controller_.currentScene();
  lastDefaultPath_ =
      uniqueFilePath(folder, defaultExportFileName(scene, kind(), controller_.currentFrameIndex()));
  pathEdit_->setText(lastDefaultPath_);
}

void ExportDialog::updateSize() {
  if (!sizeLabel_) return;
  const ExportKind what = kind();
  const bool image = what == ExportKind::Frame || what == ExportKind::ContactSheet;
  overlayCheck_->setEnabled(image);
  legendCheck_->setEnabled(what == ExportKind::Frame);
  captionCheck_->setEnabled(what == ExportKind::Frame);
  const ExportScene scene = controller_.currentScene();
  QString size;
  QString note;
  switch (what) {
    case ExportKind::Frame: {
      const FrameExportGeometry geometry =
          frameExportGeometry(scene, controller_.currentFrameIndex(), options());
      if (!geometry.imageSize.isEmpty()) {
        size =
            tr("%1 × %2 pixels").arg(geometry.imageSize.width()).arg(geometry.imageSize.height());
      }
      note = geometry.downscaleNote;
      break;
    }
    case ExportKind::ContactSheet: {
      const ContactSheetLayout layout = contactSheetLayout(scene);
      if (!layout.size.isEmpty()) {
        size = tr("%1 × %2 pixels: %3 frames in %4 columns and %5 rows")
                   .arg(layout.size.width())
                   .arg(layout.size.height())
                   .arg(scene.frameCount())
                   .arg(layout.columns)
                   .arg(layout.rows);
      }
      break;
    }
    case ExportKind::CellsCsv:
      if (scene.run) {
        size = tr("%1 rows: %2 frames × %3 cells")
                   .arg(qint64(scene.run->frames) * kCellsPerFrame)
                   .arg(scene.run->frames)
                   .arg(kCellsPerFrame);
      }
      break;
    case ExportKind::RunJson:
      if (scene.run) size = tr("Request, video, per-frame times and kept counts, timings, answer");
      break;
  }
  sizeLabel_->setText(size);
  noteLabel_->setText(note);
  noteLabel_->setVisible(!note.isEmpty());
}

void ExportDialog::browse() {
  const QString filter = kind() == ExportKind::CellsCsv  ? tr("CSV files (*.csv)")
                         : kind() == ExportKind::RunJson ? tr("JSON files (*.json)")
                                                         : tr("PNG images (*.png)");
  // No overwrite prompt: an existing name gets -2, -3, … instead, so nothing is ever replaced.
  const QString chosen = QFileDialog::getSaveFileName(this, tr("Export to"), path(), filter,
                                                      nullptr, QFileDialog::DontConfirmOverwrite);
  if (chosen.isEmpty()) return;
  pathEdit_->setText(chosen);
}

void ExportDialog::startExport() {
  if (running_) return;
  const QString target = path();
  if (target.isEmpty()) return;
  ExportRequest request;
  request.kind = kind();
  request.frameIndex = controller_.currentFrameIndex();
  request.options = options();
  request.path = target;
  controller_.saveOptions(request.options);
  controller_.setCopyToClipboard(copyToClipboard());
  setRunning(true);
  job_ = controller_.startExport(std::move(request), true, copyToClipboard());
}

void ExportDialog::onFinished(const QString& error, quint64 job) {
  if (!running_ || job != job_) return;
  setRunning(false);
  if (!error.isEmpty()) return;  // the window's message bar says what went wrong
  lastDefaultPath_.clear();
  pathEdit_->clear();
  updateDefaultPath();
  accept();
}

void ExportDialog::setRunning(bool running) {
  running_ = running;
  progress_->setVisible(running);
  progress_->setRange(0, 0);
  exportButton_->setEnabled(!running);
  kindCombo_->setEnabled(!running);
  pathEdit_->setEnabled(!running);
  closeButton_->setText(running ? tr("Cancel") : tr("Close"));
}

void ExportDialog::reject() {
  if (running_) {
    controller_.cancelExports();
    return;
  }
  QDialog::reject();
}

}  // namespace stts::ui
