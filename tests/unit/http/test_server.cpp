#include "unit/http/test_server.hpp"

#include "manage/common/logging.hpp"

#include <chrono>
#include <future>
#include <stdexcept>

namespace manage::test {

TestServer::TestServer(std::shared_ptr<infra::http::Router> router, infra::http::ServerOptions options) {
    options.listen = ListenAddress{"127.0.0.1", 0};
    server_ = std::make_unique<infra::http::Server>(io_, options, std::move(router), metrics_);
    auto started = server_->start();
    if (!started)
        throw std::runtime_error("server did not start: " + started.error().message);
    port_ = started.value();
    for (int i = 0; i < 2; ++i)
        threads_.emplace_back([this] { io_.run(); });
}

TestServer::~TestServer() {
    server_->stop();
    joined();
    server_.reset();
}

bool TestServer::joined() {
    auto done = std::async(std::launch::async, [this] {
        for (auto &thread : threads_)
            if (thread.joinable())
                thread.join();
    });
    if (done.wait_for(std::chrono::seconds(10)) == std::future_status::ready)
        return true;
    io_.stop();
    done.wait();
    return false;
}

std::shared_ptr<infra::http::Router> example_router() {
    using namespace infra::http;
    auto router = std::make_shared<Router>();
    router->add("POST", "/echo", sync_handler([](Request &request) {
                    auto parsed = parse_json_body(request);
                    if (auto *refusal = std::get_if<Response>(&parsed))
                        return *refusal;
                    return json_response(201, {{"received", std::get<Json>(parsed)},
                                               {"request_id", request.request_id},
                                               {"remote_address", request.remote_address}});
                }));
    router->add("GET", "/items/{id}", sync_handler([](Request &request) {
                    return json_response(200, {{"id", request.params.at("id")}});
                }));
    router->add("GET", "/search", sync_handler([](Request &request) {
                    return json_response(200, {{"query", request.query}, {"path", request.path}});
                }));
    router->add("GET", "/boom",
                sync_handler([](Request &) -> Response { throw std::runtime_error("secret detail 42"); }));
    return router;
}

LogCapture::LogCapture() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)) {
    manage::logger("http")->sinks().push_back(sink_);
}

LogCapture::~LogCapture() {
    auto &sinks = manage::logger("http")->sinks();
    std::erase(sinks, sink_);
}

} // namespace manage::test
