// Forums: the live "N new replies" bar on a topic page, and drafts saved while typing.
import { connect } from "./socket.js";

const bar = document.querySelector("[data-topic-socket]");
if (bar) {
  const seen = Number(bar.dataset.lastNumber);
  const me = bar.dataset.user;
  const fresh = new Set();
  const count = bar.querySelector("[data-new-count]");
  const one = bar.querySelector("template[data-one]").innerHTML;
  const many = bar.querySelector("template[data-many]").innerHTML;
  connect(bar.dataset.topicSocket, {
    onMessage(event) {
      if (event.type !== "forum.post_created" || event.number <= seen) return;
      if (me && String(event.author_id) === me) return;
      fresh.add(event.number);
      count.textContent = fresh.size === 1 ? one : many.replace("__N__", String(fresh.size));
      bar.hidden = false;
    },
  });
}

// Drafts: saved two seconds after the last keystroke, so nothing typed is lost.
for (const form of document.querySelectorAll("form[data-draft-url]")) {
  const status = form.querySelector("[data-draft-status]");
  let timer;
  const save = async () => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    if (form.dataset.draftTopic) data.append("topic", form.dataset.draftTopic);
    if (form.dataset.draftCategory) data.append("category", form.dataset.draftCategory);
    for (const field of form.querySelectorAll("[data-draft]")) data.append(field.dataset.draft, field.value);
    const response = await fetch(form.dataset.draftUrl, { method: "POST", body: data, credentials: "same-origin" });
    if (status && response.status === 204) status.textContent = status.dataset.saved || "✓";
  };
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(save, 2000); });
}
