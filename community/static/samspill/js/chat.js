// Live chat client: resume without gaps, never drop what the member typed.
import { connect, STOP_CODES } from "./socket.js";
// ui.js through the very URL base.html loads it from (hashed in production), so the
// page has one instance of it: a second would enhance the menu and tabs twice.
const { avatar } = await import(document.querySelector("[data-ui-module]")?.dataset.uiModule || "./ui.js");

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
  const pane = root.querySelector("[data-pane]");
  const jump = root.querySelector("[data-jump]");
  const main = root.querySelector(".chat__main");
  const lang = document.documentElement.lang;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  let lastSeq = Number(root.dataset.lastSeq || 0);
  // Messages after this one arrived while the page was open: they can be unread.
  const loadedSeq = lastSeq;
  let unreadFrom = null;
  let unreadCount = 0;
  // Which option of each poll is this member's ({poll id: option id}), from the page
  // and then from the member's own chat.poll.yours frames.
  const myVotes = new Map();
  root.querySelectorAll("[data-poll] .is-mine[data-option]").forEach((li) => {
    myVotes.set(Number(li.closest("[data-poll]").dataset.poll), Number(li.dataset.option));
  });
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
    // Always the 24-hour clock, also in English ("00:40", never "12:40 a.m.").
    return new Date(iso).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  }
  // Server-rendered times are in the gathering's zone; show the viewer's own.
  log?.querySelectorAll("time[datetime]").forEach((el) => { el.textContent = formatTime(el.dateTime); });

  // --- Grouping and separators ---------------------------------------------------
  // Worked out in the browser, so days and times are the viewer's own time zone, and
  // redone over the whole list whenever it changes (a few hundred items at most), so
  // server-rendered history and live messages are drawn by the same rules.
  const GROUP_GAP = 5 * 60 * 1000;
  const PAUSE_GAP = 30 * 60 * 1000;
  const dayKey = (d) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
  function dayLabel(date) {
    const today = new Date();
    const days = Math.round((new Date(today.toDateString()) - new Date(date.toDateString())) / 86400000);
    if (days === 0 || days === 1) {
      const text = new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(-days, "day");
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    return date.toLocaleDateString(lang, { weekday: "long", day: "numeric", month: "long", year: today.getFullYear() === date.getFullYear() ? undefined : "numeric" });
  }
  function separator(text, extra = "") {
    const li = document.createElement("li");
    li.className = `chat-sep ${extra}`.trim();
    li.dataset.sep = "";
    li.textContent = text;
    return li;
  }
  function decorate() {
    if (!log) return;
    log.querySelectorAll("[data-sep]").forEach((el) => el.remove());
    let previous = null;
    for (const li of log.querySelectorAll(".chat-msg")) {
      const when = li.dataset.created ? new Date(li.dataset.created) : new Date();
      const seq = Number(li.dataset.seq || 0);
      let grouped = Boolean(previous) && previous.author === li.dataset.authorId && when - previous.when < GROUP_GAP;
      if (!previous || dayKey(previous.when) !== dayKey(when)) {
        li.before(separator(dayLabel(when)));
        grouped = false;
      } else if (when - previous.when >= PAUSE_GAP) {
        li.before(separator(formatTime(when.toISOString())));
        grouped = false;
      }
      if (unreadFrom !== null && seq === unreadFrom) {
        li.before(separator(t.new_messages, "chat-sep--unread"));
        grouped = false;
      }
      li.classList.toggle("is-grouped", grouped && !li.classList.contains("is-deleted"));
      previous = { author: li.dataset.authorId, when };
    }
  }

  // --- Scrolling, unread, jump to latest --------------------------------------------
  const atBottom = () => !pane || pane.scrollHeight - pane.scrollTop - pane.clientHeight < 48;
  function toLatest(smooth = true) {
    if (!pane) return;
    pane.scrollTo({ top: pane.scrollHeight, behavior: smooth && !reducedMotion.matches ? "smooth" : "auto" });
  }
  function updateJump() {
    if (!jump) return;
    const away = !atBottom();
    if (!away) unreadCount = 0;
    jump.hidden = !away;
    jump.querySelector("[data-jump-label]").textContent = unreadCount ? t.jump_new.replace("%(n)s", unreadCount) : t.jump;
  }
  pane?.addEventListener("scroll", updateJump, { passive: true });
  jump?.addEventListener("click", () => {
    toLatest();
    unreadCount = 0;
    jump.hidden = true;
    // The button disappears once at the bottom: focus goes where the member writes.
    (composer && !composer.hidden ? textarea : pane)?.focus({ preventScroll: true });
  });
  // The column fills the screen below the headers, whatever their height: measured,
  // because titles and announcements wrap differently on every screen.
  function fit() {
    if (!main || main.hidden) return;
    const top = main.getBoundingClientRect().top + window.scrollY;
    root.style.setProperty("--chat-top", `${Math.round(top)}px`);
  }
  fit();
  window.addEventListener("resize", fit);
  root.querySelector("[data-tabs]")?.addEventListener("tabs:change", (e) => {
    if (e.detail.panel === main) { fit(); toLatest(false); }
  });

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
      case "chat.presence.full": return renderEveryone(event);
      case "chat.room": return renderRoom(event);
      // Moderators get the queue with every asker named; the public one would hide them.
      case "chat.questions": return canModerate ? undefined : renderQuestions(event.questions);
      case "chat.questions.moderator": return renderQuestions(event.questions);
      case "chat.poll": return renderPoll(event);
      case "chat.poll.yours": return yourVote(event);
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

  // Drawn exactly as templates/community/chat/components/message.html draws it.
  function messageElement(m, pending = false) {
    const li = document.createElement("li");
    li.className = "chat-msg" + (m.deleted ? " is-deleted" : "") + (pending ? " is-pending" : "");
    if (m.seq) { li.id = `m${m.seq}`; li.dataset.seq = m.seq; }
    li.dataset.authorId = m.author_id ?? "";
    li.dataset.created = m.created_at || new Date().toISOString();
    li.append(m.author_id ? avatar(m.author, m.author_id) : avatar("", null));
    const body = document.createElement("div");
    body.className = "chat-msg__body";
    const meta = document.createElement("p");
    meta.className = "chat-msg__meta";
    const who = document.createElement("strong");
    who.className = "chat-msg__author";
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
    body.append(meta);
    if (m.reply_to) {
      const reply = document.createElement("p");
      reply.className = "chat-msg__reply";
      reply.textContent = `↪ ${m.reply_excerpt}`;
      body.append(reply);
    }
    const text = document.createElement("p");
    text.className = "chat-msg__text";
    if (m.deleted) {
      const em = document.createElement("em");
      em.textContent = t.deleted;
      text.append(em);
    } else {
      linkify(m.text, text);
    }
    body.append(text);
    const counts = Object.entries(m.reactions || {});
    if (counts.length) {
      const r = document.createElement("p");
      r.className = "chat-msg__reactions";
      for (const [emoji, n] of counts) {
        const pill = document.createElement("span");
        pill.className = "chat-reaction";
        const count = document.createElement("span");
        count.className = "chat-reaction__count";
        count.textContent = n;
        pill.append(reactionGlyph(emoji), count);
        r.append(pill);
      }
      body.append(r);
    }
    if (!pending && !m.deleted) body.append(actions(m));
    li.append(body);
    return li;
  }

  // Reactions are icons from {% reaction_templates %}, so they show without a colour-emoji font.
  function reactionGlyph(emoji) {
    for (const template of document.querySelectorAll("template[data-reaction-template]")) {
      if (template.dataset.reactionTemplate === emoji) return template.content.firstElementChild.cloneNode(true);
    }
    const span = document.createElement("span");
    span.className = "reaction-glyph";
    span.textContent = emoji;
    return span;
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
    const like = button("", () => socket.send({ type: "react", seq: m.seq, emoji: "👍" }), "icon-button");
    like.className = "icon-button";
    like.append(reactionGlyph("👍"));
    bar.append(like);
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
    if (existing) { existing.replaceWith(messageElement(m)); decorate(); return; }
    log.querySelector("[data-empty]")?.remove();
    const element = messageElement(m);
    // Keep the log in sequence order even if a resume and a live event cross.
    const later = [...log.querySelectorAll("[data-seq]")].find((li) => Number(li.dataset.seq) > m.seq);
    const stick = atBottom();
    log.insertBefore(element, later || log.querySelector(".is-pending"));
    if (synced && m.seq > lastSeq + 1) requestResume();
    lastSeq = Math.max(lastSeq, m.seq);
    const fromOthers = m.author_id !== userId;
    if (synced && fromOthers && announcer) announce(`${m.author}: ${m.deleted ? t.deleted : m.text}`);
    // Someone else's message the member has not seen: scrolled up, or in another tab.
    if (fromOthers && m.seq > loadedSeq && (!stick || document.hidden)) {
      if (unreadFrom === null) unreadFrom = m.seq;
      if (!stick) unreadCount += 1;
    }
    decorate();
    if (stick) toLatest();
    updateJump();
  }

  // One line per new message from others, appended to a log: screen readers hear each
  // once, and never the history again after a resume.
  function announce(text) {
    const line = document.createElement("p");
    line.textContent = text;
    announcer.append(line);
    while (announcer.childElementCount > 5) announcer.firstElementChild.remove();
  }

  function replaceMessage(m) {
    const existing = log?.querySelector(`#m${m.seq}`);
    if (existing) { existing.replaceWith(messageElement(m)); decorate(); }
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
    // Writing means the member has caught up: the unread line goes, the pane follows.
    unreadFrom = null;
    unreadCount = 0;
    decorate();
    toLatest(false);
    updateJump();
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
    if (event.seq && log.querySelector(`#m${event.seq}`)) { item.element.remove(); decorate(); }
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
    if (event.client_id === PRESENCE_ALL) return everyoneRefused(event);
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
    // Focus stays in the composer, also when Send was clicked.
    textarea.focus();
  });
  textarea?.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); composer.requestSubmit(); }
  });
  composer?.querySelector("[data-reply-cancel]")?.addEventListener("click", () => {
    replyTo = null;
    replyBox.hidden = true;
  });

  // --- Presence, room state -------------------------------------------------------
  // A big room's presence frames hold the counts and the first names only ("capped");
  // "Show everyone" asks the server once for the whole list (chat.presence.full, sent to
  // this socket only) and keeps it until the member shows fewer again.
  const PRESENCE_ALL = "presence-all";
  const everyoneButton = root.querySelector("[data-presence-all]");
  const everyoneError = root.querySelector("[data-presence-error]");
  let latestPresence = null;
  let showingEveryone = false;
  // Not `disabled` while waiting: that would drop the keyboard focus from the button.
  let everyonePending = false;

  function drawPresence(p) {
    const list = root.querySelector("[data-presence]");
    if (!list) return;
    list.replaceChildren();
    const add = (name, label) => { const li = document.createElement("li"); li.append(avatar(name, name, "s"), " ", name, " ", tag(label)); list.append(li); };
    p.organisers.forEach((n) => add(n, t.organiser));
    p.on_site.forEach((n) => add(n, t.in_hall));
    p.online.forEach((n) => add(n, t.online));
    const summary = root.querySelector("[data-presence-summary]");
    if (!summary) return;
    summary.textContent = p.capped || showingEveryone
      ? t.presence_capped.replace("%(n)s", p.count).replace("%(s)s", p.on_site_count).replace("%(o)s", p.online_count)
      : t.presence.replace("%(s)s", p.on_site.length).replace("%(o)s", p.online.length);
  }

  function setEveryone(showing) {
    showingEveryone = showing;
    if (!everyoneButton) return;
    everyonePending = false;
    everyoneButton.setAttribute("aria-expanded", String(showing));
    everyoneButton.textContent = showing ? t.show_fewer : t.show_everyone;
  }

  function renderPresence(p) {
    latestPresence = p;
    // A room that shrank below the cap lists everybody again: nothing left to show.
    if (!p.capped) setEveryone(false);
    if (everyoneButton) everyoneButton.hidden = !p.capped && !showingEveryone;
    if (showingEveryone) {
      const summary = root.querySelector("[data-presence-summary]");
      if (summary) summary.textContent = t.presence_capped.replace("%(n)s", p.count).replace("%(s)s", p.on_site_count).replace("%(o)s", p.online_count);
      return;
    }
    drawPresence(p);
  }

  function renderEveryone(p) {
    setEveryone(true);
    if (everyoneError) everyoneError.textContent = "";
    drawPresence(p);
  }

  function everyoneRefused(event) {
    everyonePending = false;
    if (everyoneError) everyoneError.textContent = event.message;
  }

  everyoneButton?.addEventListener("click", () => {
    if (showingEveryone) {
      setEveryone(false);
      if (latestPresence) drawPresence(latestPresence);
      return;
    }
    if (everyonePending) return;
    everyonePending = true;
    socket.send({ type: "presence_all", client_id: PRESENCE_ALL });
  });

  function renderRoom(state) {
    const label = root.querySelector("[data-room-state]");
    const notYet = !state.open && state.opens_at && new Date(state.opens_at) > new Date();
    const when = notYet && new Date(state.opens_at).toLocaleString(document.documentElement.lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    if (label) label.textContent = state.open ? t.open : (notYet ? t.opens.replace("%(when)s", when) : t.closed_room);
    if (composer) composer.hidden = !state.open && !canModerate;
    if (askForm) askForm.hidden = !state.open && !canModerate;
    const box = root.querySelector("[data-announcement]");
    if (box) { box.hidden = !state.announcement; box.querySelector("span").textContent = state.announcement; fit(); }
    const toggle = root.querySelector("[data-toggle-open]");
    if (toggle) { toggle.textContent = state.open ? t.close_room : t.open_room; toggle.dataset.open = state.open; }
  }

  // --- Q&A --------------------------------------------------------------------
  const chevron = document.querySelector("template[data-icon=chevron-up]");
  function renderQuestions(questions) {
    const list = root.querySelector("[data-questions]");
    if (!list) return;
    // The hall screen shows the question being answered on its own, in large type,
    // and only the questions still waiting in the queue.
    const current = questions.find((q) => q.pinned);
    if (panel) {
      const now = root.querySelector("[data-hall-now]");
      const text = root.querySelector("[data-hall-question]");
      if (now && text) {
        now.hidden = !current;
        if (text.textContent !== (current?.text || "")) text.textContent = current?.text || "";
      }
      questions = questions.filter((q) => !q.pinned && !q.answered);
    }
    if (!questions.length) {
      const empty = document.createElement("li");
      empty.className = panel ? "hall__empty" : "meta";
      empty.textContent = t.no_questions;
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(...questions.map((q) => {
      const li = document.createElement("li");
      li.className = "chat-q" + (q.answered ? " is-answered" : "") + (q.pinned ? " is-pinned" : "");
      li.dataset.question = q.id;
      const count = document.createElement("strong");
      count.className = "chat-q__count";
      count.textContent = q.votes;
      const unit = document.createElement("span");
      unit.className = "chat-q__unit";
      unit.textContent = q.votes === 1 ? t.vote_one : t.vote_many;
      let votes;
      if (panel) {
        votes = document.createElement("span");
        votes.className = "chat-q__votes";
        votes.append(count, " ", unit);
      } else {
        // A large target with the count on it: one press, one vote.
        votes = button("", () => socket.send({ type: "vote", question: q.id }), "icon-button chat-q__vote");
        votes.className = "icon-button chat-q__vote";
        const label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = `, ${t.vote_question}`;
        if (chevron) votes.append(chevron.content.firstElementChild.cloneNode(true));
        votes.append(count, " ", unit, label);
      }
      const body = document.createElement("div");
      body.className = "chat-q__body";
      if (q.pinned) {
        const now = document.createElement("p");
        now.className = "chat-q__now";
        const badge = document.createElement("span");
        badge.className = "badge badge--info";
        badge.textContent = t.now_answering;
        now.append(badge);
        body.append(now);
      }
      const text = document.createElement("p");
      text.className = "chat-q__text";
      text.textContent = q.text;
      const meta = document.createElement("p");
      meta.className = "chat-q__meta";
      const who = q.asked_by && q.asked_by !== q.author ? `${q.asked_by} (${t.anonymous})` : q.author;
      meta.textContent = [who, q.answered ? t.answered : ""].filter(Boolean).join(" · ");
      body.append(text, meta);
      if (!panel && canModerate) {
        const bar = document.createElement("p");
        bar.className = "chat-q__actions";
        bar.append(button(t.pin, () => socket.send({ type: "question", question: q.id, action: "pin" })));
        bar.append(button(q.answered ? t.unanswer : t.answer, () => socket.send({ type: "question", question: q.id, action: "answer" })));
        bar.append(button(t.hide, () => socket.send({ type: "question", question: q.id, action: "hide" })));
        body.append(bar);
      }
      li.append(votes, body);
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
  // Drawn as templates/community/chat/components/poll.html draws it, plus the vote
  // buttons while the member has not voted and the poll is open.
  function renderPoll(poll) {
    const container = root.querySelector("[data-polls]");
    if (!container) return;
    container.querySelector("[data-polls-empty]")?.remove();
    const section = root.querySelector("[data-polls-section]");
    if (section) section.hidden = false;
    const box = container.querySelector(`[data-poll="${poll.id}"]`);
    const mine = myVotes.get(poll.id);
    const fresh = document.createElement("div");
    fresh.className = "chat-poll" + (mine ? " is-voted" : "");
    fresh.dataset.poll = poll.id;
    const h = document.createElement("h3");
    h.className = "chat-poll__question";
    h.textContent = poll.question + (poll.closed ? ` (${t.poll_closed})` : "");
    const ul = document.createElement("ul");
    ul.className = "chat-poll__options";
    const canVote = !panel && !poll.closed && !mine;
    for (const o of poll.options) {
      const li = document.createElement("li");
      li.className = "chat-poll__option" + (o.id === mine ? " is-mine" : "");
      li.dataset.option = o.id;
      const pct = poll.total ? Math.round((100 * o.votes) / poll.total) : 0;
      const line = document.createElement("p");
      line.className = "chat-poll__line";
      const label = document.createElement("span");
      label.className = "chat-poll__label";
      label.textContent = o.label;
      if (canVote) {
        const choose = button("", () => socket.send({ type: "poll_vote", poll: poll.id, option: o.id }), "button button--secondary chat-poll__choose");
        choose.className = "button button--secondary chat-poll__choose";
        choose.append(label);
        line.append(choose);
      } else {
        line.append(label);
      }
      if (o.id === mine) {
        const badge = document.createElement("span");
        badge.className = "badge badge--success";
        badge.textContent = t.your_vote;
        line.append(" ", badge);
      }
      const figure = document.createElement("span");
      figure.className = "chat-poll__figure";
      figure.textContent = `${o.votes} (${pct} %)`;
      line.append(" ", figure);
      const bar = document.createElement("progress");
      bar.className = "chat-poll__bar";
      bar.max = poll.total || 1;
      bar.value = o.votes;
      bar.setAttribute("aria-hidden", "true");
      li.append(line, bar);
      ul.append(li);
    }
    fresh.append(h, ul);
    if (!panel && canModerate && !poll.closed) fresh.append(button(t.close_poll, () => socket.send({ type: "poll_close", poll: poll.id })));
    polls.set(poll.id, poll);
    if (box) box.replaceWith(fresh); else container.prepend(fresh);
  }
  const polls = new Map();
  function yourVote(event) {
    // The hall screen is for everyone in the room: it never shows whose vote is whose.
    if (panel) return;
    myVotes.set(event.poll, event.option);
    const poll = polls.get(event.poll);
    if (poll) renderPoll(poll);
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
    li.querySelector(".chat-msg__body").append(actions(m));
  });
  // Open at the latest message, once the history has its final height.
  decorate();
  toLatest(false);
  updateJump();
  window.samspillChat = { outbox, get lastSeq() { return lastSeq; }, get synced() { return synced; } };
}
