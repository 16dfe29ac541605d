#include "room_setup.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <google/protobuf/util/json_util.h>

#include <stdexcept>

#include "talkingstick/v1/protocol.pb.h"

namespace ts::load {

created_room create_room(const std::string& host, const std::string& port, const std::string& title) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    stream.connect(resolver.resolve(host, port));
    http::request<http::string_body> req{http::verb::post, "/api/rooms", 11};
    req.set(http::field::host, host);
    req.set(http::field::content_type, "application/json");
    talkingstick::v1::CreateRoomRequest body;
    body.set_title(title);
    (void)google::protobuf::util::MessageToJsonString(body, &req.body());
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    talkingstick::v1::CreateRoomResponse created;
    if (res.result() != http::status::created ||
        !google::protobuf::util::JsonStringToMessage(res.body(), &created).ok())
        throw std::runtime_error("could not create a room: " + res.body());
    return {created.room_id(), created.join_code(), created.moderator_key()};
}

}  // namespace ts::load
