#pragma once
// OCPP 1.6 Core profile, authorization: Authorize (OCPP 1.6 §4.1), and the IdTagInfo that Authorize,
// StartTransaction and StopTransaction answer with.
#include "handlers/handler_context.hpp"
#include "manage/ocpp/v16/types.hpp"

namespace manage::connect::v16 {

asio::awaitable<CallOutcome> authorize(HandlerContext context, ocpp::Call call);

// Core's answer about an idTag as OCPP 1.6 IdTagInfo.
ocpp::v16::IdTagInfo to_id_tag_info(const IdTagAnswer &answer);

// An idTag the central system must look up: the schema allows "", which identifies nobody.
std::optional<ocpp::Violation> check_id_tag(const ocpp::CiString<20> &id_tag, std::string path);

} // namespace manage::connect::v16
