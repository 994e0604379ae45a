// Previews of references. Pointing at, keyboard-focusing or tapping a link to
// an equation, a figure, a section, a citation or an API entry (a name in code
// included) shows its target beside the link: a copy taken from the page that
// holds it (this page, or another page of the site, fetched once). A second
// tap follows the link; Escape closes the preview. Without this script, or in
// a browser without the Popover API, the links work as plain links.
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

  const linkOf = (event) => {
    const link = event.target instanceof Element ? event.target.closest(LINKS) : null;
    if (!link) return null;
    const url = new URL(link.href, location.href);
    const local = url.origin === location.origin && url.pathname === location.pathname;
    return local || (url.origin === location.origin && url.pathname.endsWith(".html")) ? link : null;
  };

  // The document holding a link's target: this one, or the site's page, fetched once.
  const documentOf = (url) => {
    if (url.pathname === location.pathname) return Promise.resolve(document);
    const page = url.origin + url.pathname;
    if (!pages.has(page)) {
      const parse = (text) => new DOMParser().parseFromString(text, "text/html");
      pages.set(page, fetch(page).then((r) => (r.ok ? r.text().then(parse) : null), () => null));
    }
    return pages.get(page);
  };

  // A copy of `node` fit for the preview: no ids, no tab stops, addresses resolved against its page.
  const copy = (node, base) => {
    const clone = node.cloneNode(true);
    clone.querySelectorAll(".headerlink, [role=doc-backlink]").forEach((n) => n.remove());
    clone.querySelectorAll("a.image-reference").forEach((a) => a.replaceWith(...a.childNodes));
    for (const el of [clone, ...clone.querySelectorAll("*")]) {
      el.removeAttribute("id");
      el.removeAttribute("tabindex");
      for (const name of ["src", "href"]) {
        const value = el.getAttribute(name);
        if (value && !value.startsWith("#")) el.setAttribute(name, new URL(value, base).href);
      }
    }
    clone.querySelectorAll("a").forEach((a) => (a.tabIndex = -1));
    clone.querySelectorAll("img").forEach((img) => (img.loading = "eager"));
    return clone;
  };

  const contents = (target, base) => {
    const parts = [];
    const add = (node, wrapper) => {
      if (!node) return;
      const clone = copy(node, base);
      if (wrapper) wrapper.append(...(wrapper.tagName === "DL" ? [clone] : clone.childNodes));
      parts.push(wrapper || clone);
    };
    const section = target.closest("section");
    const api = target.matches("dt.sig") ? target : section?.querySelector(":scope > dl.py > dt.sig");
    if (target.matches(".citation")) add(target.querySelector("p"));
    else if (target.matches(".math-wrapper")) add(target.querySelector(".math"));
    else if (target.matches("figure")) {
      add(target.querySelector(".relu-static") || target.querySelector(".relu-figure-pair, img"));
      add(target.querySelector("figcaption"));
    } else if (api && (target === api || target === section)) {
      add(api, Object.assign(document.createElement("dl"), { className: api.parentElement.className }));
      add(api.nextElementSibling?.querySelector(":scope > p"));
    } else if (section) {
      add(section.querySelector("h1, h2, h3, h4, h5, h6"), Object.assign(document.createElement("p"), { className: "relu-preview-title" }));
      const paragraph = section.querySelector(":scope > p");
      add(paragraph);
      // A paragraph that leads into a displayed formula: the formula too.
      if (paragraph?.nextElementSibling?.matches(".math-wrapper")) add(paragraph.nextElementSibling.querySelector(".math"));
    }
    return parts;
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

  // Show the preview of `link`; resolve to whether there is one.
  const open = async (link) => {
    pending = link;
    const url = new URL(link.href, location.href);
    const doc = await documentOf(url);
    const id = decodeURIComponent(url.hash.slice(1));
    const target = doc && (id ? doc.getElementById(id) : doc.querySelector("article[role=main] section"));
    const parts = target ? contents(target, doc === document ? location.href : url.href) : [];
    if (pending !== link || !parts.length) return false;
    if (current) current.removeAttribute("aria-describedby");
    tip.replaceChildren(...parts);
    current = link;
    link.setAttribute("aria-describedby", tip.id);
    tip.showPopover();
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
      link.removeAttribute("title"); // the preview replaces the browser's own tooltip
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
    if (current && document.activeElement !== current) timer = setTimeout(close, DELAY);
  });
  document.addEventListener("focusin", (event) => {
    const link = linkOf(event);
    if (link && link.matches(":focus-visible") && link !== current) {
      clearTimeout(timer);
      open(link);
    }
  });
  document.addEventListener("focusout", (event) => {
    if (event.target === current) close();
  });
  document.addEventListener("pointerdown", (event) => (touch = event.pointerType === "touch"));
  document.addEventListener("click", (event) => {
    const link = linkOf(event);
    if (touch && link && link !== current) {
      event.preventDefault(); // a first tap shows the preview; a second follows the link
      open(link).then((shown) => shown || (location.href = link.href));
    } else if (!tip.contains(event.target)) close();
  });
  document.addEventListener("keydown", (event) => {
    touch = false;
    if (event.key === "Escape") close();
  });
  addEventListener("scroll", () => current && place(), { passive: true });
  addEventListener("resize", () => current && (fit(), place()));
})();
