#pragma once
// OCPP 2.0.1 functional block M, ISO 15118 Certificate Management: Get15118EVCertificate (M02, M03) and
// GetCertificateStatus (M06). Core decides the answer; without an ISO 15118 PKI it answers Failed.
#include "handlers/handler_context.hpp"

namespace manage::connect::v201 {

asio::awaitable<CallOutcome> get_15118_ev_certificate(HandlerContext context, ocpp::Call call);
asio::awaitable<CallOutcome> get_certificate_status(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
