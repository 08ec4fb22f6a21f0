// A WebSocket that reconnects with exponential backoff and jitter.
// Shared by every live feature; framework-free.
export const STOP_CODES = new Set([4401, 4403, 4404, 4429]);

export function connect(path, { onMessage, onState } = {}) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  let attempt = 0;
  let socket;
  let stopped = false;

  function open() {
    socket = new WebSocket(`${scheme}//${location.host}${path}`);
    socket.addEventListener("open", () => { attempt = 0; onState?.("open"); });
    socket.addEventListener("message", (event) => onMessage?.(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      // Not signed in, not allowed, no such place, too many windows: retrying will not help.
      if (stopped || STOP_CODES.has(event.code)) { stopped = true; onState?.("closed", event.code); return; }
      onState?.("reconnecting");
      // Capped at 10 s: after an outage every page is back within seconds, jitter
      // spreading the reconnects.
      const delay = Math.min(10000, 500 * 2 ** attempt) * (0.5 + Math.random());
      attempt += 1;
      setTimeout(open, delay);
    });
  }
  open();
  return {
    send: (data) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(data)),
    close: () => { stopped = true; socket.close(); },
  };
}
