#include "room/sha256.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "talkingstick/v1/protocol.pb.h"
#include "unit/room/golden_log.hpp"

namespace ts::room {
namespace {

std::string hex(std::string_view data) {
    auto digest = sha256(data);
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (auto b : digest) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

// Test vectors from FIPS 180-4 examples and NIST's SHA-256 short messages.
TEST(Sha256, KnownVectors) {
    EXPECT_EQ(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaries) {
    // 55, 56 and 64 bytes straddle the one-block / two-block padding boundary.
    EXPECT_EQ(hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

// Logs written before SHA-256 came from libcrypto keep working: each posted message's request
// digest in the golden logs (a SHA-256 of the command, recorded then) is what it gives today.
TEST(Sha256, TheDigestsInLogsWrittenBeforeAreTheSameToday) {
    std::size_t checked = 0;
    for (const auto& file : std::filesystem::directory_iterator(TS_GOLDEN_DIR)) {
        if (file.path().extension() != ".golden") continue;
        for (const auto& entry : test::read_golden(file.path().string())) {
            const auto& hidden = entry.logged.hidden;
            const auto& event = entry.logged.event;
            if (hidden.request_digest().empty() || !event.has_message_posted()) continue;
            const auto& posted = event.message_posted();
            if (posted.anonymous() || !posted.noted_by_member_id().empty()) continue;
            talkingstick::v1::ClientMessage command;
            command.mutable_post()->set_text(posted.text());
            EXPECT_EQ(sha256_bytes(command.SerializeAsString()).substr(0, 8), hidden.request_digest())
                << file.path().filename() << " entry " << event.seq();
            ++checked;
        }
    }
    EXPECT_GE(checked, 10u);
}

}  // namespace
}  // namespace ts::room
