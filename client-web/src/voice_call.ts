// A person's voice in a room with voice: their microphone sent to the media server, and the
// others' voices heard, each over a plain RTCPeerConnection negotiated through the room's
// server (which alone speaks to the media server: the browser holds none of its secrets).
// Whether a voice is heard is enforced there; this only sends and plays. Each SDP goes with
// its ICE candidates in it (gathering is awaited), so no candidate travels on its own.
// Who is speaking now is measured here, from the audio itself: the media server forwards only
// the voices the room lets through, so a voice loud enough here is one the room hears.
import { VoiceSignal_Kind, type Command, type IceServer, type VoiceSignal } from "./protocol";

export interface VoiceCallHost {
  // Sends a voice command; resolves once the server acknowledged it.
  request(command: Command): Promise<unknown>;
  // Where the others' voices play (one audio element each).
  audio: HTMLElement;
  // Something changed that the page shows (joined, left, a voice arrived or went).
  changed(): void;
}

// Louder than this (dB below full scale) is speech, not a room's background; a voice counts as
// speaking until it has been quieter for the hold, so that pauses between words do not flicker.
const speakingDb = -50;
const speakingHoldMs = 800;

// Who is speaking now: this person (their own open microphone), and the others heard.
export interface Speaking {
  self: boolean;
  others: string[]; // member ids
}

interface Meter {
  analyser: AnalyserNode;
  samples: Float32Array;
  loudAt: number; // when it was last loud (performance.now()), or -Infinity
}

function measure(meter: Meter, now: number): boolean {
  meter.analyser.getFloatTimeDomainData(meter.samples);
  let sum = 0;
  for (const v of meter.samples) sum += v * v;
  const db = 10 * Math.log10(sum / meter.samples.length + 1e-12);
  if (db > speakingDb) meter.loudAt = now;
  return now - meter.loudAt < speakingHoldMs;
}

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
  private context: AudioContext | null = null;
  private meters = new Map<string, Meter>(); // by the listening connection's mid; "" for one's own
  // TURN relays (and their credentials) from the room's voice status: the way to the media
  // server from behind NAT.
  iceServers: IceServer[] = [];
  joined = false;

  constructor(private readonly host: VoiceCallHost) {}

  // Joins the voice: the microphone (muted here until the person opens it) and the others.
  // withMicrophone false: only listens (an observer).
  async join(withMicrophone: boolean): Promise<void> {
    this.joined = true;
    this.host.changed();
    // Made on the click that joins, so that the browser lets it run.
    this.context = new AudioContext();
    if (withMicrophone) {
      this.microphone = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      for (const track of this.microphone.getAudioTracks()) track.enabled = this.microphoneOpen;
      this.meter("", this.microphone);
      const pc = new RTCPeerConnection(this.rtcConfig());
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
    this.meters.clear();
    void this.context?.close();
    this.context = null;
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
      const pc = new RTCPeerConnection(this.rtcConfig());
      this.hearing = pc;
      pc.addEventListener("track", (e) => this.play(e.transceiver.mid ?? "", e.track));
    }
    const pc = this.hearing;
    await pc.setRemoteDescription({ type: "offer", sdp: signal.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    // A stream no longer offered has ended: its audio goes.
    const offered = new Set(signal.streams.map((s) => s.mid));
    for (const audio of [...this.host.audio.querySelectorAll("audio")])
      if (!offered.has(audio.dataset.mid ?? "")) {
        this.meters.delete(audio.dataset.mid ?? "");
        audio.remove();
      }
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
    this.meter(mid, audio.srcObject);
    this.host.changed();
  }

  // Who is speaking now, by their voices' levels: the members heard, and whether this
  // person's own open microphone carries speech.
  speaking(): Speaking {
    const now = performance.now();
    const others: string[] = [];
    let self = false;
    for (const [mid, meter] of this.meters) {
      if (!measure(meter, now)) continue;
      if (mid === "") self = this.microphoneOpen;
      else {
        const who = this.whose.get(mid);
        if (who && !others.includes(who)) others.push(who);
      }
    }
    return { self, others };
  }

  private meter(key: string, stream: MediaStream): void {
    if (!this.context) return;
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 1024;
    this.context.createMediaStreamSource(stream).connect(analyser);
    this.meters.set(key, { analyser, samples: new Float32Array(analyser.fftSize), loudAt: -Infinity });
  }

  private rtcConfig(): RTCConfiguration {
    return {
      bundlePolicy: "max-bundle",
      iceServers: this.iceServers.map((s) => ({ urls: s.urls, username: s.username, credential: s.credential })),
    };
  }
}
