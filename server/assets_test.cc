#include "server/assets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace entente::server {
namespace {

namespace fs = std::filesystem;

TEST(AssetsTest, EmbeddedAssetsAreSortedAndTyped) {
  std::span<const Asset> assets = EmbeddedAssets();
  for (size_t i = 0; i < assets.size(); ++i) {
    EXPECT_EQ(assets[i].path.front(), '/');
    EXPECT_FALSE(assets[i].content_type.empty());
    if (i > 0) {
      EXPECT_LT(assets[i - 1].path, assets[i].path);
    }
    EXPECT_EQ(FindEmbeddedAsset(assets[i].path), &assets[i]);
  }
  EXPECT_EQ(FindEmbeddedAsset("/no/such/file.js"), nullptr);
  EXPECT_EQ(FindEmbeddedAsset("/../CMakeLists.txt"), nullptr);
  if (const Asset* index = FindEmbeddedAsset("/index.html")) {
    EXPECT_EQ(FindEmbeddedAsset("/"), index);
    EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  } else {
    EXPECT_EQ(FindEmbeddedAsset("/"), nullptr);
  }
}

// The generator's escaping keeps every byte: the embedded page files equal
// the ones in web/public.
TEST(AssetsTest, EmbeddedPageFilesMatchTheSources) {
  const fs::path public_dir = fs::path(ENTENTE_SOURCE_DIR) / "web" / "public";
  for (const Asset& asset : EmbeddedAssets()) {
    if (asset.path.starts_with("/vendor/")) continue;
    fs::path file = public_dir / std::string(asset.path.substr(1));
    if (!fs::exists(file)) continue;  // Removed since the build.
    std::ifstream in(file, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)),
                        std::istreambuf_iterator<char>());
    EXPECT_TRUE(content == asset.data) << asset.path;
  }
}

TEST(AssetsTest, ContentTypeFromExtension) {
  EXPECT_EQ(ContentTypeFor("/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("/a/style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("/x.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeFor("/x.map"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("/x.tar.gz"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("/dir.d/file"), "application/octet-stream");
}

class WebDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "entente-webdir-XXXXXX");
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    base_ = templ;
    root_ = base_ / "public";
    fs::create_directories(root_ / "sub");
    Write(root_ / "index.html", "<p>hi</p>");
    Write(root_ / "sub" / "app.js", "let x = 1;");
    Write(base_ / "secret.txt", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
  }
  fs::path base_, root_;
};

TEST_F(WebDirTest, ServesFilesUnderTheDirectory) {
  auto index = ReadAssetUnder(root_, "/");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->data, "<p>hi</p>");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  auto js = ReadAssetUnder(root_, "/sub/app.js");
  ASSERT_TRUE(js.has_value());
  EXPECT_EQ(js->data, "let x = 1;");
  EXPECT_FALSE(ReadAssetUnder(root_, "/missing.js").has_value());
  EXPECT_FALSE(ReadAssetUnder(root_, "/sub").has_value());  // A directory.
}

TEST_F(WebDirTest, RejectsPathsLeavingTheDirectory) {
  for (const char* path :
       {"/../secret.txt", "/sub/../../secret.txt", "/./index.html",
        "//index.html", "/sub//app.js", "/..\\secret.txt", "secret.txt",
        "/../../../../etc/passwd", "", "/sub/"}) {
    EXPECT_FALSE(ReadAssetUnder(root_, path).has_value()) << path;
  }
  std::string with_nul("/index.html\0.js", 15);
  EXPECT_FALSE(ReadAssetUnder(root_, with_nul).has_value());
}

TEST_F(WebDirTest, RejectsSymbolicLinksLeadingOut) {
  fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  EXPECT_FALSE(ReadAssetUnder(root_, "/link.txt").has_value());
}

}  // namespace
}  // namespace entente::server
