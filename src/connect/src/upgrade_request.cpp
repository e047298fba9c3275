#include "upgrade_request.hpp"

#include <algorithm>
#include <cstdint>

namespace manage::connect {
namespace {

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

std::optional<std::string> base64_decode(std::string_view text) {
    const auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        return -1;
    };
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const auto padding = last ? (text[i + 3] == '=' ? (text[i + 2] == '=' ? 2 : 1) : 0) : 0;
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const int digit = j >= 4 - static_cast<std::size_t>(padding) ? 0 : value(text[i + j]);
            if (digit < 0) {
                return std::nullopt;
            }
            group = (group << 6) | static_cast<std::uint32_t>(digit);
        }
        out.push_back(static_cast<char>((group >> 16) & 0xFF));
        if (padding < 2) {
            out.push_back(static_cast<char>((group >> 8) & 0xFF));
        }
        if (padding < 1) {
            out.push_back(static_cast<char>(group & 0xFF));
        }
    }
    return out;
}

std::optional<BasicCredentials> parse_basic_authorization(std::string_view header, std::string_view charge_point_id) {
    header = trim(header);
    constexpr std::string_view kScheme = "basic";
    if (header.size() <= kScheme.size() || header[kScheme.size()] != ' ') {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        // The scheme is case-insensitive (RFC 7235 §2.1).
        if ((header[i] | 0x20) != kScheme[i]) {
            return std::nullopt;
        }
    }
    const auto decoded = base64_decode(trim(header.substr(kScheme.size() + 1)));
    if (!decoded) {
        return std::nullopt;
    }
    const std::string_view text = *decoded;
    std::size_t colon = std::string_view::npos;
    if (text.size() > charge_point_id.size() && text.starts_with(charge_point_id) &&
        text[charge_point_id.size()] == ':') {
        colon = charge_point_id.size();
    } else {
        colon = text.find(':');
    }
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    return BasicCredentials{std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
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
