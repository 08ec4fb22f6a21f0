// Live unread-notification count in the header.
import { connect } from "./socket.js";
import { toast } from "./ui.js";

const link = document.querySelector("[data-notifications-socket]");
if (link) {
  // The header shows the count twice: in the menu and, on a phone, beside it.
  const badges = document.querySelectorAll("[data-unread-count]");
  const label = link.querySelector("[data-unread-label]");
  connect(link.dataset.notificationsSocket, {
    onMessage(event) {
      if (event.type !== "notification.count") return;
      for (const badge of badges) {
        badge.textContent = String(event.unread);
        badge.hidden = event.unread === 0;
      }
      label.textContent = label.textContent.replace(/\d+/, String(event.unread));
      link.dataset.live = "true";
      // A new notification's title is plain text (never Markdown): shown as text.
      if (event.title) toast(event.title, { kind: "info" });
    },
  });
}
