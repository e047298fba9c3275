// docs/events.md documents every topic core publishes (manage::core::topics::kAll).
#include "manage/core/event_topics.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

TEST(EventsDoc, ListsEveryPublishedTopic) {
    std::ifstream file(std::string(MANAGE_SOURCE_DIR) + "/docs/events.md");
    ASSERT_TRUE(file) << "docs/events.md is missing";
    std::stringstream text;
    text << file.rdbuf();
    for (const auto topic : manage::core::topics::kAll) {
        const auto heading = "### `" + std::string(topic) + "`";
        EXPECT_NE(text.str().find(heading), std::string::npos) << "docs/events.md has no section '" << heading << "'";
    }
}
