// The client's address behind a reverse proxy: believed from Forwarded / X-Forwarded-For
// only when the connection comes from a trusted proxy, and never past a node that cannot be
// read or from the client's own claims further along the chain.
#include <gtest/gtest.h>

#include "net/client_address.hpp"

namespace ts::net {
namespace {

const auto proxy = boost::asio::ip::make_address("10.0.0.5");
const auto stranger = boost::asio::ip::make_address("203.0.113.9");

trusted_proxies ours() {
    trusted_proxies p;
    EXPECT_TRUE(p.add("10.0.0.0/8"));
    EXPECT_TRUE(p.add("::1"));
    return p;
}

TEST(ClientAddressTest, WithoutATrustedProxyTheHeadersAreIgnored) {
    EXPECT_EQ(client_address(stranger, "for=198.51.100.1", "198.51.100.1", ours()), "203.0.113.9");
    EXPECT_EQ(client_address(proxy, "for=198.51.100.1", "198.51.100.1", trusted_proxies{}), "10.0.0.5");
}

TEST(ClientAddressTest, FromATrustedProxyTheNearestUntrustedNodeIsTheClient) {
    // The client may put anything on the left: only what our proxies added counts.
    EXPECT_EQ(client_address(proxy, "", "1.2.3.4, 198.51.100.1", ours()), "198.51.100.1");
    EXPECT_EQ(client_address(proxy, "", "198.51.100.1, 10.0.0.7", ours()), "198.51.100.1");
    EXPECT_EQ(client_address(proxy, "for=1.2.3.4, for=198.51.100.1;proto=https", "9.9.9.9", ours()), "198.51.100.1")
        << "Forwarded is preferred to X-Forwarded-For";
    EXPECT_EQ(client_address(proxy, "for=\"[2001:db8::7]:4711\"", "", ours()), "2001:db8::7");
    EXPECT_EQ(client_address(proxy, "", "198.51.100.1:5555", ours()), "198.51.100.1");
}

TEST(ClientAddressTest, AChainThatCannotBeReadGivesTheProxy) {
    EXPECT_EQ(client_address(proxy, "", "", ours()), "10.0.0.5");
    EXPECT_EQ(client_address(proxy, "", "198.51.100.1, unknown", ours()), "10.0.0.5");
    EXPECT_EQ(client_address(proxy, "for=_hidden", "", ours()), "10.0.0.5");
    EXPECT_EQ(client_address(proxy, "", "10.0.0.8, 10.0.0.9", ours()), "10.0.0.5") << "only our proxies";
}

TEST(ClientAddressTest, NetworksAndSingleAddressesOfBothFamilies) {
    trusted_proxies p;
    EXPECT_FALSE(p.add("10.0.0.0/33"));
    EXPECT_FALSE(p.add("not-an-address"));
    EXPECT_TRUE(p.add("192.168.1.0/24"));
    EXPECT_TRUE(p.add("fd00::/8"));
    EXPECT_TRUE(p.add("127.0.0.1"));
    EXPECT_TRUE(p.contains(boost::asio::ip::make_address("192.168.1.200")));
    EXPECT_FALSE(p.contains(boost::asio::ip::make_address("192.168.2.1")));
    EXPECT_TRUE(p.contains(boost::asio::ip::make_address("fd12::1")));
    EXPECT_TRUE(p.contains(boost::asio::ip::make_address("127.0.0.1")));
    EXPECT_TRUE(p.contains(boost::asio::ip::make_address("::ffff:127.0.0.1"))) << "IPv4 on a dual-stack socket";
    EXPECT_FALSE(p.contains(boost::asio::ip::make_address("127.0.0.2")));
}

}  // namespace
}  // namespace ts::net
