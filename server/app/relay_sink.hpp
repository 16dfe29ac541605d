#pragma once
// A connection on another node of the cluster, as the room's owner sees it: what the owner
// sends it goes to that node's inbox, which hands it to the connection once that node's
// replica of the room has caught up with it.
#include <memory>
#include <string>

#include "net/frame_sink.hpp"
#include "store/node_mailbox.hpp"

namespace ts::app {

class relay_sink final : public net::frame_sink {
public:
    relay_sink(std::shared_ptr<store::node_mailbox> mailbox, std::string node, std::string room_id,
               std::uint64_t connection_id)
        : mailbox_(std::move(mailbox)), node_(std::move(node)), room_id_(std::move(room_id)), id_(connection_id) {}

    void send(net::shared_frame frame) override {
        mailbox_->send(node_, {"reply", room_id_, mailbox_->node_id(), id_, *frame, 0});
    }
    void finish(std::uint16_t code, std::string reason) override {
        mailbox_->send(node_, {"finish", room_id_, mailbox_->node_id(), id_, std::move(reason), code});
    }
    bool relayed() const override { return true; }

private:
    std::shared_ptr<store::node_mailbox> mailbox_;
    std::string node_;
    std::string room_id_;
    std::uint64_t id_;  // the connection's number on its own node
};

}  // namespace ts::app
