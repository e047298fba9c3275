#pragma once
// Every live connection (by connection id, from accept on) and the charger each one serves once
// its handshake is done (by charge point id). Thread-safe.
#include "connection.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace manage::connect {

class Registry {
public:
    void track(std::uint64_t connection_id, std::weak_ptr<Connection> connection);
    void untrack(std::uint64_t connection_id);
    std::vector<std::shared_ptr<Connection>> all() const;

    // Makes `connection` the one serving its charger; returns the connection it replaces, if any.
    std::shared_ptr<Connection> attach(const std::shared_ptr<Connection> &connection);
    // Removes the charger's entry if it is still `connection_id` (a replacement stays).
    void detach(const std::string &charge_point_id, std::uint64_t connection_id);

    std::shared_ptr<Connection> find(const std::string &charge_point_id) const;
    std::vector<std::string> charge_point_ids() const;
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::map<std::uint64_t, std::weak_ptr<Connection>> all_;
    std::map<std::string, std::shared_ptr<Connection>, std::less<>> chargers_;
};

} // namespace manage::connect
