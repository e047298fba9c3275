#include "manage/common/ids.hpp"

#include <gtest/gtest.h>

#include <set>

TEST(Ids, UuidIsVersion4InCanonicalForm) {
    for (int i = 0; i < 100; ++i) {
        const auto id = manage::new_uuid();
        ASSERT_EQ(id.size(), 36u);
        for (std::size_t p : {8u, 13u, 18u, 23u})
            EXPECT_EQ(id[p], '-') << id;
        EXPECT_EQ(id[14], '4') << id;
        EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;
        EXPECT_EQ(id.find_first_not_of("0123456789abcdef-"), std::string::npos) << id;
    }
}

TEST(Ids, IdsDoNotRepeat) {
    std::set<std::string> seen;
    for (int i = 0; i < 10000; ++i) {
        EXPECT_TRUE(seen.insert(manage::new_short_id()).second);
    }
}
