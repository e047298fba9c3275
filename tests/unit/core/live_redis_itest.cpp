// Two nodes' LiveHubs sharing a real redis-server (MANAGE_TEST_REDIS_URL) as their Cache.
#include "live_hub_cases.hpp"
#include "manage/infra/redis_cache.hpp"

#include <cstdlib>

namespace manage::testing {
namespace {

class LiveOnRedis : public LiveHubCases {
protected:
    infra::Cache &shared_cache() override {
        if (!redis_) {
            const char *url = std::getenv("MANAGE_TEST_REDIS_URL");
            EXPECT_NE(url, nullptr) << "MANAGE_TEST_REDIS_URL is not set";
            auto opened = infra::RedisCache::open(url ? url : "");
            EXPECT_TRUE(opened) << opened.error().message;
            if (opened)
                redis_ = std::move(opened).value();
        }
        return redis_ ? static_cast<infra::Cache &>(*redis_) : cache_;
    }
    void TearDown() override {
        LiveHubCases::TearDown();
        redis_.reset();
    }
    std::unique_ptr<infra::RedisCache> redis_;
};

TEST_F(LiveOnRedis, AnEventAppliedOnOneNodeReachesTheOtherNodesStreamAndSnapshot) {
    ASSERT_NE(std::getenv("MANAGE_TEST_REDIS_URL"), nullptr);
    run_cross_node_case();
}

} // namespace
} // namespace manage::testing
