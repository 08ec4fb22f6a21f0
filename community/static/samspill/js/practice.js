// Practice room: record in the browser (MediaRecorder, optional count-in clicks at the
// assignment's tempo from an OscillatorNode) and draw each take's waveform locally with
// Web Audio. No third-party script; everything the page needs is in data-attributes.

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) return decodeURIComponent(match[1]);
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

function countIn(tempo) {
  const context = new AudioContext();
  const beat = 60 / tempo;
  const start = context.currentTime + 0.1;
  for (let i = 0; i < 4; i += 1) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = i === 0 ? 1500 : 1000;
    gain.gain.setValueAtTime(0.4, start + i * beat);
    gain.gain.exponentialRampToValueAtTime(0.001, start + i * beat + 0.08);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + i * beat);
    oscillator.stop(start + i * beat + 0.1);
  }
  return new Promise((resolve) => setTimeout(() => { context.close(); resolve(); }, (0.1 + 4 * beat) * 1000));
}

function setupRecorder(root) {
  const $ = (name) => root.querySelector(`[data-recorder-${name}]`);
  const status = $("status");
  const say = (key) => { status.textContent = root.dataset[key] || ""; };
  root.hidden = false;
  if (!navigator.mediaDevices || !window.MediaRecorder) { say("msgUnsupported"); $("start").disabled = true; return; }
  let recorder = null;
  let chunks = [];
  let blob = null;

  $("start").addEventListener("click", async () => {
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      say(error && error.name === "NotFoundError" ? "msgMissing" : "msgDenied");
      return;
    }
    const tempo = Number(root.dataset.tempo);
    const wantsCountIn = $("countin") && $("countin").checked;
    $("start").disabled = true;
    $("keep").hidden = true;
    $("preview").hidden = true;
    if (tempo && wantsCountIn) await countIn(tempo);
    chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data.size) chunks.push(event.data);
      root.dataset.recordedChunks = String(chunks.length); // tests wait on this, not on time
    });
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((track) => track.stop());
      blob = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
      const preview = $("preview");
      preview.src = URL.createObjectURL(blob);
      preview.hidden = false;
      $("keep").hidden = false;
      $("start").disabled = false;
      $("stop").disabled = true;
      say("msgReady");
      $("keep").focus();
    });
    recorder.start(250); // a chunk every quarter second, so progress is visible as it comes
    $("stop").disabled = false;
    $("stop").focus();
    say("msgRecording");
  });

  $("stop").addEventListener("click", () => { if (recorder && recorder.state !== "inactive") recorder.stop(); });

  $("keep").addEventListener("click", async () => {
    if (!blob) return;
    const extension = blob.type.includes("mp4") ? "m4a" : blob.type.includes("ogg") ? "ogg" : "webm";
    const body = new FormData();
    body.append("file", blob, `take.${extension}`);
    $("keep").disabled = true;
    say("msgSaving");
    try {
      const response = await fetch(root.dataset.uploadUrl, {
        method: "POST", body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      });
      const data = await response.json();
      if (response.ok && data.url) { window.location.assign(data.url); return; }
      status.textContent = data.error || root.dataset.msgFailed;
    } catch (error) {
      say("msgFailed");
    }
    $("keep").disabled = false;
  });
}

async function drawWaveform(canvas, audio) {
  try {
    const response = await fetch(audio.currentSrc || audio.src, { credentials: "same-origin" });
    const context = new (window.OfflineAudioContext || window.AudioContext)(1, 44100, 44100);
    const buffer = await context.decodeAudioData(await response.arrayBuffer());
    const data = buffer.getChannelData(0);
    const draw = canvas.getContext("2d");
    const { width, height } = canvas;
    const step = Math.max(1, Math.floor(data.length / width));
    draw.clearRect(0, 0, width, height);
    draw.fillStyle = "#1d4ed8";
    for (let x = 0; x < width; x += 1) {
      let peak = 0;
      for (let i = x * step; i < (x + 1) * step && i < data.length; i += 1) peak = Math.max(peak, Math.abs(data[i]));
      const bar = Math.max(1, peak * height);
      draw.fillRect(x, (height - bar) / 2, 1, bar);
    }
  } catch (error) {
    canvas.hidden = true; // the audio element still plays and seeks
  }
}

function setupPlayer(root) {
  const audio = root.querySelector("[data-player-audio]");
  const canvas = root.querySelector("[data-waveform]");
  drawWaveform(canvas, audio);
  canvas.addEventListener("click", (event) => {
    if (!audio.duration) return;
    const box = canvas.getBoundingClientRect();
    audio.currentTime = ((event.clientX - box.left) / box.width) * audio.duration;
  });
  return audio;
}

const players = [...document.querySelectorAll("[data-player]")].map(setupPlayer);
document.querySelectorAll("[data-recorder]").forEach(setupRecorder);
const first = players[0];
if (first) {
  document.querySelectorAll("[data-seek]").forEach((button) => {
    button.addEventListener("click", () => { first.currentTime = Number(button.dataset.seek); first.play(); });
  });
  const use = document.querySelector("[data-use-position]");
  const at = document.querySelector("input[name=at_seconds]");
  if (use && at) {
    use.hidden = false;
    use.addEventListener("click", () => { at.value = first.currentTime.toFixed(1); at.focus(); });
  }
}
