#include "manage/sim/engine.hpp"
#include "manage/sim/generate.hpp"
#include "manage/sim/report.hpp"
#include "small_depot.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace manage::sim {
namespace {

std::size_t count(const std::string &text, const std::string &what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

TEST(Report, KpisJsonCarriesTheKpisAndEveryLimit) {
    const auto s = test::one_charger_one_vehicle();
    const auto r = simulate(s).value();
    std::ostringstream out;
    write_kpis_json(out, r);
    const auto json = nlohmann::json::parse(out.str());
    EXPECT_NEAR(json.at("energy_delivered_kwh").get<double>(), 50.0 / 0.9, 1e-4);
    EXPECT_NEAR(json.at("demand_charge").get<double>(), 500.0, 1e-9);
    ASSERT_EQ(json.at("limits").size(), 2u); // the grid and the charger
    EXPECT_EQ(json.at("limits")[1].at("node").get<std::string>(), "c1");
    EXPECT_NEAR(json.at("limits")[1].at("peak_kw").get<double>(), 50.0, 1e-9);
}

TEST(Report, SeriesHaveOneRowPerStepAndAColumnPerChargerAndVehicle) {
    const auto s = test::one_charger_one_vehicle();
    const auto r = simulate(s).value();
    std::ostringstream csv;
    write_series_csv(csv, r, s.start);
    std::istringstream lines(csv.str());
    std::string header;
    std::getline(lines, header);
    EXPECT_EQ(header, "time,site_kw,grid_limit_kw,c1_kw,v1_soc");
    std::string first;
    std::getline(lines, first);
    EXPECT_EQ(first, "2026-03-02T00:00:00.000Z,50,200,50,0.6125");
    EXPECT_EQ(count(csv.str(), "\n"), 49u); // the header and 48 quarter hours

    std::ostringstream json_text;
    write_series_json(json_text, r, s.start);
    const auto json = nlohmann::json::parse(json_text.str());
    EXPECT_EQ(json.at("site_kw").size(), 48u);
    EXPECT_EQ(json.at("vehicles_soc").at("v1").size(), 48u);
}

TEST(Report, ThePlotHasBothPanelsALegendAndALineForEachSmallFleetsVehicle) {
    const auto s = test::one_charger_one_vehicle();
    const auto r = simulate(s).value();
    std::ostringstream svg;
    write_plot_svg(svg, r, s.start);
    const auto text = svg.str();
    EXPECT_EQ(text.rfind("<svg ", 0), 0u);
    EXPECT_NE(text.find("</svg>"), std::string::npos);
    EXPECT_NE(text.find("site power (kW)"), std::string::npos);
    EXPECT_NE(text.find("state of charge (%)"), std::string::npos);
    EXPECT_NE(text.find(">grid limit<"), std::string::npos);
    EXPECT_NE(text.find(">v1<"), std::string::npos);
    EXPECT_EQ(count(text, "<polyline"), 3u); // limit, site power, one vehicle

    // A large fleet is drawn as a band and a mean, not a hundred lines.
    DepotSpec spec;
    spec.vehicles = 40;
    spec.chargers = 20;
    spec.days = 2;
    const auto big = generate_depot(spec);
    std::ostringstream big_svg;
    write_plot_svg(big_svg, simulate(big).value(), big.start);
    EXPECT_EQ(count(big_svg.str(), "<polyline"), 3u); // limit, site power, mean
    EXPECT_EQ(count(big_svg.str(), "<polygon"), 1u);
}

TEST(Report, TheComparisonHasARowPerRun) {
    const auto s = test::one_charger_one_vehicle();
    std::vector<RunResult> runs{simulate(s, "uncontrolled").value(), simulate(s, "edf").value()};
    std::ostringstream out;
    write_comparison(out, runs, {1.5, 2.5});
    EXPECT_EQ(count(out.str(), "\n"), 3u);
    EXPECT_NE(out.str().find("edf"), std::string::npos);
}

} // namespace
} // namespace manage::sim
