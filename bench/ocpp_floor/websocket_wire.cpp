#include "websocket_wire.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>
#include <stdexcept>

namespace manage::bench {
namespace {

constexpr std::string_view kWebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
constexpr std::string_view kKeyHeader = "Sec-WebSocket-Key: ";

std::string accept_key(std::string_view key) {
    std::string salted(key);
    salted += kWebSocketGuid;
    std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
    SHA1(reinterpret_cast<const unsigned char *>(salted.data()), salted.size(), digest.data());
    std::array<unsigned char, 32> encoded{};
    const int length = EVP_EncodeBlock(encoded.data(), digest.data(), static_cast<int>(digest.size()));
    return {reinterpret_cast<const char *>(encoded.data()), static_cast<std::size_t>(length)};
}

// The n-th JSON string of a CALL `[2,"id","Action",{...}]` (0: id, 1: action).
std::string_view quoted(std::string_view call, int n) {
    std::size_t open = call.find('"');
    for (int i = 0; i < n && open != std::string_view::npos; ++i) {
        open = call.find('"', call.find('"', open + 1) + 1);
    }
    if (open == std::string_view::npos)
        throw std::runtime_error("CALL without its strings");
    const std::size_t close = call.find('"', open + 1);
    if (close == std::string_view::npos)
        throw std::runtime_error("unterminated string in CALL");
    return call.substr(open + 1, close - open - 1);
}

} // namespace

std::optional<std::string> upgrade_response(std::string_view request, std::string_view subprotocol) {
    if (request.find("\r\n\r\n") == std::string_view::npos)
        return std::nullopt;
    const std::size_t key_at = request.find(kKeyHeader);
    if (key_at == std::string_view::npos)
        throw std::runtime_error("upgrade request without Sec-WebSocket-Key");
    const std::size_t key_from = key_at + kKeyHeader.size();
    const std::string_view key = request.substr(key_from, request.find("\r\n", key_from) - key_from);
    std::string response =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ";
    response += accept_key(key);
    response += "\r\nSec-WebSocket-Protocol: ";
    response += subprotocol;
    response += "\r\n\r\n";
    return response;
}

std::optional<Frame> next_frame(std::string_view input) {
    if (input.size() < 2)
        return std::nullopt;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(input[i]); };
    if ((byte(0) & 0x80) == 0)
        throw std::runtime_error("fragmented frame");
    std::size_t length = byte(1) & 0x7f;
    std::size_t header = 2;
    if (length == 127)
        throw std::runtime_error("frame longer than 64 KiB");
    if (length == 126) {
        if (input.size() < 4)
            return std::nullopt;
        length = (std::size_t{byte(2)} << 8) | byte(3);
        header = 4;
    }
    const bool masked = (byte(1) & 0x80) != 0;
    const std::size_t mask_at = header;
    if (masked)
        header += 4;
    if (input.size() < header + length)
        return std::nullopt;
    Frame frame{byte(0) & 0x0f, std::string(input.substr(header, length)), header + length};
    if (masked) {
        for (std::size_t i = 0; i < length; ++i)
            frame.payload[i] ^= input[mask_at + (i & 3)];
    }
    return frame;
}

std::string text_frame(std::string_view payload) {
    std::string frame(1, static_cast<char>(0x81));
    if (payload.size() < 126) {
        frame += static_cast<char>(payload.size());
    } else {
        frame += static_cast<char>(126);
        frame += static_cast<char>(payload.size() >> 8);
        frame += static_cast<char>(payload.size() & 0xff);
    }
    frame += payload;
    return frame;
}

std::string fixed_call_result(std::string_view call) {
    const std::string_view id = quoted(call, 0);
    const std::string_view action = quoted(call, 1);
    std::string_view body = "{}";
    if (action == "BootNotification") {
        body = R"({"status":"Accepted","currentTime":"2026-01-01T00:00:00Z","interval":300})";
    } else if (action == "Heartbeat") {
        body = R"({"currentTime":"2026-01-01T00:00:00Z"})";
    }
    std::string result = "[3,\"";
    result += id;
    result += "\",";
    result += body;
    result += ']';
    return result;
}

} // namespace manage::bench
