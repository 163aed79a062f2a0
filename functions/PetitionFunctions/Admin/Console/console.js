// The admin console's core: sign-in, the signed-in admin's roles, the campaign list, and the helpers the
// console's other scripts share (texts in both languages, requests to the admin API, small DOM builders).
// It talks only to the admin API on this origin, with the admin's token, which it keeps in memory alone:
// nothing is written to localStorage or sessionStorage, and a reload signs out.
window.PetitionConsole = (function () {
  "use strict";

  var texts = {
    en: {
      title: "PetitionFunctions console", language: "Language", signInTitle: "Sign in", tokenLabel: "Access token",
      tokenHelp: "On a local run, open the console from the link the run command prints, or paste the token from .local/admin-token.",
      signIn: "Sign in with this token", signOut: "Sign out", campaignsTitle: "Campaigns", campaignsCaption: "Every campaign, its state and its public count",
      campaign: "Campaign", kind: "Kind", state: "State", count: "Count", goal: "Goal", actions: "Actions",
      open: "Open", close: "Close", pause: "Pause sign-ons", resume: "Resume sign-ons", paused: "sign-ons paused",
      loading: "Loading campaigns…", loaded: "{n} campaigns.", signedOut: "Sign in to see the campaigns.",
      refused: "The token was refused (HTTP {status}). Sign in again.", failed: "The request failed: {detail}",
      opened: "{slug} is open.", closed: "{slug} is closed.", pausedNow: "Sign-ons to {slug} are paused.", resumed: "Sign-ons to {slug} are taken again.",
      notCounted: "not public", signedInAs: "Signed in as {name} ({roles}).", someone: "an admin",
      kinds: { petition: "petition", letter: "sign-on letter", stories: "stories" },
      states: { draft: "draft", open: "open", closed: "closed" },
      openLabel: "Open {title}", closeLabel: "Close {title}", pauseLabel: "Pause sign-ons to {title}", resumeLabel: "Resume sign-ons to {title}",
      none: "none"
    },
    es: {
      title: "Consola de PetitionFunctions", language: "Idioma", signInTitle: "Iniciar sesión", tokenLabel: "Token de acceso",
      tokenHelp: "En una ejecución local, abra la consola desde el enlace que imprime el comando, o pegue el token de .local/admin-token.",
      signIn: "Iniciar sesión con este token", signOut: "Cerrar sesión", campaignsTitle: "Campañas", campaignsCaption: "Todas las campañas, su estado y su conteo público",
      campaign: "Campaña", kind: "Tipo", state: "Estado", count: "Conteo", goal: "Meta", actions: "Acciones",
      open: "Abrir", close: "Cerrar", pause: "Pausar firmas", resume: "Reanudar firmas", paused: "firmas en pausa",
      loading: "Cargando campañas…", loaded: "{n} campañas.", signedOut: "Inicie sesión para ver las campañas.",
      refused: "El token fue rechazado (HTTP {status}). Inicie sesión de nuevo.", failed: "La solicitud falló: {detail}",
      opened: "{slug} está abierta.", closed: "{slug} está cerrada.", pausedNow: "Las firmas de {slug} están en pausa.", resumed: "{slug} vuelve a recibir firmas.",
      notCounted: "no es pública", signedInAs: "Sesión de {name} ({roles}).", someone: "un administrador",
      kinds: { petition: "petición", letter: "carta de adhesión", stories: "historias" },
      states: { draft: "borrador", open: "abierta", closed: "cerrada" },
      openLabel: "Abrir {title}", closeLabel: "Cerrar {title}", pauseLabel: "Pausar firmas de {title}", resumeLabel: "Reanudar firmas de {title}",
      none: "ninguno"
    }
  };

  var roles = { admin: "Petitions.Admin", deliver: "Petitions.Deliver", stories: "Petitions.Stories" };
  var language = (navigator.language || "en").toLowerCase().indexOf("es") === 0 ? "es" : "en";
  var token = null; // a token, or a function that gives the current one (Entra ID sign-in renews its tokens)
  var signedIn = { roles: [] };
  var campaigns = [];
  var counts = {};
  var rowActions = [];
  var renderers = [];
  var signOutHandlers = [];
  var svgNamespace = "http://www.w3.org/2000/svg";

  // Every script's texts share one namespace: a key defined twice, or missing in a language, is reported
  // in the browser's console (the end-to-end test fails on any console error).
  function addTexts(more) {
    Object.keys(more).forEach(function (code) {
      Object.keys(more[code]).forEach(function (key) { if (key in texts[code]) console.error("Console text '" + key + "' is defined twice."); });
      Object.assign(texts[code], more[code]);
    });
  }

  function checkTexts() {
    Object.keys(texts.en).forEach(function (key) { if (!(key in texts.es)) console.error("Console text '" + key + "' has no Spanish."); });
    Object.keys(texts.es).forEach(function (key) { if (!(key in texts.en)) console.error("Console text '" + key + "' has no English."); });
  }

  function t(key, values) {
    var text = texts[language][key];
    if (text === undefined) text = texts.en[key];
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  // A name from one of the texts' lists (states, kinds…), or the value itself when the list lacks it.
  function named(list, value) {
    var key = String(value).toLowerCase();
    return (texts[language][list] || {})[key] || key;
  }

  function say(message) { document.getElementById("status").textContent = message; }

  function applyTexts() {
    document.documentElement.lang = language;
    document.title = t("title");
    document.querySelectorAll("[data-text]").forEach(function (element) { element.textContent = t(element.getAttribute("data-text")); });
    document.getElementById("language").value = language;
  }

  // A request to the admin API with the admin's token; problems come back in the console's language.
  async function request(method, path, body) {
    var bearer = typeof token === "function" ? await token() : token;
    var headers = { Authorization: "Bearer " + bearer, Accept: "application/json", "Accept-Language": language };
    var init = { method: method, headers: headers, cache: "no-store" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; init.body = JSON.stringify(body); }
    var response = await fetch(path, init);
    if (response.status === 401) { signOut(); say(t("refused", { status: 401 })); }
    return response;
  }

  async function problemOf(response) {
    try { return await response.json(); } catch (e) { return { status: response.status }; }
  }

  // Announces a failed request with the problem's own words, and hands back the problem for its field errors.
  async function failed(response) {
    var problem = await problemOf(response);
    if (response.status !== 401) say(t("failed", { detail: problem.detail || problem.title || String(response.status) }));
    return problem;
  }

  function el(tag, attributes, children) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") element.textContent = value;
      else if (name === "className") element.className = value;
      else if (name.indexOf("on") === 0) element.addEventListener(name.slice(2), value);
      else if (name in element && typeof value !== "string") element[name] = value;
      else element.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) element.appendChild(typeof child === "string" ? document.createTextNode(child) : child); });
    return element;
  }

  function cell(row, text) {
    var td = el("td", { text: text });
    row.appendChild(td);
    return td;
  }

  function button(text, label, onClick, secondary) {
    return el("button", { type: "button", text: text, "aria-label": label, className: secondary ? "secondary" : null, onclick: onClick });
  }

  // A question before an action that cannot be taken back: what asked it (a button or a form) gives way to
  // the question and its Yes and No buttons, Yes focused; either answer brings the asker back, and No also
  // returns the focus to it. Call once the page is loaded.
  function question(askerId, groupId, onYes) {
    var asker = document.getElementById(askerId), group = document.getElementById(groupId);
    var buttons = group.querySelectorAll("button");
    function close(refocus) {
      asker.hidden = false;
      group.hidden = true;
      if (refocus) (asker.querySelector("input, button") || asker).focus();
    }
    buttons[0].addEventListener("click", function () { close(false); onYes(); });
    buttons[1].addEventListener("click", function () { close(true); });
    return {
      ask: function (text) {
        group.querySelector(".warning").textContent = text;
        asker.hidden = true;
        group.hidden = false;
        buttons[0].focus();
      },
      close: close
    };
  }

  // A view's heading names the campaign it shows (its slug until the campaign list knows it).
  function viewTitle(id, key, slug) {
    var campaign = campaignBySlug(slug);
    document.getElementById(id).textContent = t(key, { title: campaign ? titleOf(campaign) : slug });
  }

  // A list's rows, one per item, or a single row that says the list is empty.
  function fillRows(tbody, items, emptyText, rowFor) {
    tbody.replaceChildren();
    if (items.length === 0) cell(tbody.appendChild(el("tr")), emptyText).colSpan = tbody.parentNode.querySelectorAll("thead th").length;
    items.forEach(function (item) { tbody.appendChild(rowFor(item)); });
  }

  // The API's field errors go beside the inputs they name: each input has an "{its id}-error" paragraph,
  // and an invalid input is marked aria-invalid, which also points the focus at the first one.
  function clearFieldErrors(container) {
    container.querySelectorAll(".field-error").forEach(function (error) { error.hidden = true; error.textContent = ""; });
    container.querySelectorAll("[aria-invalid]").forEach(function (input) { input.removeAttribute("aria-invalid"); });
  }

  function showFieldError(input, message) {
    var error = document.getElementById(input.id + "-error");
    error.textContent = (error.textContent ? error.textContent + " " : "") + message;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }

  function focusFirstInvalid(container) {
    var first = container.querySelector("[aria-invalid]");
    if (first) first.focus();
  }

  // A chart is a table: its rows' labels and numbers are text, and the bar beside each is a drawing of the
  // number (hidden from screen readers, which read the number), so nothing depends on colour or on sight.
  function chart(caption, labelHeading, valueHeading, entries) {
    var table = el("table", { className: "chart" }, [el("caption", { text: caption })]);
    if (entries.length === 0) {
      var empty = el("tr");
      cell(empty, t("noData"));
      table.appendChild(empty);
      return table;
    }
    table.appendChild(el("tr", {}, [labelHeading, valueHeading, ""].map(function (text) { return el("th", { scope: "col", text: text }); })));
    var largest = Math.max.apply(null, entries.map(function (entry) { return Math.abs(entry[1]); })) || 1;
    entries.forEach(function (entry) {
      var row = el("tr", {}, [el("th", { scope: "row", text: entry[0] })]);
      cell(row, entry[1].toLocaleString(language)).className = "number";
      var svg = document.createElementNS(svgNamespace, "svg");
      svg.setAttribute("viewBox", "0 0 100 10");
      svg.setAttribute("preserveAspectRatio", "none");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("focusable", "false");
      var bar = document.createElementNS(svgNamespace, "rect");
      bar.setAttribute("width", String(Math.max(1, Math.round(100 * Math.abs(entry[1]) / largest))));
      bar.setAttribute("height", "10");
      svg.appendChild(bar);
      cell(row, "").appendChild(svg);
      table.appendChild(row);
    });
    return table;
  }

  // One working view at a time beside the campaign list: the view's section is shown, the others hidden,
  // and focus moves to its heading so a screen reader announces where the admin now is.
  function showView(id) {
    document.querySelectorAll("section.view").forEach(function (section) { section.hidden = section.id !== id; });
    var heading = document.querySelector("#" + id + " h2");
    if (heading) heading.focus();
  }

  function titleOf(campaign) {
    return (campaign.title && (campaign.title[language] || campaign.title.en)) || campaign.slug;
  }

  function campaignBySlug(slug) { return campaigns.filter(function (c) { return c.slug === slug; })[0]; }

  function hasRole(role) { return signedIn.roles.indexOf(roles[role] || role) >= 0; }

  function signOut() {
    token = null;
    signedIn = { roles: [] };
    campaigns = [];
    document.querySelectorAll("section.view, #campaigns, #account").forEach(function (section) { section.hidden = true; });
    document.getElementById("sign-in").hidden = false;
    signOutHandlers.forEach(function (handler) { handler(); });
  }

  async function signIn(tokenOrSource) {
    token = tokenOrSource;
    var response = await request("GET", "manage/me");
    if (!response.ok) { if (response.status !== 401) { signOut(); say(t("refused", { status: response.status })); } return; }
    signedIn = await response.json();
    document.getElementById("sign-in").hidden = true;
    document.getElementById("account").hidden = false;
    document.querySelectorAll("[data-role]").forEach(function (element) { element.hidden = !hasRole(element.getAttribute("data-role")); });
    document.getElementById("signed-in-as").textContent = t("signedInAs", { name: signedIn.name || t("someone"), roles: signedIn.roles.join(", ") || t("none") });
    await loadCampaigns();
  }

  async function loadCampaigns() {
    say(t("loading"));
    var response = await request("GET", "manage/campaigns");
    if (!response.ok) { await failed(response); return; }
    campaigns = (await response.json()).campaigns;
    document.getElementById("campaigns").hidden = false;
    await loadCounts();
    render();
    say(t("loaded", { n: campaigns.length }));
  }

  async function loadCounts() {
    await Promise.all(campaigns.map(async function (campaign) {
      var response = await fetch("campaigns/" + encodeURIComponent(campaign.slug) + "/count", { cache: "no-store" });
      counts[campaign.slug] = response.ok ? (await response.json()).count : null;
    }));
  }

  async function changeState(slug, action) {
    var response = await request("POST", "manage/campaigns/" + encodeURIComponent(slug) + "/" + action);
    if (!response.ok) { await failed(response); return; }
    await loadCampaigns();
    say(t(action === "open" ? "opened" : "closed", { slug: slug }));
  }

  async function setPaused(slug, paused) {
    var response = await request("PATCH", "manage/campaigns/" + encodeURIComponent(slug), { intake_paused: paused });
    if (!response.ok) { await failed(response); return; }
    await loadCampaigns();
    say(t(paused ? "pausedNow" : "resumed", { slug: slug }));
  }

  // The console's other scripts add buttons to each campaign's row: for the roles and kinds they serve.
  function addRowAction(action) { rowActions.push(action); }

  function render() {
    var rows = document.getElementById("campaign-rows");
    rows.replaceChildren();
    campaigns.forEach(function (campaign) {
      var state = String(campaign.state).toLowerCase();
      var kind = String(campaign.kind).toLowerCase();
      var title = titleOf(campaign);
      var row = el("tr", {}, [el("th", { scope: "row", text: title }, [el("span", { className: "slug", text: campaign.slug })])]);
      cell(row, named("kinds", kind)).setAttribute("data-label", t("kind"));
      var stateCell = cell(row, named("states", state) + (campaign.intake_paused ? ", " + t("paused") : ""));
      stateCell.className = "state state-" + state;
      stateCell.setAttribute("data-label", t("state"));
      cell(row, counts[campaign.slug] == null ? t("notCounted") : counts[campaign.slug].toLocaleString(language)).setAttribute("data-label", t("count"));
      cell(row, Number(campaign.goal).toLocaleString(language)).setAttribute("data-label", t("goal"));
      var actions = cell(row, "");
      actions.className = "row-actions";
      if (hasRole("admin")) {
        var action = state === "open" ? "close" : "open";
        actions.appendChild(button(t(action), t(action + "Label", { title: title }), function () { changeState(campaign.slug, action); }));
        if (state === "open") {
          var pause = campaign.intake_paused ? "resume" : "pause";
          actions.appendChild(button(t(pause), t(pause + "Label", { title: title }), function () { setPaused(campaign.slug, !campaign.intake_paused); }, true));
        }
      }
      rowActions.forEach(function (extra) {
        if (extra.kinds && extra.kinds.indexOf(kind) < 0) return;
        if (!extra.roles.some(hasRole)) return;
        actions.appendChild(button(t(extra.text), t(extra.label, { title: title }), function () { extra.run(campaign); }, true));
      });
      rows.appendChild(row);
    });
  }

  // The phone layout shows a list's rows as cards (CSS display: block), which makes some browsers forget
  // they are a table; explicit roles keep rows, headers and cells announced as such.
  var tableRoles = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TR: "row", TD: "cell" };
  function keepTableRoles(table) {
    table.querySelectorAll("*").forEach(function (element) {
      var role = element.tagName === "TH" ? (element.getAttribute("scope") === "row" ? "rowheader" : "columnheader") : tableRoles[element.tagName];
      if (role && !element.hasAttribute("role")) element.setAttribute("role", role);
    });
    if (!table.hasAttribute("role")) table.setAttribute("role", "table");
  }

  function onLanguageChange(handler) { renderers.push(handler); }
  function onSignOut(handler) { signOutHandlers.push(handler); }

  document.addEventListener("DOMContentLoaded", function () {
    checkTexts();
    applyTexts();
    document.querySelectorAll("table.cards").forEach(function (table) {
      keepTableRoles(table);
      new MutationObserver(function () { keepTableRoles(table); }).observe(table, { childList: true, subtree: true });
    });
    document.getElementById("language").addEventListener("change", function (event) {
      language = event.target.value;
      applyTexts();
      if (token) { render(); renderers.forEach(function (handler) { handler(); }); }
    });
    document.getElementById("sign-in-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var pasted = document.getElementById("token").value.trim();
      document.getElementById("token").value = "";
      signIn(pasted);
    });
    document.getElementById("sign-out").addEventListener("click", function () { signOut(); say(t("signedOut")); });
    // A local run's link carries its development token in the fragment, which never reaches a server; it is
    // read once and cleared from the address bar and the history.
    var fragment = new URLSearchParams(location.hash.slice(1));
    if (fragment.get("token")) {
      history.replaceState(null, "", location.pathname + location.search);
      signIn(fragment.get("token"));
    } else {
      signOut();
      say(t("signedOut"));
    }
    setInterval(function () { if (token) loadCounts().then(render); }, 30000);
  });

  return {
    addTexts: addTexts, t: t, named: named, say: say, request: request, failed: failed, el: el, cell: cell, button: button,
    clearFieldErrors: clearFieldErrors, showFieldError: showFieldError, focusFirstInvalid: focusFirstInvalid,
    chart: chart, showView: showView, titleOf: titleOf, addRowAction: addRowAction,
    onLanguageChange: onLanguageChange, onSignOut: onSignOut, signIn: signIn, reloadCampaigns: loadCampaigns,
    viewTitle: viewTitle, fillRows: fillRows, question: question, campaign: campaignBySlug,
    language: function () { return language; }
  };
})();
