#pragma once
// The core's HTTP surface: health, readiness, metrics and /api/v1.
#include "manage/common/asio.hpp"

#include <memory>

namespace manage::infra {
class Cache;
class Bus;
class Database;
class Metrics;
namespace http {
class Router;
}
} // namespace manage::infra

namespace manage::core {

class ChargerService;
class ApiKeys;

struct ApiContext {
    ChargerService &chargers;
    ApiKeys &api_keys;
    infra::Database &database;
    infra::Cache &cache;
    infra::Bus &bus;
    infra::Metrics &metrics;
    asio::thread_pool &workers; // runs the blocking Store calls
};

std::shared_ptr<infra::http::Router> make_api_router(const ApiContext &context);

} // namespace manage::core
