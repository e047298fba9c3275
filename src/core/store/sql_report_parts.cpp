#include "store/sql_report_parts.hpp"

namespace manage::core::sql {

Assembly keep_part(soci::session &session, const NewPart &part) {
    Assembly out;
    const int tbc = part.tbc ? 1 : 0;
    int number = 0;
    if (part.seq_no) {
        int kept_tbc = 0;
        std::string kept_content;
        session << "SELECT tbc, content FROM station_report_parts WHERE charger_id = :charger AND kind = :kind AND "
                   "request_id = :request AND seq_no = :seq",
            soci::use(part.charger_id), soci::use(part.kind), soci::use(part.request_id), soci::use(*part.seq_no),
            soci::into(kept_tbc), soci::into(kept_content);
        if (session.got_data()) {
            out.verdict =
                kept_tbc == tbc && kept_content == part.content ? PartVerdict::Resent : PartVerdict::Conflicting;
            return out;
        }
        number = *part.seq_no;
    } else {
        int same = 0;
        session << "SELECT COUNT(*) FROM station_report_parts WHERE charger_id = :charger AND kind = :kind AND "
                   "request_id = :request AND tbc = :tbc AND content = :content",
            soci::use(part.charger_id), soci::use(part.kind), soci::use(part.request_id), soci::use(tbc),
            soci::use(part.content), soci::into(same);
        if (same > 0) {
            out.verdict = PartVerdict::Resent;
            return out;
        }
        int last = -1;
        soci::indicator last_indicator = soci::i_null;
        session << "SELECT MAX(seq_no) FROM station_report_parts WHERE charger_id = :charger AND kind = :kind AND "
                   "request_id = :request",
            soci::use(part.charger_id), soci::use(part.kind), soci::use(part.request_id),
            soci::into(last, last_indicator);
        number = last_indicator == soci::i_ok ? last + 1 : 0;
    }
    auto generated_at = sql::nullable_ms(part.generated_at);
    const long long received = to_ms(part.received_at);
    session << "INSERT INTO station_report_parts (charger_id, kind, request_id, seq_no, tbc, generated_at, content, "
               "applied, received_at) VALUES (:charger, :kind, :request, :seq, :tbc, :generated, :content, 0, "
               ":received)",
        soci::use(part.charger_id), soci::use(part.kind), soci::use(part.request_id), soci::use(number), soci::use(tbc),
        soci::use(generated_at.value, generated_at.indicator), soci::use(part.content), soci::use(received);

    std::vector<KeptPart> pending;
    {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT seq_no, tbc FROM station_report_parts WHERE charger_id = :charger AND kind = "
                                ":kind AND request_id = :request AND applied = 0",
             soci::use(part.charger_id), soci::use(part.kind), soci::use(part.request_id));
        for (const auto &row : rows)
            pending.push_back(KeptPart{row.get<int>(0), row.get<int>(1) != 0});
    }
    std::optional<int> last;
    if (part.seq_no) {
        if (const auto length = complete_report_length(pending))
            last = *length - 1;
    } else if (!part.tbc) {
        last = number;
    }
    if (!last)
        return out;
    std::vector<KeptContent> parts;
    {
        soci::rowset<soci::row> rows =
            (session.prepare << "SELECT seq_no, generated_at, content FROM station_report_parts WHERE charger_id = "
                                ":charger AND kind = :kind AND request_id = :request AND applied = 0 AND seq_no <= "
                                ":last ORDER BY seq_no",
             soci::use(part.charger_id), soci::use(part.kind), soci::use(part.request_id), soci::use(*last));
        for (const auto &row : rows)
            parts.push_back(
                KeptContent{row.get<int>(0), sql::optional_value<long long>(row, 1), row.get<std::string>(2)});
    }
    session << "UPDATE station_report_parts SET applied = 1 WHERE charger_id = :charger AND kind = :kind AND "
               "request_id = :request AND applied = 0 AND seq_no <= :last",
        soci::use(part.charger_id), soci::use(part.kind), soci::use(part.request_id), soci::use(*last);
    out.completed = std::move(parts);
    return out;
}

} // namespace manage::core::sql
