#pragma once
// The API's shapes of the charging domain (documented in docs/api.md).
#include "manage/common/result.hpp"
#include "manage/core/charger_report.hpp"
#include "manage/core/id_tag.hpp"
#include "manage/core/local_list.hpp"
#include "manage/core/session.hpp"

#include <nlohmann/json.hpp>

namespace manage::core {

nlohmann::json id_tag_to_json(const IdTag &tag);
nlohmann::json id_tag_info_to_json(const IdTagInfo &info);
nlohmann::json local_list_to_json(const LocalListState &state);
nlohmann::json session_to_json(const Session &session);
nlohmann::json transaction_event_to_json(const TransactionEventRecord &event);
nlohmann::json meter_value_to_json(const MeterValue &value);
nlohmann::json orphan_stop_to_json(const OrphanStop &stop);
nlohmann::json job_status_to_json(const JobStatusRecord &record);
nlohmann::json security_event_to_json(const SecurityEventRecord &record);
nlohmann::json certificate_request_to_json(const CertificateRequestRecord &record);

// {"status", "expiryDate", "parentIdTag"}: status required; `path` prefixes error fields.
Result<IdTagInfo> id_tag_info_from_json(const nlohmann::json &json, const std::string &path);

} // namespace manage::core
