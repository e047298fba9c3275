#pragma once
// The least of RFC 6455 a server needs to answer chargers: the upgrade and single-frame text
// messages. Used only by the floor server, which measures what the kernel costs per message.
#include <optional>
#include <string>
#include <string_view>

namespace manage::bench {

// The 101 response for a complete upgrade request, or nothing while the request is incomplete.
// Throws std::runtime_error on a request without Sec-WebSocket-Key.
std::optional<std::string> upgrade_response(std::string_view request, std::string_view subprotocol);

struct Frame {
    int opcode = 0;
    std::string payload;
    std::size_t consumed = 0; // bytes of the input the frame took
};

// The first complete frame at the front of input (client frames are masked), or nothing yet.
// Throws std::runtime_error on a frame this server does not take (64-bit length, fragments).
std::optional<Frame> next_frame(std::string_view input);

// An unmasked server text frame.
std::string text_frame(std::string_view payload);

// The CALLRESULT the floor server answers a CALL with: the shape each action's response needs.
std::string fixed_call_result(std::string_view call);

} // namespace manage::bench
