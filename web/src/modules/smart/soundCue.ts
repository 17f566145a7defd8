// The critical alarm's sound: two short beeps made with WebAudio (no sound file to ship or fail to load).
// Browsers start an AudioContext only after a user gesture, so the console's "sound on" button creates it.
let context: AudioContext | null = null;

/** Creates (or resumes) the audio context; call it from a click. */
export function unlockSound(): void {
  try {
    context ??= new AudioContext();
    void context.resume();
  } catch {
    context = null; // no audio device: the visible cue still shows
  }
}

export function beep(): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  for (const offset of [0, 0.35]) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'square';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
    osc.connect(gain).connect(context.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.3);
  }
}
