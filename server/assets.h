// The web explorer's static files: embedded into the binary at build time
// (tools/gen/embed_web.mjs from web/public and web/vendor.list), or, for
// development only, read from a directory given to `entente serve
// --web-dir`.
#ifndef ENTENTE_SERVER_ASSETS_H_
#define ENTENTE_SERVER_ASSETS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace entente::server {

// One embedded file, served at `path` ("/index.html", "/vendor/x.min.js").
struct Asset {
  std::string_view path;
  std::string_view content_type;
  std::string_view data;
};

// Every embedded file, sorted by path; empty when the build had no web/public
// and no web/vendor.list. Defined in the generated web_assets.cc.
std::span<const Asset> EmbeddedAssets();

// The embedded asset served at the URL path `path` ("/" means
// "/index.html"), or nullptr.
const Asset* FindEmbeddedAsset(std::string_view path);

// The content type of a file name from its extension
// ("application/octet-stream" when unknown).
std::string_view ContentTypeFor(std::string_view file_name);

// A file read from disk for --web-dir.
struct DiskAsset {
  std::string content_type;
  std::string data;
};

// Reads the file that URL path `path` names under `root` ("/" means
// "/index.html"). Returns nullopt when there is no such regular file or when
// the path tries to leave `root` ("..", ".", empty segments, backslashes, NUL
// bytes, or a symbolic link resolving outside it).
std::optional<DiskAsset> ReadAssetUnder(const std::string& root,
                                        std::string_view path);

}  // namespace entente::server

#endif  // ENTENTE_SERVER_ASSETS_H_
