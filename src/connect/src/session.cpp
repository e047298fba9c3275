// Plain TCP (ws://) connections: the session of session_impl.hpp over beast::tcp_stream.
#include "session_impl.hpp"

namespace manage::connect {
namespace detail {

template <> struct StreamTraits<beast::tcp_stream> {
    static constexpr bool kTls = false;
    static asio::awaitable<error_code> handshake(beast::tcp_stream &) { co_return error_code{}; }
    static std::optional<std::string> client_certificate_cn(beast::tcp_stream &) { return std::nullopt; }
};

} // namespace detail

void start_session(asio::ip::tcp::socket socket, std::shared_ptr<ServerContext> context) {
    using Session = detail::Session<boost::beast::tcp_stream>;
    auto session = std::make_shared<Session>(std::move(socket), std::move(context), nullptr);
    auto strand = session->strand();
    asio::co_spawn(strand, session->run(session), asio::detached);
}

} // namespace manage::connect
