#include "manage/infra/http.hpp"
#include "manage/infra/metrics.hpp"

namespace manage::infra::http {
namespace {

// Strings that are not valid UTF-8 (a decoded path parameter, say) become U+FFFD rather than throw.
std::string dump(const Json &body) {
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

asio::awaitable<Response> run_sync(std::shared_ptr<const std::function<Response(Request &)>> handler,
                                   Request &request) {
    co_return (*handler)(request);
}

asio::awaitable<Response> run_metrics(const Metrics *metrics) {
    Response response;
    response.content_type = Metrics::kContentType;
    response.body = metrics->exposition();
    co_return response;
}

} // namespace

std::optional<std::string> Request::header(const std::string &lower_case_name) const {
    const auto it = headers.find(lower_case_name);
    if (it == headers.end())
        return std::nullopt;
    return it->second;
}

Response json_response(int status, const Json &body) {
    Response response;
    response.status = status;
    response.body = dump(body);
    return response;
}

Response error_response(int status, const std::string &code, const std::string &message, const std::string &field) {
    Json error = {{"code", code}, {"message", message}};
    if (!field.empty())
        error["field"] = field;
    return json_response(status, Json{{"error", std::move(error)}});
}

Response error_response(int status, const Error &error) {
    return error_response(status, error.code, error.message, error.field);
}

Handler sync_handler(std::function<Response(Request &)> handler) {
    // The coroutine owns what it runs: a lambda coroutine would refer to its closure instead.
    auto shared = std::make_shared<const std::function<Response(Request &)>>(std::move(handler));
    return [shared](Request &request) { return run_sync(shared, request); };
}

Handler metrics_handler(const Metrics &metrics) {
    return [&metrics](Request &) { return run_metrics(&metrics); };
}

} // namespace manage::infra::http
