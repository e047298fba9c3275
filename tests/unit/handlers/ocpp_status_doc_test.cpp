// docs/ocpp-status.md is the users' table of what is implemented: it must list every message of both
// versions and mark "yes" exactly the charger's messages connect handles and the central system's
// messages the command API sends (both, for a message that goes both ways).
#include "manage/connect/ocpp_dispatcher.hpp"
#include "manage/core/command_service.hpp"
#include "manage/ocpp/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

using namespace manage;

namespace {

struct Row {
    std::string direction;
    bool implemented = false;
};

// message → its row, for the tables under `heading` (its ### sections included).
std::map<std::string, Row> read_table(const std::string &heading) {
    std::ifstream in(std::string(MANAGE_SOURCE_DIR) + "/docs/ocpp-status.md");
    std::map<std::string, Row> rows;
    std::string line;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0)
            inside = line == heading;
        if (!inside || line.rfind("| ", 0) != 0 || line.rfind("| message", 0) == 0 || line.rfind("|--", 0) == 0)
            continue;
        std::vector<std::string> cells;
        std::stringstream cells_in(line.substr(1));
        std::string cell;
        while (std::getline(cells_in, cell, '|'))
            cells.push_back(cell.substr(1, cell.size() - 2));
        if (cells.size() >= 3)
            rows[cells[0]] = Row{cells[1], cells[2] == "yes"};
    }
    return rows;
}

void expect_table_matches(const std::string &heading, ocpp::Version version) {
    const auto rows = read_table(heading);
    const auto handled = connect::OcppDispatcher::handled_actions(version);
    const auto &commands = core::command_actions(version);
    ASSERT_EQ(rows.size(), ocpp::known_actions(version).size()) << heading;
    for (const auto &action : ocpp::known_actions(version)) {
        const auto row = rows.find(action);
        ASSERT_NE(row, rows.end()) << action << " missing under " << heading;
        const bool is_handled = std::find(handled.begin(), handled.end(), action) != handled.end();
        const bool is_command = std::find(commands.begin(), commands.end(), action) != commands.end();
        const auto &direction = row->second.direction;
        const bool expected = direction == "both"                       ? is_handled && is_command
                              : direction == "central system → charger" ? is_command
                                                                        : is_handled;
        EXPECT_EQ(row->second.implemented, expected) << action << " (" << direction << ") under " << heading;
    }
}

} // namespace

TEST(OcppStatusDoc, Ocpp16TableMatchesTheCode) {
    expect_table_matches("## OCPP 1.6J (with the security extension)", ocpp::Version::v16);
}

TEST(OcppStatusDoc, Ocpp201TableMatchesTheCode) {
    expect_table_matches("## OCPP 2.0.1", ocpp::Version::v201);
}
