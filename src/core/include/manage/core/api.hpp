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
class Authorization;
class Transactions;
class ChargerReports;
class CommandService;
class MessageLog;
class ChargerCredentials;
class DeviceModel;
class StationReports;
class Tariffs;
class Sites;
class Fleets;
class SessionVehicles;
class SiteBilling;
class Users;
class Organisations;
class LiveHub;

struct ApiContext {
    ChargerService &chargers;
    ApiKeys &api_keys;
    Users &users;
    Organisations &organisations;
    infra::Database &database;
    infra::Cache &cache;
    infra::Bus &bus;
    infra::Metrics &metrics;
    asio::thread_pool &workers; // runs the blocking Store calls
    // Services of the charging domain; a null one leaves its routes out.
    Authorization *authorization = nullptr;      // ID tags, local authorization lists
    Transactions *transactions = nullptr;        // charging sessions, meter values, orphans
    ChargerReports *reports = nullptr;           // firmware/diagnostics/log jobs, security events, CSRs
    CommandService *commands = nullptr;          // commands to chargers, audit, configuration, profiles
    MessageLog *message_log = nullptr;           // every OCPP frame both ways
    ChargerCredentials *credentials = nullptr;   // security profiles and charger passwords
    DeviceModel *device_model = nullptr;         // OCPP 2.0.1 stations' components and variables
    StationReports *station_reports = nullptr;   // OCPP 2.0.1 monitoring events, monitors, customer info, displays
    Tariffs *tariffs = nullptr;                  // tariffs, the charger each bills, session costs
    Sites *sites = nullptr;                      // sites, load groups, chargers' place and power
    Fleets *fleets = nullptr;                    // fleets, vehicles, their departures
    bool secure_cookies = false;                 // web session cookies marked Secure (served over HTTPS)
    SessionVehicles *session_vehicles = nullptr; // sessions' vehicles, charger assignments
    SiteBilling *site_billing = nullptr;         // sites' monthly bills (with tariffs and sites)
    LiveHub *live = nullptr;                     // live state and the event stream
};

std::shared_ptr<infra::http::Router> make_api_router(const ApiContext &context);

} // namespace manage::core
