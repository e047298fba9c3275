#include "sql_statements.hpp"

#include <algorithm>
#include <cctype>

namespace manage::infra::detail {
namespace {

bool is_blank(const std::string &text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

std::string trimmed(const std::string &text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    const auto last = text.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
}

// The index just past the quoted text that opens at `open` (a doubled quote stays inside).
std::size_t skip_quoted(std::string_view sql, std::size_t open) {
    const char quote = sql[open];
    for (auto i = open + 1; i < sql.size(); ++i) {
        if (sql[i] != quote)
            continue;
        if (i + 1 < sql.size() && sql[i + 1] == quote) {
            ++i;
            continue;
        }
        return i + 1;
    }
    return sql.size();
}

// The index just past the comment that opens at `open`, or `open` when none does.
std::size_t skip_comment(std::string_view sql, std::size_t open) {
    if (sql.substr(open, 2) == "--") {
        const auto end = sql.find('\n', open);
        return end == std::string_view::npos ? sql.size() : end;
    }
    if (sql.substr(open, 2) == "/*") {
        const auto end = sql.find("*/", open + 2);
        return end == std::string_view::npos ? sql.size() : end + 2;
    }
    return open;
}

} // namespace

std::vector<std::string> split_sql_statements(std::string_view sql) {
    std::vector<std::string> statements;
    std::string current;
    const auto finish_statement = [&] {
        if (!is_blank(current))
            statements.push_back(trimmed(current));
        current.clear();
    };
    for (std::size_t i = 0; i < sql.size();) {
        if (const auto after_comment = skip_comment(sql, i); after_comment != i) {
            current += ' ';
            i = after_comment;
        } else if (sql[i] == '\'' || sql[i] == '"') {
            const auto end = skip_quoted(sql, i);
            current.append(sql.substr(i, end - i));
            i = end;
        } else if (sql[i] == ';') {
            finish_statement();
            ++i;
        } else {
            current += sql[i++];
        }
    }
    finish_statement();
    return statements;
}

} // namespace manage::infra::detail
