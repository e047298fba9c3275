// TLS (wss://) connections: the session of session_impl.hpp over beast::ssl_stream<beast::tcp_stream>.
// Asio first (see manage/common/asio.hpp), then the TLS layers, before the session template uses them.
#include "manage/common/asio.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "session_impl.hpp"
#include "tls_context.hpp"

namespace manage::connect {
namespace detail {

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <> struct StreamTraits<TlsStream> {
    static constexpr bool kTls = true;

    static asio::awaitable<error_code> handshake(TlsStream &stream) {
        error_code ec;
        co_await stream.async_handshake(asio::ssl::stream_base::server, asio::redirect_error(kAwait, ec));
        co_return ec;
    }

    static std::optional<std::string> client_certificate_cn(TlsStream &stream) {
        return verified_peer_common_name(stream.native_handle());
    }
};

} // namespace detail

void start_tls_session(asio::ip::tcp::socket socket, std::shared_ptr<asio::ssl::context> tls,
                       std::shared_ptr<ServerContext> context) {
    using Session = detail::Session<detail::TlsStream>;
    auto &ssl_context = *tls;
    auto session = std::make_shared<Session>(std::move(socket), std::move(context), std::move(tls), ssl_context);
    auto strand = session->strand();
    asio::co_spawn(strand, session->run(session), asio::detached);
}

} // namespace manage::connect
