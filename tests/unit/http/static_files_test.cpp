#include "manage/infra/http.hpp"
#include "manage/infra/http_static.hpp"
#include "unit/http/test_server.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace manage::infra::http {
namespace {

namespace fs = std::filesystem;
using manage::test::run_awaitable;

void write(const fs::path &file, const std::string &content) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
}

// A built web application next to a secret outside it, served behind one API route.
class StaticFiles : public ::testing::Test {
protected:
    void SetUp() override {
        base_ = fs::temp_directory_path() / ("manage-static-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(base_);
        root_ = base_ / "dist";
        write(root_ / "index.html", "<!doctype html><title>Manage</title>");
        write(root_ / "assets" / "index-Ab12.js", "console.log(1)");
        write(root_ / "favicon.svg", "<svg/>");
        write(base_ / "secret.txt", "do not serve");
        fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
        router_.add("GET", "/api/v1/chargers",
                    sync_handler([](Request &) { return json_response(200, Json::array()); }));
        router_.set_fallback(static_files_handler(root_));
    }
    void TearDown() override { fs::remove_all(base_); }

    Response get(const std::string &target, const std::string &method = "GET") {
        Request request;
        request.method = method;
        request.target = target;
        return run_awaitable(router_.dispatch(request));
    }

    fs::path base_;
    fs::path root_;
    Router router_;
};

TEST_F(StaticFiles, ServesTheApplicationAndItsHashedAssets) {
    const auto page = get("/");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(page.body, "<!doctype html><title>Manage</title>");
    EXPECT_EQ(page.headers.at("Cache-Control"), "no-cache");
    EXPECT_NE(page.headers.at("Content-Security-Policy").find("default-src 'self'"), std::string::npos);

    const auto script = get("/assets/index-Ab12.js");
    ASSERT_EQ(script.status, 200);
    EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(script.body, "console.log(1)");
    EXPECT_EQ(script.headers.at("Cache-Control"), "public, max-age=31536000, immutable");

    EXPECT_EQ(get("/favicon.svg").content_type, "image/svg+xml");
}

TEST_F(StaticFiles, TheApplicationsOwnRoutesLoadItsPage) {
    for (const auto *path : {"/chargers", "/chargers/CP-1", "/sessions/17?x=1", "/settings/vehicles/"}) {
        const auto response = get(path);
        EXPECT_EQ(response.status, 200) << path;
        EXPECT_EQ(response.body, "<!doctype html><title>Manage</title>") << path;
    }
}

TEST_F(StaticFiles, ApiPathsKeepTheApiAnswers) {
    EXPECT_EQ(get("/api/v1/chargers").status, 200);
    const auto unknown = get("/api/v1/nothing-here");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.content_type, "application/json");
    EXPECT_NE(unknown.body.find("not_found"), std::string::npos);
    EXPECT_EQ(get("/api/v1/chargers", "POST").status, 405);
}

TEST_F(StaticFiles, NothingOutsideTheRootIsServed) {
    EXPECT_EQ(get("/../secret.txt").status, 404);
    EXPECT_EQ(get("/assets/%2E%2E/%2E%2E/secret.txt").status, 404);
    EXPECT_EQ(get("/assets/..%2F..%2Fsecret.txt").status, 404);
    EXPECT_EQ(get("/link.txt").status, 404); // a symbolic link pointing out of the root
    EXPECT_EQ(get("/missing.js").status, 404);
}

TEST_F(StaticFiles, OnlyReadsAreServed) {
    const auto response = get("/chargers", "POST");
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.headers.at("Allow"), "GET, HEAD");
    const auto head = get("/", "HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
}

TEST(WebRoot, NamesWhyItCannotBeServed) {
    const auto dir = fs::temp_directory_path() / ("manage-webroot-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    EXPECT_NE(web_root_problem(dir).find("does not exist"), std::string::npos);
    fs::create_directories(dir);
    EXPECT_NE(web_root_problem(dir).find("has no index.html"), std::string::npos);
    std::ofstream(dir / "index.html") << "<html>";
    EXPECT_EQ(web_root_problem(dir), "");
    fs::remove_all(dir);
}

} // namespace
} // namespace manage::infra::http
