#pragma once
// OCPP 2.0.1 functional block C, Authorization: Authorize (C01), and the IdTokenInfo that
// Authorize and TransactionEvent answer.
#include "handlers/handler_context.hpp"
#include "manage/ocpp/v201/types.hpp"

namespace manage::connect::v201 {

// Core's answer as IdTokenInfo: the tag's parent becomes groupIdToken (type Central: groups are
// the CSMS's own), its expiry cacheExpiryDateTime.
ocpp::v201::IdTokenInfoType to_id_token_info(const IdTagAnswer &answer);

// An idToken as core takes it, or why it cannot be one: only NoAuthorization may be empty.
Checked<IdToken> to_id_token(const ocpp::v201::IdTokenType &token, const std::string &path);

asio::awaitable<CallOutcome> authorize(HandlerContext context, ocpp::Call call);

} // namespace manage::connect::v201
