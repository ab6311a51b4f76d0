#include "server/assets.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace entente::server {
namespace {

std::string_view Normalize(std::string_view path) {
  return path == "/" ? std::string_view("/index.html") : path;
}

// True when every "/"-separated segment of `path` (which starts with "/") is
// an ordinary file or directory name.
bool IsPlainPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string_view::npos ||
      path.find('\\') != std::string_view::npos) {
    return false;
  }
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

std::optional<std::string> RealPath(const std::string& path) {
  char buf[PATH_MAX];
  if (!::realpath(path.c_str(), buf)) return std::nullopt;
  return std::string(buf);
}

}  // namespace

const Asset* FindEmbeddedAsset(std::string_view path) {
  path = Normalize(path);
  std::span<const Asset> assets = EmbeddedAssets();
  auto it = std::lower_bound(
      assets.begin(), assets.end(), path,
      [](const Asset& a, std::string_view p) { return a.path < p; });
  if (it == assets.end() || it->path != path) return nullptr;
  return &*it;
}

std::string_view ContentTypeFor(std::string_view file_name) {
  struct Entry {
    std::string_view extension;
    std::string_view type;
  };
  // Keep in step with kContentTypes in tools/gen/embed_web.mjs.
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
  };
  size_t dot = file_name.rfind('.');
  size_t slash = file_name.rfind('/');
  if (dot != std::string_view::npos &&
      (slash == std::string_view::npos || dot > slash)) {
    std::string_view ext = file_name.substr(dot);
    for (const Entry& e : kTypes) {
      if (e.extension == ext) return e.type;
    }
  }
  return "application/octet-stream";
}

std::optional<DiskAsset> ReadAssetUnder(const std::string& root,
                                        std::string_view path) {
  path = Normalize(path);
  if (!IsPlainPath(path)) return std::nullopt;
  std::optional<std::string> real_root = RealPath(root);
  std::optional<std::string> real_file = RealPath(root + std::string(path));
  if (!real_root || !real_file) return std::nullopt;
  // A symbolic link inside the directory must not lead out of it.
  if (real_file->size() <= real_root->size() + 1 ||
      real_file->compare(0, real_root->size(), *real_root) != 0 ||
      (*real_file)[real_root->size()] != '/') {
    return std::nullopt;
  }
  struct stat st;
  if (::stat(real_file->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return std::nullopt;
  }
  std::ifstream in(*real_file, std::ios::binary);
  if (!in) return std::nullopt;
  DiskAsset asset;
  asset.data.assign(std::istreambuf_iterator<char>(in),
                    std::istreambuf_iterator<char>());
  asset.content_type = std::string(ContentTypeFor(path));
  return asset;
}

}  // namespace entente::server
