// Previews of references. Pointing at, keyboard-focusing or tapping a link to
// an equation, a figure, a section, a citation or an API entry (a name in code
// included) shows its target beside the link: a copy, as text without links,
// taken from the page that holds it (this page, or another page of the site,
// fetched once). A second tap follows the link; Escape closes the preview.
// Without this script, or in a browser without the Popover API, the links
// work as plain links.
"use strict";
(() => {
  if (!HTMLElement.prototype.showPopover) return;
  // References in the text, and the names in code that link to the API reference.
  const LINKS = "article[role=main] :is(a.reference.internal:not(.image-reference), a.sphinx-codeautolink-a)";
  const DELAY = 250; // ms before a preview opens or closes under the pointer
  const GAP = 6; // px between the link and its preview, and from the window's edge
  const tip = document.createElement("div");
  tip.id = "relu-preview";
  tip.className = "relu-preview";
  tip.popover = "manual";
  tip.setAttribute("role", "tooltip");
  const pages = new Map();
  let current = null; // the link whose preview is shown
  let pending = null; // the link whose preview is being prepared
  let timer = 0;
  let touch = false;

  const address = (url) => url.href.split("#")[0];
  const linkOf = (event) => {
    const link = event.target instanceof Element ? event.target.closest(LINKS) : null;
    if (!link) return null;
    const url = new URL(link.href, location.href);
    const here = address(url) === address(location);
    return here || (url.origin === location.origin && url.pathname.endsWith(".html")) ? link : null;
  };

  // The document holding a link's target: this one, or the site's page, fetched once (again after a failure).
  const documentOf = (url) => {
    const page = address(url);
    if (page === address(location)) return Promise.resolve(document);
    if (!pages.has(page)) {
      const parse = (text) => new DOMParser().parseFromString(text, "text/html");
      const failed = () => (pages.delete(page), null);
      pages.set(page, fetch(page).then((r) => (r.ok ? r.text().then(parse) : failed()), failed));
    }
    return pages.get(page);
  };

  // A copy of `node` for the preview: links become text; no ids or tab stops; images load from their page, now.
  const copy = (node, base) => {
    const clone = document.importNode(node, true);
    clone.querySelectorAll(".headerlink, [role=doc-backlink]").forEach((n) => n.remove());
    clone.querySelectorAll("a").forEach((a) => a.replaceWith(...a.childNodes));
    for (const el of [clone, ...clone.querySelectorAll("[id], [tabindex]")]) {
      el.removeAttribute("id");
      el.removeAttribute("tabindex");
    }
    clone.querySelectorAll("img").forEach((img) => {
      img.src = new URL(img.getAttribute("src"), base).href;
      img.loading = "eager";
    });
    return clone;
  };

  // An element made of copies of `nodes` (the child nodes of each, with `inner`).
  const made = (tag, className, nodes, base, inner = false) => {
    const el = Object.assign(document.createElement(tag), { className });
    for (const node of nodes.filter(Boolean)) el.append(...(inner ? copy(node, base).childNodes : [copy(node, base)]));
    return el;
  };

  const contents = (target, base) => {
    const section = target.closest("section");
    const api = target.matches("dt.sig") ? target : section?.querySelector(":scope > dl.py > dt.sig");
    if (target.matches(".citation")) return [copy(target.querySelector("p"), base)];
    if (target.matches(".math-wrapper")) return [copy(target.querySelector(".math"), base)];
    if (target.matches("figure")) {
      const image = target.querySelector(".relu-static") || target.querySelector(".relu-figure-pair, img");
      return [made("figure", "", [image, target.querySelector("figcaption")], base)];
    }
    if (api && (target === api || target === section)) {
      const summary = made("dd", "", [api.nextElementSibling?.querySelector(":scope > p")], base);
      const entry = made("dl", api.parentElement.className, [api], base);
      entry.append(summary);
      return [entry];
    }
    if (!section) return [];
    const heading = made("p", "relu-preview-title", [section.querySelector("h1, h2, h3, h4, h5, h6")], base, true);
    const paragraph = section.querySelector(":scope > p");
    // A paragraph that leads into a displayed formula: the formula too.
    const formula = paragraph?.nextElementSibling?.matches(".math-wrapper") && paragraph.nextElementSibling.querySelector(".math");
    return [heading, paragraph, formula].filter(Boolean).map((n) => (n === heading ? n : copy(n, base)));
  };

  // A formula wider than the preview is set smaller until it fits: a preview does not scroll sideways.
  const fit = () => {
    for (const math of tip.querySelectorAll(".math")) {
      math.style.fontSize = "";
      // The equation number's spacing does not scale with the formula: a few rounds.
      for (let round = 0; round < 4 && math.scrollWidth > math.clientWidth; round++) {
        const size = parseFloat(getComputedStyle(math).fontSize);
        math.style.fontSize = `${(size * math.clientWidth) / math.scrollWidth}px`;
      }
    }
  };

  const place = () => {
    const link = current.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const below = innerHeight - link.bottom - 2 * GAP;
    const above = link.top - 2 * GAP;
    tip.style.maxHeight = "";
    const down = tip.offsetHeight <= below || below >= above;
    tip.style.maxHeight = `${Math.max(down ? below : above, 0)}px`;
    tip.style.top = `${down ? link.bottom + GAP : link.top - GAP - tip.offsetHeight}px`;
    tip.style.left = `${Math.max(GAP, Math.min(link.left, width - tip.offsetWidth - GAP))}px`;
  };

  const close = () => {
    clearTimeout(timer);
    pending = null;
    if (!current) return;
    current.removeAttribute("aria-describedby");
    current = null;
    tip.hidePopover();
  };

  // Show the preview of `link`. Resolves to true if shown, false if there is none, null if another action came first.
  const open = async (link) => {
    pending = link;
    const url = new URL(link.href, location.href);
    const doc = await documentOf(url);
    if (pending !== link) return null;
    let id = "";
    try {
      id = decodeURIComponent(url.hash.slice(1));
    } catch {
      return false;
    }
    const target = doc && (id ? doc.getElementById(id) : doc.querySelector("article[role=main] section"));
    const parts = target ? contents(target, doc === document ? location.href : url.href) : [];
    if (!parts.length) return false;
    if (current) current.removeAttribute("aria-describedby");
    tip.replaceChildren(...parts);
    current = link;
    link.removeAttribute("title"); // the preview replaces the browser's own tooltip
    link.setAttribute("aria-describedby", tip.id);
    if (!tip.matches(":popover-open")) tip.showPopover();
    fit();
    place();
    tip.querySelectorAll("img").forEach((img) => img.addEventListener("load", () => current && place()));
    return true;
  };

  document.body.append(tip);
  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") return;
    const link = linkOf(event);
    if (link || tip.contains(event.target)) clearTimeout(timer);
    if (link && link !== current) {
      pending = link;
      timer = setTimeout(() => open(link), DELAY);
    }
  });
  document.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const from = linkOf(event) || (tip.contains(event.target) ? tip : null);
    const to = event.relatedTarget;
    if (!from || (to instanceof Node && (from.contains(to) || tip.contains(to) || current?.contains(to)))) return;
    clearTimeout(timer);
    pending = null;
    // A preview opened by keyboard stays while its link has the focus.
    if (current && !current.matches(":focus-visible")) timer = setTimeout(close, DELAY);
  });
  document.addEventListener("focusin", (event) => {
    const link = linkOf(event);
    if (link && link.matches(":focus-visible") && link !== current) {
      clearTimeout(timer);
      open(link);
    }
  });
  document.addEventListener("focusout", (event) => {
    if (event.target === current || event.target === pending) close();
  });
  document.addEventListener("pointerdown", (event) => (touch = event.pointerType === "touch"));
  document.addEventListener("click", (event) => {
    const link = linkOf(event);
    if (touch && link && link !== current) {
      event.preventDefault(); // a first tap shows the preview; a second follows the link
      if (pending === link) return;
      open(link).then((shown) => shown === false && pending === link && (location.href = link.href));
    } else if (!tip.contains(event.target)) close();
  });
  document.addEventListener("keydown", (event) => {
    touch = false;
    if (event.key === "Escape") close();
  });
  addEventListener("scroll", () => current && place(), { passive: true });
  addEventListener("resize", () => current && (fit(), place()));
})();
