// The export dialog (Ctrl+Shift+E): what to export (the current frame, a contact sheet, the cell
// CSV or the run's JSON), where (the conventional name in the last folder, editable), the frame
// options (overlay, legend, answer caption, copy to clipboard), and the resulting pixel size with
// a note when the frame is smaller than the source. Exporting runs on the controller's worker;
// the dialog shows progress and can cancel.
#pragma once

#include <QDialog>

#include "export/export_job.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace stts::ui {

class ExportController;

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  ExportDialog(ExportController& controller, QWidget* parent = nullptr);

  // Re-reads the window: kinds available, default name in the export folder, size.
  void refresh();

  ExportKind kind() const;
  void setKind(ExportKind kind);
  QString path() const;
  void setPath(const QString& path);
  FrameExportOptions options() const;
  void setOptions(const FrameExportOptions& options);
  bool copyToClipboard() const;
  void setCopyToClipboard(bool copy);
  // "1920 × 1080 pixels" and the downscale note, as shown.
  QString sizeText() const;
  QString noteText() const;
  QPushButton* exportButton() const { return exportButton_; }

 public slots:
  void startExport();

 protected:
  void changeEvent(QEvent* event) override;
  void reject() override;

 private:
  void retranslate();
  void updateDefaultPath();
  void updateSize();
  void browse();
  void onFinished(const QString& error, quint64 job);
  void setRunning(bool running);

  ExportController& controller_;
  QComboBox* kindCombo_ = nullptr;
  QLineEdit* pathEdit_ = nullptr;
  QPushButton* browseButton_ = nullptr;
  QCheckBox* overlayCheck_ = nullptr;
  QCheckBox* legendCheck_ = nullptr;
  QCheckBox* captionCheck_ = nullptr;
  QCheckBox* clipboardCheck_ = nullptr;
  QLabel* whatLabel_ = nullptr;
  QLabel* whereLabel_ = nullptr;
  QLabel* sizeLabel_ = nullptr;
  QLabel* noteLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* exportButton_ = nullptr;
  QPushButton* closeButton_ = nullptr;
  bool running_ = false;
  quint64 job_ = 0;          // the export this dialog started and waits for
  QString lastDefaultPath_;  // the path last filled in, so a user's own edit survives a refresh
};

}  // namespace stts::ui
