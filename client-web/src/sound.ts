// A short, gentle tone for "it is your turn", made on the spot (no audio file to load).
let context: AudioContext | null = null;

export function playTurnCue(): void {
  try {
    context ??= new AudioContext();
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = 660;
    gain.gain.setValueAtTime(0.0001, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.2, context.currentTime + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.6);
    osc.connect(gain).connect(context.destination);
    osc.start();
    osc.stop(context.currentTime + 0.6);
  } catch {
    // No audio here: the cue is optional, the announcement still happens.
  }
}
