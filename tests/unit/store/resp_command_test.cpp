#include "store/resp_command.hpp"

#include <gtest/gtest.h>

namespace ts::store {
namespace {

using namespace std::string_literals;

TEST(RespCommandTest, EncodesAnArrayOfBulkStrings) {
    std::string out;
    append_resp_command(out, {"XADD", "ts:{r}:log", "0-12", "e", std::string_view("a\0b", 3)});
    EXPECT_EQ(out, "*5\r\n$4\r\nXADD\r\n$10\r\nts:{r}:log\r\n$4\r\n0-12\r\n$1\r\ne\r\n$3\r\na\0b\r\n"s);
}

TEST(RespCommandTest, AppendsSoManyCommandsShareOneBuffer) {
    std::string out;
    append_resp_command(out, {"PING"});
    append_resp_command(out, {"SADD", "ts:rooms", ""});
    EXPECT_EQ(out, "*1\r\n$4\r\nPING\r\n*3\r\n$4\r\nSADD\r\n$8\r\nts:rooms\r\n$0\r\n\r\n");
}

}  // namespace
}  // namespace ts::store
