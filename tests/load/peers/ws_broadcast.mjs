// The peer: a minimal broadcast server written the way many teams would write one with
// the `ws` package. Every binary message is sent to every connected client. For
// benchmarks only (scripts/bench), driven by talkingstick-load in raw mode.
import { WebSocketServer } from "ws";

const port = Number(process.argv[2] ?? 0);
const wss = new WebSocketServer({ port, host: "127.0.0.1", perMessageDeflate: false });
wss.on("connection", (socket) => {
  socket.on("message", (data, isBinary) => {
    for (const client of wss.clients) if (client.readyState === 1) client.send(data, { binary: isBinary });
  });
});
wss.on("listening", () => console.log(`listening ws://127.0.0.1:${wss.address().port}`));
