#include "net/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace ts::net {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        root = fs::temp_directory_path() / ("ts-static-" + std::to_string(::getpid()));
        fs::create_directories(root / "site" / "assets");
        write(root / "site" / "index.html", "<!doctype html>");
        write(root / "site" / "assets" / "app.js", "console.log(1)");
        write(root / "secret.txt", "do not serve");
    }
    void TearDown() override { fs::remove_all(root); }
    static void write(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }
    fs::path root;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndEtags) {
    static_files files((root / "site").string());
    auto* js = files.find("/assets/app.js");
    ASSERT_NE(js, nullptr);
    EXPECT_EQ(*js->body, "console.log(1)");
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(js->etag.front(), '"');
    EXPECT_EQ(files.find("/assets/missing.js"), nullptr);
}

TEST_F(StaticFilesTest, ClientRoutesGetIndex) {
    static_files files((root / "site").string());
    for (const char* route : {"/", "/r/abc", "/r/abc/projector"}) {
        auto* f = files.find(route);
        ASSERT_NE(f, nullptr) << route;
        EXPECT_EQ(f->content_type, "text/html; charset=utf-8");
    }
}

TEST_F(StaticFilesTest, NoTraversal) {
    static_files files((root / "site").string());
    EXPECT_EQ(files.find("/../secret.txt"), nullptr);
    EXPECT_EQ(files.find("/assets/../../secret.txt"), nullptr);
    EXPECT_EQ(files.find("/..%2fsecret.txt"), nullptr);
    EXPECT_EQ(files.find("\\secret.txt"), nullptr);
    EXPECT_EQ(files.find("assets/app.js"), nullptr);
}

TEST_F(StaticFilesTest, MissingFolderServesNothing) {
    static_files files((root / "absent").string());
    EXPECT_EQ(files.size(), 0u);
    EXPECT_EQ(files.find("/"), nullptr);
}

TEST(ContentTypes, Common) {
    EXPECT_EQ(static_files::content_type_for("a.css"), "text/css; charset=utf-8");
    EXPECT_EQ(static_files::content_type_for("a.svg"), "image/svg+xml");
    EXPECT_EQ(static_files::content_type_for("a.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace ts::net
