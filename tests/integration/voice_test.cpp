// Voice on a real Janus: a room with voice has a Janus room that only the server can manage,
// everyone hears whether voice works, and without Janus the meeting goes on as text until
// Janus is back and the server has made the room again.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>
#include <future>
#include <thread>

#include "integration/fixture.hpp"
#include "net/janus_link.hpp"

namespace ts::test {
namespace {

namespace json = boost::json;

// The test's own client of Janus, to see what the server made there (with the voice secret,
// as an operator could).
class janus_peek {
public:
    explicit janus_peek(const janus_process& janus) {
        std::promise<void> up;
        auto up_future = up.get_future();
        net::janus_options options;
        options.url = janus.url();
        const auto secret = read_file(janus.secret_file());
        options.api_secret = secret.substr(0, secret.find('\n'));
        link_ = net::janus_link::make(
            io_, options,
            [up = std::make_shared<std::promise<void>>(std::move(up))](bool is_up) {
                if (is_up) up->set_value();
            },
            nullptr);
        link_->start();
        thread_ = std::thread([this] { io_.run(); });
        if (up_future.wait_for(std::chrono::seconds(20)) != std::future_status::ready)
            throw std::runtime_error("the test could not reach Janus");
        std::promise<std::uint64_t> handle;
        link_->attach("janus.plugin.videoroom", [&handle](std::optional<std::uint64_t> h, net::janus_answer a) {
            if (h)
                handle.set_value(*h);
            else
                handle.set_exception(std::make_exception_ptr(std::runtime_error(a.error)));
        });
        handle_ = handle.get_future().get();
    }
    ~janus_peek() {
        link_->stop();
        work_.reset();
        io_.stop();
        thread_.join();
    }

    net::janus_answer request(json::object body) {
        std::promise<net::janus_answer> answer;
        link_->message(handle_, std::move(body), std::nullopt,
                       [&answer](net::janus_answer a) { answer.set_value(std::move(a)); });
        return answer.get_future().get();
    }

    bool exists(const std::string& room_id) {
        auto a = request({{"request", "exists"}, {"room", room_id}});
        EXPECT_TRUE(a.ok()) << a.error;
        auto it = a.plugin_data().find("exists");
        return it != a.plugin_data().end() && it->value().is_bool() && it->value().get_bool();
    }

    // Polls (Janus says nothing of it by itself) until the room exists or not, for 10 s.
    bool becomes(const std::string& room_id, bool existing) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (exists(room_id) != existing) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return true;
    }

private:
    boost::asio::io_context io_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_{io_.get_executor()};
    std::shared_ptr<net::janus_link> link_;
    std::thread thread_;
    std::uint64_t handle_ = 0;
};

class VoiceTest : public ServerTest {
protected:
    void SetUp() override {
        janus = std::make_unique<janus_process>();
        start_server(voice_flags());
    }
    std::vector<std::string> voice_flags() const {
        return {"--janus", janus->url(), "--voice-secret-file", janus->secret_file()};
    }

    static pb::ClientMessage set_voice(pb::VoiceMode mode) {
        pb::ClientMessage m;
        m.mutable_set_voice()->mutable_settings()->set_mode(mode);
        return m;
    }
    static pb::VoiceStatus voice_status(ws_client& c, bool available) {
        return c
            .receive_until([available](const pb::ServerMessage& m) {
                return m.has_voice_status() && m.voice_status().available() == available;
            })
            .voice_status();
    }

