// Live chat client: resume without gaps, never drop what the member typed.
import { connect, STOP_CODES } from "./socket.js";

const root = document.querySelector("[data-chat-room]");
const t = JSON.parse(document.getElementById("chat-i18n")?.textContent || "{}");
// How long a message may wait for the server's ack before it is sent again (same
// client id, so the server stores it once whatever happens).
const ACK_TIMEOUT = 8000;

if (root) {
  const panel = root.hasAttribute("data-panel");
  const userId = Number(root.dataset.userId || 0);
  const canModerate = root.dataset.canModerate === "true";
  const log = root.querySelector("[data-log]");
  const announcer = root.querySelector("[data-announcer]");
  const connection = root.querySelector("[data-connection]");
  const composer = root.querySelector("[data-composer]");
  const textarea = composer?.querySelector("textarea");
  const errorBox = composer?.querySelector("[data-error]");
  const replyBox = composer?.querySelector("[data-reply]");
  let lastSeq = Number(root.dataset.lastSeq || 0);
  let replyTo = null;
  let synced = false;
  // Messages typed but not yet acknowledged by the server, by client id, in the
  // order typed. One is in flight at a time, so they are stored in that order even
  // across a rate-limit pause or a reconnect; a refused one is marked "not sent".
  const outbox = new Map();
  let inFlight = null;
  let pausedUntil = 0;
  let ackTimer = null;
  let resumeTimer = null;

  const socket = connect(root.dataset.socket, {
    onMessage: handle,
    onState(state, code) {
      synced = false;
      // Whatever was in flight may never have arrived: it goes again after the resume.
      inFlight = null;
      clearTimeout(ackTimer);
      if (state === "open") {
        setConnection(t.reconnecting);
        socket.send({ type: "resume", last_seq: lastSeq });
      } else if (state === "reconnecting") {
        setConnection(t.reconnecting);
      } else if (STOP_CODES.has(code)) {
        setConnection({ 4429: t.too_many, 4404: t.not_found }[code] || t.no_access);
        if (composer) composer.hidden = true;
        root.querySelector("[data-ask]")?.setAttribute("hidden", "");
        for (const item of outbox.values()) markUnsent(item, t.no_access, false);
      } else {
        setConnection(t.closed);
      }
    },
  });

  function formatTime(iso) {
    return new Date(iso).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
  }
  // Server-rendered times are in the gathering's zone; show the viewer's own.
  log?.querySelectorAll("time[datetime]").forEach((el) => { el.textContent = formatTime(el.dateTime); });

  function setConnection(text) {
    if (connection) connection.textContent = text;
    root.dataset.state = text;
  }

  function handle(event) {
    switch (event.type) {
      case "chat.message": return addMessage(event);
      case "chat.message.updated": return replaceMessage(event);
      case "synced":
        synced = true;
        setConnection(t.connected);
        lastSeq = Math.max(lastSeq, event.last_seq);
        flushOutbox();
        return;
      case "ack": return acknowledge(event);
      case "error": return showError(event);
      case "chat.presence": return renderPresence(event);
      case "chat.room": return renderRoom(event);
      // Moderators get the queue with every asker named; the public one would hide them.
      case "chat.questions": return canModerate ? undefined : renderQuestions(event.questions);
      case "chat.questions.moderator": return renderQuestions(event.questions);
      case "chat.poll": return renderPoll(event);
      default: return undefined;
    }
  }

  // --- Messages ---------------------------------------------------------------
  function linkify(text, into) {
    // Plain text only: URLs become links, everything else stays text.
    const pattern = /https?:\/\/[^\s<>"]+/g;
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      into.append(document.createTextNode(text.slice(last, match.index)));
      const a = document.createElement("a");
      a.href = match[0];
      a.rel = "nofollow ugc noopener";
      a.textContent = match[0];
      into.append(a);
      last = match.index + match[0].length;
    }
    into.append(document.createTextNode(text.slice(last)));
  }

  function messageElement(m, pending = false) {
    const li = document.createElement("li");
    li.className = "chat-msg" + (m.deleted ? " is-deleted" : "") + (pending ? " is-pending" : "");
    if (m.seq) { li.id = `m${m.seq}`; li.dataset.seq = m.seq; }
    li.dataset.authorId = m.author_id ?? "";
    const meta = document.createElement("p");
    meta.className = "chat-msg__meta";
    const who = document.createElement("strong");
    who.textContent = m.author;
    meta.append(who, " ");
    if (m.created_at) {
      const time = document.createElement("time");
      time.dateTime = m.created_at;
      time.textContent = formatTime(m.created_at);
      meta.append(time);
    }
    if (m.edited) meta.append(" ", tag(t.edited));
    if (pending) meta.append(" ", tag(t.sending, "chat-msg__state"));
    li.append(meta);
    if (m.reply_to) {
      const reply = document.createElement("p");
      reply.className = "chat-msg__reply";
      reply.textContent = `↪ ${m.reply_excerpt}`;
      li.append(reply);
    }
    const body = document.createElement("p");
    body.className = "chat-msg__text";
    if (m.deleted) {
      const em = document.createElement("em");
      em.textContent = t.deleted;
      body.append(em);
    } else {
      linkify(m.text, body);
    }
    li.append(body);
    if (!pending && !m.deleted) li.append(actions(m));
    const counts = Object.entries(m.reactions || {});
    if (counts.length) {
      const r = document.createElement("p");
      r.className = "chat-msg__reactions";
      r.textContent = counts.map(([emoji, n]) => `${emoji} ${n}`).join("  ");
      li.append(r);
    }
    return li;
  }

  function tag(text, extra = "") {
    const span = document.createElement("span");
    span.className = `tag ${extra}`.trim();
    span.textContent = text;
    return span;
  }

  function button(label, onClick, extra = "") {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `link-button ${extra}`.trim();
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function actions(m) {
    const bar = document.createElement("p");
    bar.className = "chat-msg__actions";
    bar.append(button(t.reply, () => startReply(m)));
    bar.append(button("👍", () => socket.send({ type: "react", seq: m.seq, emoji: "👍" })));
    if (m.author_id === userId) {
      bar.append(button(t.edit, () => {
        const text = window.prompt(t.edit, m.text);
        if (text) socket.send({ type: "edit", seq: m.seq, text });
      }));
    }
    if (m.author_id === userId || canModerate) {
      bar.append(button(t.delete, () => socket.send({ type: "delete", seq: m.seq })));
    }
    if (canModerate && m.author_id && m.author_id !== userId) {
      bar.append(button(t.mute, () => socket.send({ type: "mute", user: m.author_id, minutes: 10 })));
    }
    return bar;
  }

  function addMessage(m) {
    if (!log) return;
    // The member's own copy, pending or acknowledged, gives way to the stored one.
    if (m.client_id) log.querySelector(`.is-pending[data-client-id="${CSS.escape(m.client_id)}"]`)?.remove();
    const existing = log.querySelector(`#m${m.seq}`);
    if (existing) { existing.replaceWith(messageElement(m)); return; }
    log.querySelector("[data-empty]")?.remove();
    const element = messageElement(m);
    // Keep the log in sequence order even if a resume and a live event cross.
    const later = [...log.querySelectorAll("[data-seq]")].find((li) => Number(li.dataset.seq) > m.seq);
    log.insertBefore(element, later || log.querySelector(".is-pending"));
    if (synced && m.seq > lastSeq + 1) requestResume();
    lastSeq = Math.max(lastSeq, m.seq);
    if (synced && m.author_id !== userId && announcer) {
      announcer.textContent = `${m.author}: ${m.deleted ? t.deleted : m.text}`;
    }
    if (log.scrollHeight - log.scrollTop - log.clientHeight < 200) element.scrollIntoView({ block: "nearest" });
  }

  function replaceMessage(m) {
    const existing = log?.querySelector(`#m${m.seq}`);
    if (existing) existing.replaceWith(messageElement(m));
  }

  function startReply(m) {
    replyTo = m.seq;
    replyBox.hidden = false;
    replyBox.querySelector("[data-reply-excerpt]").textContent = `${m.author}: ${m.text.slice(0, 80)}`;
    textarea.focus();
  }

  function send(text) {
    const clientId = crypto.randomUUID ? crypto.randomUUID() : String(Date.now() + Math.random());
    const element = messageElement({ author: t.you, text, author_id: userId }, true);
    element.dataset.clientId = clientId;
    log.querySelector("[data-empty]")?.remove();
    log.append(element);
    outbox.set(clientId, { clientId, text, reply_to: replyTo, element, refused: false });
    replyTo = null;
    if (replyBox) replyBox.hidden = true;
    flushOutbox();
  }

  // A broadcast went missing (the channel layer hiccuped): ask for what was missed.
  function requestResume() {
    if (resumeTimer) return;
    resumeTimer = setTimeout(() => { resumeTimer = null; if (synced) socket.send({ type: "resume", last_seq: lastSeq }); }, 300);
  }

  function flushOutbox() {
    if (!synced || inFlight) return;
    const wait = pausedUntil - Date.now();
    if (wait > 0) { setTimeout(flushOutbox, wait); return; }
    const item = [...outbox.values()].find((i) => !i.refused);
    if (!item) return;
    inFlight = item.clientId;
    setState(item, t.sending);
    socket.send({ type: "send", text: item.text, client_id: item.clientId, reply_to: item.reply_to });
    clearTimeout(ackTimer);
    ackTimer = setTimeout(() => { if (inFlight === item.clientId) { inFlight = null; flushOutbox(); } }, ACK_TIMEOUT);
  }

  function setState(item, text, extra = "") {
    item.element.querySelector(".chat-msg__state")?.replaceWith(tag(text, `chat-msg__state ${extra}`.trim()));
  }

  function acknowledge(event) {
    if (pendingQuestion && event.client_id === pendingQuestion) return questionAcknowledged();
    const item = outbox.get(event.client_id);
    if (!item) return;
    outbox.delete(event.client_id);
    if (inFlight === event.client_id) { inFlight = null; clearTimeout(ackTimer); }
    // The broadcast may have arrived first and replaced the pending copy already;
    // if it has not, the copy says "sent" until it does (or a resume brings it).
    if (event.seq && log.querySelector(`#m${event.seq}`)) item.element.remove();
    else if (item.element.isConnected) setState(item, t.sent);
    flushOutbox();
  }

  function markUnsent(item, message, offerRetry = true) {
    item.refused = true;
    setState(item, `${t.unsent}: ${message}`, "is-error");
    item.element.classList.add("is-unsent");
    if (offerRetry && !item.element.querySelector("[data-retry]")) {
      const b = button(t.retry, () => {
        item.refused = false;
        item.element.classList.remove("is-unsent");
        b.remove();
        setState(item, t.waiting);
        flushOutbox();
      });
      b.dataset.retry = "";
      item.element.append(b);
    }
  }

  function showError(event) {
    if (pendingQuestion && event.client_id === pendingQuestion) return questionRefused(event);
    const item = event.client_id && outbox.get(event.client_id);
    if (item) {
      if (inFlight === item.clientId) { inFlight = null; clearTimeout(ackTimer); }
      if (event.retry_after && (event.code === "rate_limited" || event.code === "slow_mode" || event.code === "server_error")) {
        // Wait, then go on in the order typed: nothing overtakes anything.
        pausedUntil = Date.now() + event.retry_after * 1000;
        setState(item, t.waiting);
      } else {
        // Never silently drop what the member typed: mark it unsent, offer to resend.
        markUnsent(item, event.message);
      }
      flushOutbox();
    }
    if (errorBox) errorBox.textContent = event.message;
  }

  composer?.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    errorBox.textContent = "";
    send(text);
    textarea.value = "";
  });
  textarea?.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); composer.requestSubmit(); }
  });
  composer?.querySelector("[data-reply-cancel]")?.addEventListener("click", () => {
    replyTo = null;
    replyBox.hidden = true;
  });

  // --- Presence, room state -------------------------------------------------------
  function renderPresence(p) {
    const list = root.querySelector("[data-presence]");
    if (!list) return;
    list.replaceChildren();
    const add = (name, label) => { const li = document.createElement("li"); li.append(name, " ", tag(label)); list.append(li); };
    p.organisers.forEach((n) => add(n, t.organiser));
    p.on_site.forEach((n) => add(n, t.in_hall));
    p.online.forEach((n) => add(n, t.online));
    const summary = root.querySelector("[data-presence-summary]");
    if (summary) summary.textContent = t.presence.replace("%(s)s", p.on_site.length).replace("%(o)s", p.online.length);
  }

  function renderRoom(state) {
    const label = root.querySelector("[data-room-state]");
    const notYet = !state.open && state.opens_at && new Date(state.opens_at) > new Date();
    const when = notYet && new Date(state.opens_at).toLocaleString(document.documentElement.lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    if (label) label.textContent = state.open ? t.open : (notYet ? t.opens.replace("%(when)s", when) : t.closed_room);
    if (composer) composer.hidden = !state.open && !canModerate;
    if (askForm) askForm.hidden = !state.open && !canModerate;
    const box = root.querySelector("[data-announcement]");
    if (box) { box.hidden = !state.announcement; box.querySelector("span").textContent = state.announcement; }
    const toggle = root.querySelector("[data-toggle-open]");
    if (toggle) { toggle.textContent = state.open ? t.close_room : t.open_room; toggle.dataset.open = state.open; }
  }

  // --- Q&A --------------------------------------------------------------------
  function renderQuestions(questions) {
    const list = root.querySelector("[data-questions]");
    if (!list) return;
    list.replaceChildren(...questions.map((q) => {
      const li = document.createElement("li");
      li.className = "chat-q" + (q.answered ? " is-answered" : "") + (q.pinned ? " is-pinned" : "");
      li.dataset.question = q.id;
      const text = document.createElement("p");
      text.textContent = q.text;
      const meta = document.createElement("p");
      meta.className = "chat-q__meta";
      const who = q.asked_by && q.asked_by !== q.author ? `${q.asked_by} (${t.anonymous})` : q.author;
      meta.textContent = `${q.votes} ${t.votes}` + (who ? ` · ${who}` : "") + (q.answered ? ` · ${t.answered}` : "") + (q.pinned ? ` · ${t.now_answering}` : "");
      li.append(text, meta);
      if (!panel) {
        const bar = document.createElement("p");
        bar.append(button(`${t.vote} ▲`, () => socket.send({ type: "vote", question: q.id })));
        if (canModerate) {
          bar.append(" ", button(t.pin, () => socket.send({ type: "question", question: q.id, action: "pin" })));
          bar.append(" ", button(q.answered ? t.unanswer : t.answer, () => socket.send({ type: "question", question: q.id, action: "answer" })));
          bar.append(" ", button(t.hide, () => socket.send({ type: "question", question: q.id, action: "hide" })));
        }
        li.append(bar);
      }
      return li;
    }));
  }

  // A question keeps its text until the server took it, and says why if it did not.
  let pendingQuestion = null;
  const askForm = root.querySelector("[data-ask]");
  const askError = askForm?.querySelector("[data-ask-error]");
  function questionAcknowledged() {
    pendingQuestion = null;
    askForm.reset();
    askError.textContent = "";
  }
  function questionRefused(event) {
    pendingQuestion = null;
    askError.textContent = event.message;
  }
  askForm?.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = askForm.elements.text.value.trim();
    if (!text) return;
    pendingQuestion = crypto.randomUUID ? crypto.randomUUID() : String(Date.now() + Math.random());
    if (!socket.send({ type: "ask", text, anonymous: askForm.elements.anonymous.checked, client_id: pendingQuestion })) {
      pendingQuestion = null;
      askError.textContent = t.reconnecting;
    }
  });

  // --- Polls ------------------------------------------------------------------
  function renderPoll(poll) {
    const container = root.querySelector("[data-polls]");
    if (!container) return;
    root.querySelector("[data-polls-section]").hidden = false;
    let box = container.querySelector(`[data-poll="${poll.id}"]`);
    const fresh = document.createElement("div");
    fresh.className = "chat-poll";
    fresh.dataset.poll = poll.id;
    const h = document.createElement("h3");
    h.textContent = poll.question + (poll.closed ? ` (${t.poll_closed})` : "");
    const ul = document.createElement("ul");
    for (const o of poll.options) {
      const li = document.createElement("li");
      const pct = poll.total ? Math.round((100 * o.votes) / poll.total) : 0;
      if (poll.closed) {
        li.textContent = `${o.label}: ${o.votes} (${pct} %)`;
      } else {
        li.append(button(o.label, () => socket.send({ type: "poll_vote", poll: poll.id, option: o.id }), "chat-poll__option"), ` ${o.votes} (${pct} %)`);
      }
      ul.append(li);
    }
    fresh.append(h, ul);
    if (canModerate && !poll.closed) fresh.append(button(t.close_poll, () => socket.send({ type: "poll_close", poll: poll.id })));
    if (box) box.replaceWith(fresh); else container.prepend(fresh);
  }

  root.querySelector("[data-poll-create]")?.addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const options = form.elements.options.value.split("\n").map((s) => s.trim()).filter(Boolean);
    socket.send({ type: "poll", question: form.elements.question.value, options });
    form.reset();
  });

  // --- Moderation -------------------------------------------------------------
  root.querySelector("[data-room-settings]")?.addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    socket.send({ type: "room", slow_mode_seconds: Number(form.elements.slow_mode_seconds.value || 0), announcement: form.elements.announcement.value });
  });
  root.querySelector("[data-toggle-open]")?.addEventListener("click", (e) => {
    const open = e.currentTarget.dataset.open === "true" || root.querySelector("[data-room-state]")?.textContent === t.open;
    socket.send({ type: "room", open: !open });
  });

  // Server-rendered messages get their action buttons too.
  log?.querySelectorAll("[data-seq]").forEach((li) => {
    if (li.classList.contains("is-deleted")) return;
    const m = {
      seq: Number(li.dataset.seq),
      author_id: Number(li.dataset.authorId) || null,
      author: li.querySelector("strong")?.textContent || "",
      text: li.querySelector(".chat-msg__text")?.textContent || "",
    };
    li.append(actions(m));
  });
  window.samspillChat = { outbox, get lastSeq() { return lastSeq; }, get synced() { return synced; } };
}
