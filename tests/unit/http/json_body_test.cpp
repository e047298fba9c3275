#include "manage/infra/http.hpp"

#include <gtest/gtest.h>

namespace manage::infra::http {
namespace {

Request json_request(const std::string &body, const std::string &content_type = "application/json") {
    Request request;
    request.method = "POST";
    request.body = body;
    if (!content_type.empty())
        request.headers["content-type"] = content_type;
    return request;
}

Json error_of(const std::variant<Json, Response> &parsed) {
    return Json::parse(std::get<Response>(parsed).body)["error"];
}

TEST(ParseJsonBody, ParsesJson) {
    const auto parsed = parse_json_body(json_request(R"({"power_kw": 22})"));
    ASSERT_TRUE(std::holds_alternative<Json>(parsed));
    EXPECT_EQ(std::get<Json>(parsed)["power_kw"], 22);
}

TEST(ParseJsonBody, AcceptsJsonMediaTypesWithParameters) {
    for (const auto *type : {"application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"})
        EXPECT_TRUE(std::holds_alternative<Json>(parse_json_body(json_request("{}", type)))) << type;
}

TEST(ParseJsonBody, AnswersUnsupportedMediaType) {
    for (const auto *type : {"text/plain", "", "application/jsonx", "application/x-www-form-urlencoded"}) {
        const auto parsed = parse_json_body(json_request("{}", type));
        ASSERT_TRUE(std::holds_alternative<Response>(parsed)) << type;
        EXPECT_EQ(std::get<Response>(parsed).status, 415);
        EXPECT_EQ(error_of(parsed)["code"], "unsupported_media_type");
    }
}

TEST(ParseJsonBody, AnswersBadRequestWithThePosition) {
    const auto parsed = parse_json_body(json_request(R"({"a": 1,})"));
    ASSERT_TRUE(std::holds_alternative<Response>(parsed));
    EXPECT_EQ(std::get<Response>(parsed).status, 400);
    EXPECT_EQ(error_of(parsed)["code"], "invalid_json");
    const auto message = error_of(parsed)["message"].get<std::string>();
    EXPECT_NE(message.find("line 1, column 9"), std::string::npos) << message;
    EXPECT_EQ(message.find("json.exception"), std::string::npos) << message;
}

TEST(ParseJsonBody, RejectsAnEmptyBody) {
    const auto parsed = parse_json_body(json_request(""));
    ASSERT_TRUE(std::holds_alternative<Response>(parsed));
    EXPECT_EQ(std::get<Response>(parsed).status, 400);
}

TEST(ParseJsonBody, RejectsDeepNesting) {
    const auto parsed = parse_json_body(json_request(std::string(100000, '[') + std::string(100000, ']')));
    ASSERT_TRUE(std::holds_alternative<Response>(parsed));
    EXPECT_EQ(std::get<Response>(parsed).status, 400);
    const auto shallow = parse_json_body(json_request(
        R"({"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"{"})"));
    EXPECT_TRUE(std::holds_alternative<Json>(shallow));
}

TEST(ErrorResponse, HasTheOneErrorBody) {
    const auto response = error_response(422, "invalid", "must be positive", "/power_kw");
    EXPECT_EQ(response.status, 422);
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(Json::parse(response.body),
              (Json{{"error", {{"code", "invalid"}, {"message", "must be positive"}, {"field", "/power_kw"}}}}));
}

TEST(ErrorResponse, LeavesOutAnEmptyField) {
    const auto response = error_response(409, Error{"conflict", "already exists", ""});
    EXPECT_EQ(Json::parse(response.body), (Json{{"error", {{"code", "conflict"}, {"message", "already exists"}}}}));
}

TEST(JsonResponse, ReplacesInvalidUtf8InsteadOfThrowing) {
    const auto response = error_response(404, "not_found", std::string("no charger \xff\xfe"));
    EXPECT_EQ(response.status, 404);
    EXPECT_NE(response.body.find("\xEF\xBF\xBD"), std::string::npos) << response.body;
}

TEST(Request, FindsHeadersByLowerCaseName) {
    Request request;
    request.headers["x-request-id"] = "abc";
    EXPECT_EQ(request.header("x-request-id"), "abc");
    EXPECT_EQ(request.header("authorization"), std::nullopt);
}

} // namespace
} // namespace manage::infra::http
