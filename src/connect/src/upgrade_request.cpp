#include "upgrade_request.hpp"

#include <algorithm>

namespace manage::connect {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

UpgradeDecision refuse(unsigned status, std::string reason) {
    UpgradeDecision decision;
    decision.http_status = status;
    decision.reason = std::move(reason);
    return decision;
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        if (i + 2 >= text.size()) {
            return std::nullopt;
        }
        const int high = hex_value(text[i + 1]);
        const int low = hex_value(text[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
    }
    return out;
}

std::optional<std::string> charge_point_id_problem(std::string_view id) {
    if (id.empty()) {
        return "the charge point id is empty";
    }
    if (id.size() > kMaxChargePointIdLength) {
        return "the charge point id is longer than 48 characters";
    }
    const auto bad = std::find_if(id.begin(), id.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte > 0x7E || c == '/';
    });
    if (bad != id.end()) {
        return "the charge point id may only hold printable ASCII characters other than '/'";
    }
    return std::nullopt;
}

std::optional<ocpp::Version> negotiate_subprotocol(const std::vector<std::string_view> &offers) {
    std::optional<ocpp::Version> best;
    for (std::string_view header : offers) {
        while (!header.empty()) {
            const auto comma = header.find(',');
            const auto token = trim(header.substr(0, comma));
            header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
            const auto version = ocpp::version_from_subprotocol(token);
            // Version is ordered oldest first, so the greatest offered is the newest.
            if (version && (!best || *version > *best)) {
                best = version;
            }
        }
    }
    return best;
}

UpgradeDecision decide_upgrade(std::string_view target, bool is_websocket_upgrade,
                               const std::vector<std::string_view> &subprotocol_offers) {
    target = target.substr(0, target.find('?'));
    if (!target.starts_with(kOcppPathPrefix)) {
        return refuse(404, "not found: OCPP chargers connect to /ocpp/{chargePointId}");
    }
    const auto raw_id = target.substr(kOcppPathPrefix.size());
    if (raw_id.find('/') != std::string_view::npos) {
        return refuse(404, "not found: OCPP chargers connect to /ocpp/{chargePointId}");
    }
    auto id = percent_decode(raw_id);
    if (!id) {
        return refuse(400, "the charge point id is not correctly percent-encoded");
    }
    if (auto problem = charge_point_id_problem(*id)) {
        return refuse(400, std::move(*problem));
    }
    if (!is_websocket_upgrade) {
        return refuse(426, "upgrade required: OCPP-J runs over WebSocket");
    }
    const auto version = negotiate_subprotocol(subprotocol_offers);
    if (!version) {
        return refuse(400, "no supported subprotocol offered: use Sec-WebSocket-Protocol ocpp2.0.1 or ocpp1.6");
    }
    UpgradeDecision decision;
    decision.charge_point_id = std::move(*id);
    decision.version = *version;
    return decision;
}

} // namespace manage::connect
