// Runs the entente binary from tests and captures what it prints.
#ifndef ENTENTE_TESTS_CLI_RUNNER_H_
#define ENTENTE_TESTS_CLI_RUNNER_H_

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace entente::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;  // Standard output.
  std::string err;  // Standard error.
};

// Runs `entente ARGS` through the shell (args are passed verbatim, so quote
// them), with `stdin_file` (or /dev/null) as standard input.
inline CliResult RunEntente(const std::string& args,
                            const std::string& stdin_file = "/dev/null") {
  static int counter = 0;
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::string tag = std::to_string(getpid()) + "-" + std::to_string(++counter);
  std::filesystem::path out = dir / ("entente-out-" + tag);
  std::filesystem::path err = dir / ("entente-err-" + tag);
  std::string command = std::string(ENTENTE_BINARY) + " " + args + " <" +
                        stdin_file + " >" + out.string() + " 2>" + err.string();
  int status = std::system(command.c_str());
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  result.out = slurp(out);
  result.err = slurp(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

}  // namespace entente::testing

#endif  // ENTENTE_TESTS_CLI_RUNNER_H_
