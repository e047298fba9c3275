#include "registry.hpp"

namespace manage::connect {

void Registry::track(std::uint64_t connection_id, std::weak_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    all_[connection_id] = std::move(connection);
}

void Registry::untrack(std::uint64_t connection_id) {
    std::lock_guard lock(mutex_);
    all_.erase(connection_id);
}

std::vector<std::shared_ptr<Connection>> Registry::all() const {
    std::vector<std::shared_ptr<Connection>> connections;
    std::lock_guard lock(mutex_);
    for (const auto &[id, weak] : all_) {
        if (auto connection = weak.lock()) {
            connections.push_back(std::move(connection));
        }
    }
    return connections;
}

std::shared_ptr<Connection> Registry::attach(const std::shared_ptr<Connection> &connection) {
    std::lock_guard lock(mutex_);
    auto &slot = chargers_[connection->info().charge_point_id];
    auto replaced = std::move(slot);
    slot = connection;
    return replaced;
}

void Registry::detach(const std::string &charge_point_id, std::uint64_t connection_id) {
    std::lock_guard lock(mutex_);
    const auto it = chargers_.find(charge_point_id);
    if (it != chargers_.end() && it->second->info().connection_id == connection_id) {
        chargers_.erase(it);
    }
}

std::shared_ptr<Connection> Registry::find(const std::string &charge_point_id) const {
    std::lock_guard lock(mutex_);
    const auto it = chargers_.find(charge_point_id);
    return it == chargers_.end() ? nullptr : it->second;
}

std::vector<std::string> Registry::charge_point_ids() const {
    std::vector<std::string> ids;
    std::lock_guard lock(mutex_);
    ids.reserve(chargers_.size());
    for (const auto &[id, connection] : chargers_) {
        ids.push_back(id);
    }
    return ids;
}

std::size_t Registry::size() const {
    std::lock_guard lock(mutex_);
    return chargers_.size();
}

} // namespace manage::connect
