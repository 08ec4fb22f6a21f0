// The design system's behaviour (docs/design.md): the phone menu, tabs and
// toasts. Every page loads it; everything works without it, only less folded.

// In production the page loads ui.<hash>.js while a module importing "./ui.js" gets
// the unhashed copy: two instances of this file. Only the first binds the page, or a
// click would toggle the menu twice.
const firstInstance = !document.documentElement.dataset.uiBound;
document.documentElement.dataset.uiBound = "true";

// ---- Phone menu: a disclosure button; Escape closes it and returns focus.
const menuButton = document.querySelector("[data-menu-button]");
const menu = document.querySelector("[data-menu]");
if (firstInstance && menuButton && menu) {
  const setOpen = (open) => {
    menuButton.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-open", open);
  };
  menuButton.addEventListener("click", () => {
    setOpen(menuButton.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menuButton.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      menuButton.focus();
    }
  });
}

// ---- Tabs: <div data-tabs [data-tabs-media="(max-width: 43.74rem)"]> with
// children <section data-tab-panel data-tab-label="…" id="…">. With a media
// query the panels are tabs only where it matches (e.g. side panels on a phone).
let tabsCount = 0;
function enhanceTabs(container) {
  const panels = [...container.querySelectorAll(":scope > [data-tab-panel]")];
  if (panels.length < 2) return;
  const index = ++tabsCount;
  const list = document.createElement("div");
  list.className = "tabs__list";
  list.setAttribute("role", "tablist");
  if (container.dataset.tabsLabel) list.setAttribute("aria-label", container.dataset.tabsLabel);
  const tabs = panels.map((panel, i) => {
    if (!panel.id) panel.id = `tabs-${index}-panel-${i}`;
    const tab = document.createElement("button");
    tab.type = "button";
    tab.className = "tabs__tab";
    tab.id = `${panel.id}-tab`;
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-controls", panel.id);
    tab.textContent = panel.dataset.tabLabel || `${i + 1}`;
    list.append(tab);
    return tab;
  });
  const select = (chosen, focus) => {
    tabs.forEach((tab, i) => {
      const on = tab === chosen;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    if (focus) chosen.focus();
    container.dispatchEvent(new CustomEvent("tabs:change", { detail: { panel: panels[tabs.indexOf(chosen)] } }));
  };
  list.addEventListener("click", (event) => {
    const tab = event.target.closest("[role=tab]");
    if (tab) select(tab, false);
  });
  list.addEventListener("keydown", (event) => {
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    select(tabs[(moves[event.key] + tabs.length) % tabs.length], true);
  });
  const on = () => {
    container.prepend(list);
    container.classList.add("tabs--on");
    panels.forEach((panel, i) => {
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tabs[i].id);
      panel.tabIndex = 0;
    });
    select(tabs.find((tab) => tab.getAttribute("aria-selected") === "true") || tabs[0], false);
  };
  const off = () => {
    list.remove();
    container.classList.remove("tabs--on");
    panels.forEach((panel) => {
      panel.hidden = false;
      panel.removeAttribute("role");
      panel.removeAttribute("aria-labelledby");
      panel.removeAttribute("tabindex");
    });
  };
  const media = container.dataset.tabsMedia ? window.matchMedia(container.dataset.tabsMedia) : null;
  if (!media) return on();
  const apply = () => (media.matches ? on() : off());
  media.addEventListener("change", apply);
  apply();
}
if (firstInstance) document.querySelectorAll("[data-tabs]").forEach(enhanceTabs);

// ---- Toasts: short confirmations in a polite live region.
export function toast(message, { kind = "", timeout = 6000 } = {}) {
  const region = document.getElementById("toasts");
  if (!region) return;
  const item = document.createElement("div");
  item.className = `toast${kind ? ` toast--${kind}` : ""}`;
  const text = document.createElement("p");
  text.className = "toast__text";
  text.textContent = message;
  const close = document.createElement("button");
  close.type = "button";
  close.className = "icon-button toast__close";
  close.setAttribute("aria-label", region.dataset.closeLabel || "Close");
  close.textContent = "×";
  close.addEventListener("click", () => item.remove());
  item.append(text, close);
  region.append(item);
  if (timeout) setTimeout(() => item.remove(), timeout);
}

// ---- Avatars drawn by scripts (live chat) match the server's (community/ui.py).
export const AVATAR_COLOURS = 8;
export function initials(name) {
  let text = (name || "").trim();
  if (text.includes("@") && !text.includes(" ")) text = text.split("@")[0];
  const words = text.replace(/-/g, " ").split(/\s+/).filter((word) => /^[\p{L}\p{N}]/u.test(word));
  if (!words.length) return "";
  if (words.length === 1) return words[0][0].toUpperCase();
  return (words[0][0] + words[words.length - 1][0]).toUpperCase();
}
export function avatar(name, id, size = "m") {
  const span = document.createElement("span");
  span.setAttribute("aria-hidden", "true");
  const letters = initials(name);
  const number = Number.parseInt(id, 10);
  span.className = `avatar avatar--${size} ${letters && Number.isFinite(number) ? `avatar--c${number % AVATAR_COLOURS}` : "avatar--none"}`;
  span.textContent = letters;
  return span;
}
