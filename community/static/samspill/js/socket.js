// A WebSocket that reconnects with exponential backoff and jitter.
// Shared by every live feature; framework-free.
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
      // 4401/4403: not signed in or not allowed; retrying will not help.
      if (stopped || event.code === 4401 || event.code === 4403) { onState?.("closed", event.code); return; }
      onState?.("reconnecting");
      const delay = Math.min(30000, 500 * 2 ** attempt) * (0.5 + Math.random());
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
