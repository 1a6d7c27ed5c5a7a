// modc live reload: the devserver injects this script into every HTML page it
// serves. It listens to the server's event stream and
//   reload       reloads the page (sent once the new build is served), or,
//                when only its apps' manifests and package modules changed,
//                has the apps re-mount with the new code (window.__modcHot),
//   css          swaps the stylesheets whose paths are listed, without a reload,
//   build-error  shows an overlay listing every error of the failed build
//                (with "served": a panel at the bottom instead, the page
//                usable: the new build is served, only its examples fail),
//   ok           removes the overlay,
//   hello        carries the server's instance id: a different id after a
//                reconnect means the server restarted, so the page reloads.
(() => {
  "use strict";
  if (window.__modcLiveReload) return;
  const script = document.currentScript;
  const base = script && script.src ? new URL(script.src, location.href) : new URL(location.href);
  const url = new URL("/__modc/livereload", base).href;
  const state = (window.__modcLiveReload = { connected: false, id: null });
  let source = null;

  function connect() {
    source = new EventSource(url);
    source.addEventListener("hello", (e) => {
      const { id } = JSON.parse(e.data);
      if (state.id !== null && state.id !== id) {
        location.reload();
        return;
      }
      state.id = id;
      state.connected = true;
    });
    source.addEventListener("reload", (e) => {
      let paths = null;
      try {
        paths = JSON.parse(e.data).paths || null;
      } catch {
        // an event without paths: reload
      }
      update(paths);
    });
    source.addEventListener("css", (e) => swapCSS(JSON.parse(e.data).paths || []));
    source.addEventListener("build-error", (e) => {
      const data = JSON.parse(e.data);
      showOverlay(data.errors || [], !!data.served);
    });
    source.addEventListener("ok", () => hideOverlay());
    source.onerror = () => {
      state.connected = false;
      // EventSource retries by itself after a network error; after an
      // HTTP error it gives up, so retry here.
      if (source.readyState === EventSource.CLOSED) {
        source = null;
        setTimeout(connect, 1000);
      }
    };
  }

  // update reloads the page, unless the only files that changed are those
  // of the apps on it (window.__modcHot, registered by their runtime),
  // which then re-mount with the new code and keep their store.
  async function update(paths) {
    const hot = window.__modcHot;
    const page = location.pathname;
    const own = page.endsWith("/") ? [page, page + "index.html"] : [page];
    if (!paths || !hot || hot.length == 0 || paths.some((p) => own.includes(p))) {
      location.reload();
      return;
    }
    try {
      const done = await Promise.all(hot.map((h) => h(paths)));
      if (done.every(Boolean)) {
        state.updates = (state.updates || 0) + 1;
        return;
      }
    } catch (err) {
      console.error("modc: updating the app in place failed, reloading:", err);
    }
    location.reload();
  }

  function swapCSS(paths) {
    const links = [...document.querySelectorAll('link[rel~="stylesheet"]')].filter((l) => !l.dataset.modcOld);
    const path = (l) => new URL(l.href, location.href).pathname;
    let targets = links.filter((l) => paths.includes(path(l)));
    if (targets.length === 0) targets = links; // paths under another base URL
    for (const link of targets) {
      const href = new URL(link.href, location.href);
      href.searchParams.set("modc-reload", String(Date.now()));
      const next = link.cloneNode();
      next.href = href.href;
      link.dataset.modcOld = "1";
      // Keep the old sheet until the new one is in, so nothing flashes.
      next.onload = next.onerror = () => link.remove();
      link.after(next);
    }
  }

  const overlayTag = "modc-error-overlay";
  const overlayCSS = `
    :host { all: initial; }
    .backdrop { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
      background: rgba(20, 20, 24, 0.88); color: #e8e8e8; padding: 32px 16px;
      font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    .panel { max-width: 960px; margin: 0 auto; background: #1e1e24; border-top: 6px solid #ff5555;
      border-radius: 6px; box-shadow: 0 8px 40px rgba(0, 0, 0, 0.5); padding: 20px 24px; }
    header { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; }
    h1 { font-size: 17px; margin: 0 0 12px; color: #ff6b6b; }
    button { font: inherit; background: none; color: #bbb; border: 1px solid #555; border-radius: 4px;
      cursor: pointer; padding: 2px 10px; }
    button:hover { color: #fff; border-color: #aaa; }
    .message { margin: 14px 0 0; padding-top: 12px; border-top: 1px solid #333; }
    .location { color: #8ab4ff; font-weight: bold; }
    .severity { color: #ff6b6b; font-weight: bold; }
    .severity.warning { color: #ffcc66; }
    .id { opacity: 0.6; }
    pre { margin: 8px 0 0; padding: 10px 12px; background: #141418; border-radius: 4px;
      overflow-x: auto; white-space: pre; color: #d8d8d8; }
    footer { margin-top: 16px; color: #888; font-size: 12px; }
    .backdrop.served { inset: auto 0 0 0; max-height: 40vh; padding: 0; background: none; }
    .served .panel { max-width: none; border-radius: 0; border-top-color: #ffcc66; padding: 12px 20px; }
    .served h1 { color: #ffcc66; }`;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function showOverlay(errors, served) {
    hideOverlay();
    const host = document.createElement(overlayTag);
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = overlayCSS;
    const backdrop = el("div", served ? "backdrop served" : "backdrop");
    const panel = el("div", "panel");
    panel.setAttribute("role", "alertdialog");
    const header = el("header");
    const n = errors.length;
    if (served) {
      header.append(el("h1", "", n === 1 ? "1 example fails" : `${n} examples fail`));
    } else {
      header.append(el("h1", "", n === 1 ? "Build failed: 1 error" : `Build failed: ${n} errors`));
    }
    const close = el("button", "close", "Close ✕");
    close.title = "Dismiss (Esc); it comes back with the next failed build";
    close.addEventListener("click", hideOverlay);
    header.append(close);
    panel.append(header);
    for (const m of errors) {
      const item = el("div", "message");
      const line = el("div");
      line.append(el("span", "location", m.location || "(no location)"), ": ");
      line.append(el("span", "severity " + (m.severity || "error"), (m.severity || "error") + ":"), " ");
      line.append(el("span", "text", m.text || ""));
      if (m.id) line.append(" ", el("span", "id", `[${m.id}]`));
      item.append(line);
      if (m.frame) item.append(el("pre", "frame", m.frame));
      panel.append(item);
    }
    panel.append(el("footer", "", served
      ? "The page runs the new code; modc build fails until these examples pass. Fix and save: this goes away."
      : "The page shows the last good build. Fix the file and save: this goes away."));
    backdrop.append(panel);
    root.append(style, backdrop);
    document.documentElement.append(host);
  }

  function hideOverlay() {
    for (const e of document.querySelectorAll(overlayTag)) e.remove();
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hideOverlay();
  });

  connect();
})();
