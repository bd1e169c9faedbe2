// Runs the `stts` command line from a test, the way a script would: arguments, optional stdin,
// exit code, stdout and stderr. Shared by every test that drives the CLI.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace stts::test {

struct CliResult {
  int exitCode = -1;  // -1: did not finish in time; -2: crashed
  QByteArray out;
  QByteArray err;
  QString outText() const { return QString::fromUtf8(out); }
  QString errText() const { return QString::fromUtf8(err); }
};

// `environment`, when not empty, replaces the test's own (e.g. without DISPLAY).
inline CliResult runProgram(const QString& program, const QStringList& args,
                            const QByteArray& input = {}, int timeoutMs = 300000,
                            const QProcessEnvironment& environment = {}) {
  QProcess process;
  if (!environment.isEmpty()) process.setProcessEnvironment(environment);
  process.start(program, args);
  if (!input.isEmpty()) process.write(input);
  process.closeWriteChannel();
  CliResult result;
  if (!process.waitForFinished(timeoutMs)) {
    process.kill();
    process.waitForFinished();
    return result;
  }
  result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
  result.out = process.readAllStandardOutput();
  result.err = process.readAllStandardError();
  return result;
}

#ifdef STTS_CLI_PATH
inline CliResult runCli(const QStringList& args, const QByteArray& input = {}) {
  return runProgram(QStringLiteral(STTS_CLI_PATH), args, input);
}
#endif

}  // namespace stts::test
