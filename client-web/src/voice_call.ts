// A person's voice in a room with voice: their microphone sent to the media server, and the
// others' voices heard, each over a plain RTCPeerConnection negotiated through the room's
// server (which alone speaks to the media server: the browser holds none of its secrets).
// Whether a voice is heard is enforced there; this only sends and plays. Each SDP goes with
// its ICE candidates in it (gathering is awaited), so no candidate travels on its own.
import { VoiceSignal_Kind, type Command, type VoiceSignal } from "./protocol";

export interface VoiceCallHost {
  // Sends a voice command; resolves once the server acknowledged it.
  request(command: Command): Promise<unknown>;
  // Where the others' voices play (one audio element each).
  audio: HTMLElement;
  // Something changed that the page shows (joined, left, a voice arrived or went).
  changed(): void;
}

// The room's servers: ICE finds its way to the media server over the networks it offers.
const rtcConfig: RTCConfiguration = { bundlePolicy: "max-bundle" };

async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== "complete") {
    await new Promise<void>((resolve) => {
      const check = () => {
        if (pc.iceGatheringState === "complete") {
          pc.removeEventListener("icegatheringstatechange", check);
          resolve();
        }
      };
      pc.addEventListener("icegatheringstatechange", check);
    });
  }
  return pc.localDescription!.sdp;
}

export class VoiceCall {
  private sending: RTCPeerConnection | null = null;
  private hearing: RTCPeerConnection | null = null;
  private microphone: MediaStream | null = null;
  private whose = new Map<string, string>(); // the listening connection's mid -> member id
  private microphoneOpen = false;
  joined = false;

  constructor(private readonly host: VoiceCallHost) {}

  // Joins the voice: the microphone (muted here until the person opens it) and the others.
  // withMicrophone false: only listens (an observer).
  async join(withMicrophone: boolean): Promise<void> {
    this.joined = true;
    this.host.changed();
    if (withMicrophone) {
      this.microphone = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      for (const track of this.microphone.getAudioTracks()) track.enabled = this.microphoneOpen;
      const pc = new RTCPeerConnection(rtcConfig);
      this.sending = pc;
      for (const track of this.microphone.getAudioTracks()) pc.addTransceiver(track, { direction: "sendonly" });
      await pc.setLocalDescription(await pc.createOffer());
      const sdp = await gathered(pc);
      await this.host.request({ case: "voicePublish", value: { sdp } });
    }
    await this.host.request({ case: "voiceListen", value: {} });
  }

  // The person's own choice, kept on the microphone itself: a voice the room lets through is
  // still silent while they keep it closed.
  setMicrophone(open: boolean): void {
    this.microphoneOpen = open;
    for (const track of this.microphone?.getAudioTracks() ?? []) track.enabled = open;
  }

  async leave(): Promise<void> {
    if (!this.joined) return;
    this.close();
    await this.host.request({ case: "voiceHangUp", value: {} }).catch(() => undefined);
  }

  // The media server went away (or the connection did): everything of the call is gone there.
  close(): void {
    this.joined = false;
    this.sending?.close();
    this.hearing?.close();
    this.sending = this.hearing = null;
    for (const track of this.microphone?.getTracks() ?? []) track.stop();
    this.microphone = null;
    this.whose.clear();
    this.host.audio.replaceChildren();
    this.host.changed();
  }

  async signal(signal: VoiceSignal): Promise<void> {
    if (signal.kind === VoiceSignal_Kind.PUBLISH_ANSWER) {
      await this.sending?.setRemoteDescription({ type: "answer", sdp: signal.sdp });
      return;
    }
    if (signal.kind !== VoiceSignal_Kind.LISTEN_OFFER || !this.joined) return;
    for (const stream of signal.streams) this.whose.set(stream.mid, stream.memberId);
    if (!this.hearing) {
      const pc = new RTCPeerConnection(rtcConfig);
      this.hearing = pc;
      pc.addEventListener("track", (e) => this.play(e.transceiver.mid ?? "", e.track));
    }
    const pc = this.hearing;
    await pc.setRemoteDescription({ type: "offer", sdp: signal.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    // A stream no longer offered has ended: its audio goes.
    const offered = new Set(signal.streams.map((s) => s.mid));
    for (const audio of [...this.host.audio.querySelectorAll("audio")])
      if (!offered.has(audio.dataset.mid ?? "")) audio.remove();
    const sdp = await gathered(pc);
    await this.host.request({ case: "voiceListenAnswer", value: { sdp } });
    this.host.changed();
  }

  private play(mid: string, track: MediaStreamTrack): void {
    let audio = this.host.audio.querySelector<HTMLAudioElement>(`audio[data-mid="${CSS.escape(mid)}"]`);
    if (!audio) {
      audio = document.createElement("audio");
      audio.autoplay = true;
      audio.dataset.mid = mid;
      this.host.audio.append(audio);
    }
    audio.dataset.memberId = this.whose.get(mid) ?? "";
    audio.srcObject = new MediaStream([track]);
    this.host.changed();
  }
}
