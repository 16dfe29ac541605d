#pragma once
// A WebSocket client for integration tests, speaking the real protocol over a real socket.
// Beast stays inside test_client.cpp so that test files compile quickly.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::test {

namespace pb = talkingstick::v1;

// Whom a TLS client trusts: only the certificates in ca_file, for this name.
struct tls_trust {
    std::string ca_file;
    std::string server_name = "localhost";
};

class ws_client {
public:
    // Connects to ws://127.0.0.1:port/ws offering protocol. Throws if the handshake fails.
    explicit ws_client(int port, const std::string& protocol = "talkingstick.v1");
    // receive_buffer_bytes > 0 shrinks the socket's receive buffer: a deliberately slow reader.
    ws_client(int port, int receive_buffer_bytes);
    // Connects to wss://127.0.0.1:port/ws, checking the server's certificate against trust.
    ws_client(int port, const tls_trust& trust);
    ~ws_client();

    void send(const pb::ClientMessage& message);
    void send_binary(const std::string& bytes);
    void send_text(const std::string& text);

    // The next message, or nullopt when the connection closed (see close_code()) or
    // nothing came within timeout_ms.
    std::optional<pb::ServerMessage> receive(int timeout_ms = 10000);

    // Receives until match(message) holds and returns that message. Throws on close or timeout.
    pb::ServerMessage receive_until(const std::function<bool(const pb::ServerMessage&)>& match, int timeout_ms = 10000);

    // Sends message with a fresh request id; returns the Ack, Welcome or Error answering it.
    pb::ServerMessage request(pb::ClientMessage message);

    // Joins and returns the answer (a Welcome, or an Error).
    pb::ServerMessage join(const std::string& room_id, const std::string& name, const std::string& join_code,
                           const std::string& moderator_key = "", const std::string& resume_token = "",
                           std::uint64_t last_seq = 0);
    pb::ServerMessage post(const std::string& text);

    // Reads (and keeps events) until the connection ends; returns close_code() (-1 when it is
    // still open after timeout_ms, however much it was sent meanwhile).
    int wait_closed(int timeout_ms = 30000);

    // Waits for the event with this seq (it may have arrived already).
    const pb::Event& wait_for_seq(std::uint64_t seq);

    // Every event seen, in arrival order: Welcome history, then broadcasts.
    const std::vector<pb::Event>& events() const { return events_; }
    // Every byte of every frame received since the last forget_received(), as it came.
    const std::string& received() const { return received_; }
    void forget_received() { received_.clear(); }
    // The close code the server sent, 0 if none yet.
    int close_code() const { return close_code_; }
    std::string close_reason() const { return close_reason_; }
    void close();

private:
    void handshake(int port, const std::string& protocol);
    struct impl;
    std::unique_ptr<impl> impl_;
    std::vector<pb::Event> events_;
    std::vector<pb::ServerMessage> unbatched_;  // the rest of a received batch, in order
    std::string received_;
    pb::ServerMessage keep(pb::ServerMessage message);
    int close_code_ = 0;
    std::string close_reason_;
};

struct http_reply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
};

http_reply http_request(int port, const std::string& method, const std::string& target, const std::string& body = "",
                        const std::map<std::string, std::string>& headers = {});

// The same over HTTPS; throws if the server's certificate is not trusted.
http_reply https_request(int port, const tls_trust& trust, const std::string& method, const std::string& target,
                         const std::string& body = "", const std::map<std::string, std::string>& headers = {});

// Completes a TLS handshake offering at most max_version (e.g. TLS1_1_VERSION), with every
// cipher the client's OpenSSL knows allowed; returns empty on success, else why it failed.
std::string tls_handshake_error(int port, const tls_trust& trust, int max_version);

// The HTTP status a WebSocket handshake offering protocol gets (101 if accepted).
int handshake_status(int port, const std::string& protocol, const std::string& origin = "",
                     const std::string& host = "127.0.0.1");

}  // namespace ts::test