    std::unique_ptr<janus_process> janus;
};

TEST_F(VoiceTest, ARoomWithVoiceHasAJanusRoomOnlyTheServerCanManage) {
    auto room = create_room("Voices");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    janus_peek peek(*janus);
    // A room without voice has none there, and nobody is told of voice.
    EXPECT_FALSE(peek.exists(room.room_id()));

    ASSERT_TRUE(mod->request(set_voice(pb::VOICE_FLOOR)).has_ack());
    EXPECT_TRUE(voice_status(*mod, true).reason().empty());
    EXPECT_TRUE(peek.exists(room.room_id()));
    // Nobody without the room's secret can change it: not even with the Janus API's secret.
    auto destroy = peek.request({{"request", "destroy"}, {"room", room.room_id()}, {"secret", "guess"}});
    EXPECT_EQ(destroy.error_code, 433) << destroy.error;  // JANUS_VIDEOROOM_ERROR_UNAUTHORIZED
    EXPECT_TRUE(peek.exists(room.room_id()));

    // Someone joining later hears it just after their welcome.
    auto ada = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    voice_status(*ada, true);

    // Voice off: the Janus room goes.
    ASSERT_TRUE(mod->request(set_voice(pb::VOICE_OFF)).has_ack());
    EXPECT_TRUE(peek.becomes(room.room_id(), false));
}

// Browsers behind NAT reach Janus through a TURN relay: everyone in a room with voice is given
// it with credentials that expire, which a real coturn accepts (and a forged one it refuses).
TEST_F(VoiceTest, BrowsersAreGivenTurnCredentialsThatCoturnAccepts) {
    turn_process turn;
    auto flags = voice_flags();
    for (auto f : {std::string("--turn"), turn.url(), std::string("--turn-secret-file"), turn.secret_file()})
        flags.push_back(f);
    restart_server(flags);
    auto room = create_room("Relayed");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    ASSERT_TRUE(mod->request(set_voice(pb::VOICE_FLOOR)).has_ack());
    auto status = voice_status(*mod, true);
    ASSERT_EQ(status.ice_servers_size(), 1);
    const auto& relay = status.ice_servers(0);
    ASSERT_EQ(relay.urls_size(), 1);
    EXPECT_EQ(relay.urls(0), turn.url());
    // "<expiry>:<room>", a day from now.
    const auto colon = relay.username().find(':');
    ASSERT_NE(colon, std::string::npos) << relay.username();
    EXPECT_EQ(relay.username().substr(colon + 1), room.room_id());
    const auto expiry = std::stoll(relay.username().substr(0, colon));
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    EXPECT_NEAR(static_cast<double>(expiry - now), 86400.0, 60.0);
    EXPECT_TRUE(turn.allocates(relay.username(), relay.credential()));
    EXPECT_FALSE(turn.allocates(relay.username(), "Zm9yZ2VkIGNyZWRlbnRpYWw="));
    auto longer = relay.username();
    longer.replace(0, colon, std::to_string(expiry + 86400));  // a longer life, not signed so
    EXPECT_FALSE(turn.allocates(longer, relay.credential()));

    // Someone joining later is given the relay with their welcome's status.
    auto ada = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    EXPECT_EQ(voice_status(*ada, true).ice_servers_size(), 1);
}

TEST_F(VoiceTest, WithoutJanusTheMeetingGoesOnAsTextAndVoiceComesBackWithIt) {
    auto room = create_room("Outage");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    ASSERT_TRUE(mod->request(set_voice(pb::VOICE_OPEN)).has_ack());
    voice_status(*mod, true);

    janus->kill();
    auto down = voice_status(*mod, false);
    EXPECT_NE(down.reason().find("goes on as text"), std::string::npos) << down.reason();
    // Everything but voice works.
    EXPECT_TRUE(mod->post("We carry on in writing.").has_ack());
    auto ada = client();
    ASSERT_TRUE(ada->join(room.room_id(), "Ada", room.join_code()).has_welcome());
    EXPECT_FALSE(voice_status(*ada, false).reason().empty());

    // Janus comes back empty: the server makes the room again, and says voice works.
    janus->start();
    voice_status(*mod, true);
    voice_status(*ada, true);
    janus_peek peek(*janus);
    EXPECT_TRUE(peek.exists(room.room_id()));
}

TEST_F(VoiceTest, AfterARestartTheServerStillManagesTheJanusRoomItMade) {
    auto room = create_room("Restart");
    {
        auto mod = client();
        ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
        ASSERT_TRUE(mod->request(set_voice(pb::VOICE_FLOOR)).has_ack());
        voice_status(*mod, true);
    }
    restart_server(voice_flags());
    // Janus kept the room; the server finds it there, with the secret it derives again.
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    voice_status(*mod, true);
    ASSERT_TRUE(mod->request(set_voice(pb::VOICE_OFF)).has_ack());
    janus_peek peek(*janus);
    EXPECT_TRUE(peek.becomes(room.room_id(), false));
}

TEST_F(VoiceTest, VoiceSignallingThatCannotBeCarriedIsRefusedWithATypedError) {
    auto room = create_room("Signals");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    auto publish = [](const std::string& sdp) {
        pb::ClientMessage m;
        m.mutable_voice_publish()->set_sdp(sdp);
        return m;
    };
    const std::string audio = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";
    // No voice in the room: nothing to carry.
    auto refused = mod->request(publish(audio));
    ASSERT_TRUE(refused.has_error());
    EXPECT_EQ(refused.error().code(), pb::CONFLICT) << refused.error().message();

    ASSERT_TRUE(mod->request(set_voice(pb::VOICE_OPEN)).has_ack());
    voice_status(*mod, true);
    // Voice only: a camera or a data channel is refused, as is an offer with no audio at all.
    for (const auto& sdp : {std::string("v=0\r\nm=audio 9 RTP 111\r\na=mid:0\r\nm=video 9 RTP 96\r\na=mid:1\r\n"),
                            std::string("v=0\r\nm=application 9 DTLS/SCTP 5000\r\na=mid:0\r\n"), std::string("v=0\r\n"),
                            audio + std::string(40000, 'a')}) {
        auto bad = mod->request(publish(sdp));
        ASSERT_TRUE(bad.has_error());
        EXPECT_EQ(bad.error().code(), pb::BAD_REQUEST) << bad.error().message();
    }
    // An answer with no offer waiting for it.
    pb::ClientMessage answer;
    answer.mutable_voice_listen_answer()->set_sdp(audio);
    auto early = mod->request(answer);
    ASSERT_TRUE(early.has_error());
    EXPECT_EQ(early.error().code(), pb::CONFLICT) << early.error().message();
    // Hearing the others when nobody sends a voice yet: accepted, and nothing more comes.
    pb::ClientMessage listen;
    listen.mutable_voice_listen();
    EXPECT_TRUE(mod->request(listen).has_ack());
    pb::ClientMessage hang_up;
    hang_up.mutable_voice_hang_up();
    EXPECT_TRUE(mod->request(hang_up).has_ack());
    // The meeting goes on as ever.
    EXPECT_TRUE(mod->post("Still here.").has_ack());
}

using VoiceWithoutJanusTest = ServerTest;

TEST_F(VoiceWithoutJanusTest, AServerWithNoVoiceServerSaysVoiceIsUnavailable) {
    auto room = create_room("Text only");
    auto mod = client();
    ASSERT_TRUE(mod->join(room.room_id(), "Mo", "", room.moderator_key()).has_welcome());
    pb::ClientMessage voice;
    voice.mutable_set_voice()->mutable_settings()->set_mode(pb::VOICE_FLOOR);
    ASSERT_TRUE(mod->request(voice).has_ack());  // the setting is kept, for a server with voice
    pb::ClientMessage listen;
    listen.mutable_voice_listen();
    auto refused = mod->request(listen);
    ASSERT_TRUE(refused.has_error());
    EXPECT_EQ(refused.error().code(), pb::VOICE_UNAVAILABLE) << refused.error().message();
}

}  // namespace
}  // namespace ts::test
