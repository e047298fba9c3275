#include "manage/infra/http.hpp"
#include "unit/http/test_server.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace manage::infra::http {
namespace {

using manage::test::run_awaitable;

// Answers with the route's name and the parameters it was given.
Handler named(const std::string &name) {
    return sync_handler([name](Request &request) {
        Json params = Json::object();
        for (const auto &[key, value] : request.params)
            params[key] = value;
        return json_response(200, {{"handler", name}, {"params", params}, {"route", request.route}});
    });
}

Request get(const std::string &target, const std::string &method = "GET") {
    Request request;
    request.method = method;
    request.target = target;
    return request;
}

Response dispatch(const Router &router, Request &request) {
    return run_awaitable(router.dispatch(request));
}

Response dispatch(const Router &router, const std::string &target, const std::string &method = "GET") {
    auto request = get(target, method);
    return dispatch(router, request);
}

Json body(const Response &response) {
    return Json::parse(response.body);
}

TEST(Router, BindsPathParameters) {
    Router router;
    router.add("GET", "/chargers/{charger}/connectors/{connector}", named("connector"));
    auto request = get("/chargers/CP-1/connectors/2?x=1");
    const auto response = dispatch(router, request);
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(request.params.at("charger"), "CP-1");
    EXPECT_EQ(request.params.at("connector"), "2");
    EXPECT_EQ(request.route, "/chargers/{charger}/connectors/{connector}");
    EXPECT_EQ(body(response)["handler"], "connector");
}

TEST(Router, AnswersNotFoundWithTheErrorBody) {
    Router router;
    router.add("GET", "/sites", named("sites"));
    const auto response = dispatch(router, "/chargers");
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(body(response)["error"]["code"], "not_found");
    EXPECT_FALSE(body(response)["error"]["message"].get<std::string>().empty());
}

TEST(Router, AnswersMethodNotAllowedWithAllow) {
    Router router;
    router.add("POST", "/sites", named("create"));
    router.add("GET", "/sites", named("list"));
    router.add("DELETE", "/sites/{id}", named("delete"));
    auto request = get("/sites", "PUT");
    const auto response = dispatch(router, request);
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.headers.at("Allow"), "GET, POST");
    EXPECT_EQ(body(response)["error"]["code"], "method_not_allowed");
    EXPECT_TRUE(request.route.empty());
}

TEST(Router, PercentDecodesParametersSegmentBySegment) {
    Router router;
    router.add("GET", "/chargers/{id}", named("charger"));
    auto request = get("/chargers/CP%2F1%20b+c");
    ASSERT_EQ(dispatch(router, request).status, 200);
    EXPECT_EQ(request.params.at("id"), "CP/1 b+c");
}

TEST(Router, RejectsABadlyEncodedPath) {
    Router router;
    router.add("GET", "/chargers/{id}", named("charger"));
    for (const auto *target : {"/chargers/%zz", "/chargers/%4", "/chargers/a%00b", "chargers/1"}) {
        const auto response = dispatch(router, target);
        EXPECT_EQ(response.status, 400) << target;
        EXPECT_EQ(body(response)["error"]["code"], "invalid_path") << target;
    }
}

TEST(Router, LiteralSegmentsWinOverParameters) {
    for (const bool literal_first : {true, false}) {
        Router router;
        if (literal_first)
            router.add("GET", "/sites/new", named("new"));
        router.add("GET", "/sites/{id}", named("site"));
        router.add("GET", "/{kind}/new", named("kind"));
        if (!literal_first)
            router.add("GET", "/sites/new", named("new"));
        EXPECT_EQ(body(dispatch(router, "/sites/new"))["handler"], "new");
        EXPECT_EQ(body(dispatch(router, "/sites/7"))["handler"], "site");
        EXPECT_EQ(body(dispatch(router, "/fleets/new"))["handler"], "kind");
    }
}

TEST(Router, TheFirstSegmentDecidesPrecedence) {
    Router router;
    router.add("GET", "/{a}/x", named("param-first"));
    router.add("GET", "/s/{b}", named("literal-first"));
    EXPECT_EQ(body(dispatch(router, "/s/x"))["handler"], "literal-first");
}

TEST(Router, FallsBackToAParameterRouteWithTheRightMethod) {
    Router router;
    router.add("POST", "/sites/new", named("create"));
    router.add("GET", "/sites/{id}", named("site"));
    EXPECT_EQ(body(dispatch(router, "/sites/new"))["handler"], "site");
}

TEST(Router, ToleratesATrailingSlash) {
    Router router;
    router.add("GET", "/sites", named("sites"));
    router.add("GET", "/sites/{id}", named("site"));
    router.add("GET", "/", named("root"));
    EXPECT_EQ(body(dispatch(router, "/sites/"))["handler"], "sites");
    EXPECT_EQ(body(dispatch(router, "/sites/3/"))["handler"], "site");
    EXPECT_EQ(body(dispatch(router, "/"))["handler"], "root");
    EXPECT_EQ(dispatch(router, "/sites//").status, 404);
}

TEST(Router, AParameterNeverMatchesAnEmptySegment) {
    Router router;
    router.add("GET", "/sites/{id}/chargers", named("chargers"));
    EXPECT_EQ(dispatch(router, "/sites//chargers").status, 404);
}

TEST(Router, MatchesTheDecodedPathWhenThereIsNoTarget) {
    Router router;
    router.add("GET", "/chargers/{id}", named("charger"));
    Request request;
    request.method = "GET";
    request.path = "/chargers/CP 1";
    ASSERT_EQ(dispatch(router, request).status, 200);
    EXPECT_EQ(request.params.at("id"), "CP 1");
}

TEST(Router, RejectsMalformedAndDuplicatePatterns) {
    Router router;
    router.add("GET", "/sites/{id}", named("site"));
    EXPECT_THROW(router.add("GET", "/sites/{other}", named("again")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "sites", named("relative")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "/sites/x{id}", named("partial")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "/a/{id}/{id}", named("twice")), std::invalid_argument);
    EXPECT_THROW(router.add("GET", "/a//b", named("empty")), std::invalid_argument);
    EXPECT_NO_THROW(router.add("PUT", "/sites/{other}", named("put")));
}

asio::awaitable<Response> waits_a_little(Request &request) {
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(0));
    co_await timer.async_wait(asio::use_awaitable);
    co_return json_response(202, {{"id", request.params.at("id")}});
}

TEST(Router, RunsCoroutineHandlers) {
    Router router;
    router.add("POST", "/jobs/{id}", waits_a_little);
    const auto response = dispatch(router, "/jobs/9", "POST");
    EXPECT_EQ(response.status, 202);
    EXPECT_EQ(body(response)["id"], "9");
}

TEST(Router, LetsAHandlersExceptionThrough) {
    Router router;
    router.add("GET", "/boom", sync_handler([](Request &) -> Response { throw std::runtime_error("boom"); }));
    EXPECT_THROW(dispatch(router, "/boom"), std::runtime_error);
}

} // namespace
} // namespace manage::infra::http
