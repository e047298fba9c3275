#pragma once
// The Bus contract's harness over RabbitMQ: each test gets an AmqpBus with quick retries on an exchange
// of its own, whose queues and exchange are deleted when the test ends.
#include "bus_contract.hpp"

#include <vector>

namespace manage::infra::testing {

// One adapter for the broker at MANAGE_TEST_AMQP_URL, none when it is unset.
std::vector<BusAdapter> amqp_adapters();

} // namespace manage::infra::testing
