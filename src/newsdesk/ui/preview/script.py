"""The preview's own script: runs only in an isolated JavaScript world (never the page's), maps
body blocks to DOM nodes, patches changed blocks in place, syncs scrolling by source line and
reports clicks and painted frames through console messages (the page itself can run no
script, so nothing else can write those)."""

from __future__ import annotations

BRIDGE_PREFIX = "newsdesk-bridge:"

PREVIEW_JS = r"""
(function () {
  if (window.__nd) { return; }
  const PREFIX = "__PREFIX__";
  const nd = window.__nd = { blocks: null, frames: 0 };
  const root = () => document.querySelector(".article-body");
  const significant = (n) => n.nodeType === 1 || (n.nodeType === 3 && n.textContent.trim() !== "");
  function nodesOf(html) {
    const t = document.createElement("template");
    t.innerHTML = html;
    return Array.from(t.content.childNodes).filter(significant);
  }
  function mark(nodes, line) {
    for (const n of nodes) {
      if (n.nodeType !== 1) { continue; }
      if (line === null) { n.removeAttribute("data-src-line"); }
      else if (n.getAttribute("data-src-line") !== String(line)) { n.setAttribute("data-src-line", line); }
    }
  }
  nd.frame = function (tag) {
    requestAnimationFrame(() => { nd.frames += 1; console.log(PREFIX + "frame:" + tag); });
  };
  nd.init = function (htmls, lines) {
    const body = root();
    if (!body) { return "no-body"; }
    const existing = Array.from(body.childNodes).filter(significant);
    const counts = htmls.map((h) => nodesOf(h).length);
    const total = counts.reduce((a, b) => a + b, 0);
    nd.blocks = [];
    let how = "mapped";
    if (total === existing.length) {
      let i = 0;
      counts.forEach((c) => { nd.blocks.push(existing.slice(i, i + c)); i += c; });
    } else {
      existing.forEach((n) => n.remove());
      for (const h of htmls) { const ns = nodesOf(h); ns.forEach((n) => body.appendChild(n)); nd.blocks.push(ns); }
      how = "rebuilt";
    }
    nd.blocks.forEach((ns, k) => mark(ns, lines[k]));
    // We hold the scroll position ourselves; the browser's own anchoring would double it.
    document.documentElement.style.overflowAnchor = "none";
    return how;
  };
  // The first visible element outside the patched range, and where it is on screen: after
  // the patch the page scrolls so it stays put (what a reader sees does not jump).
  function visibleAnchor(start, count) {
    for (let k = 0; k < nd.blocks.length; k++) {
      if (k >= start && k < start + count) { continue; }
      for (const n of nd.blocks[k]) {
        if (n.nodeType !== 1) { continue; }
        const r = n.getBoundingClientRect();
        if (r.bottom > 0) { return [n, r.top]; }
      }
    }
    return [null, 0];
  }
  nd.patch = function (start, count, htmls, lines) {
    const body = root();
    if (!body || nd.blocks === null) { return -1; }
    const [held, heldTop] = visibleAnchor(start, count);
    let anchor = null;
    for (let k = start + count; k < nd.blocks.length && anchor === null; k++) {
      if (nd.blocks[k].length) { anchor = nd.blocks[k][0]; }
    }
    for (const ns of nd.blocks.slice(start, start + count)) { ns.forEach((n) => n.remove()); }
    const fresh = htmls.map(nodesOf);
    for (const ns of fresh) { ns.forEach((n) => body.insertBefore(n, anchor)); }
    nd.blocks.splice(start, count, ...fresh);
    nd.blocks.forEach((ns, k) => mark(ns, lines[k]));
    if (held !== null && window.scrollY > 0) {
      const moved = held.getBoundingClientRect().top - heldTop;
      if (Math.abs(moved) >= 0.5) { window.scrollBy(0, moved); }
    }
    return nd.blocks.length;
  };
  // Everything on the page but the body follows the fields: header, image, topics, the
  // related modules (Read more follows the tags), the section navigation. The body's nodes
  // stay (they are patched as typed), and so does the scroll position.
  nd.fields = function (html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const freshBody = doc.querySelector(".article-body");
    const body = root();
    if (!freshBody || !body) { return nd.parts(doc); }
    const y = window.scrollY;
    const slot = doc.createElement("div");
    slot.id = "nd-body-slot";
    freshBody.replaceWith(slot);
    const kids = Array.from(doc.body.childNodes).map((n) => document.importNode(n, true));
    body.remove();
    document.body.replaceChildren(...kids);
    document.body.className = doc.body.className;
    document.getElementById("nd-body-slot").replaceWith(body);
    document.title = doc.title;
    if (window.scrollY !== y) { window.scrollTo(0, y); }
    return true;
  };
  // A learned site look (newsdesk.looks) marks each field it fills with data-nd-part.
  nd.parts = function (doc) {
    let swapped = false;
    for (const fresh of doc.querySelectorAll("[data-nd-part]:not([data-nd-part=content])")) {
      const current = document.querySelector('[data-nd-part="' + fresh.getAttribute("data-nd-part") + '"]');
      if (current) { current.replaceWith(document.importNode(fresh, true)); swapped = true; }
    }
    document.title = doc.title;
    return swapped;
  };
  nd.elementForLine = function (line) {
    let best = null;
    for (const el of document.querySelectorAll(".article-body > [data-src-line]")) {
      if (Number(el.getAttribute("data-src-line")) <= line) { best = el; } else { break; }
    }
    return best;
  };
  nd.scrollToLine = function (line) {
    const el = nd.elementForLine(line);
    if (!el) { return false; }
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) { el.scrollIntoView({ block: "center" }); return true; }
    return false;
  };
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element) || event.target.closest("a")) { return; }
    const el = event.target.closest("[data-src-line]");
    if (el) { console.log(PREFIX + "line:" + el.getAttribute("data-src-line")); }
  }, true);
})();
""".replace("__PREFIX__", BRIDGE_PREFIX)
