// The admin console. It talks only to the admin API on this origin, with the signed-in admin's token, which
// it keeps in memory alone: nothing is written to localStorage or sessionStorage, and a reload signs out.
(function () {
  "use strict";

  var texts = {
    en: {
      title: "PetitionFunctions console", language: "Language", signInTitle: "Sign in", tokenLabel: "Access token",
      tokenHelp: "On a local run, open the console from the link the run command prints, or paste the token from .local/admin-token.",
      signIn: "Sign in", campaignsTitle: "Campaigns", campaignsCaption: "Every campaign, its state and its public count",
      campaign: "Campaign", kind: "Kind", state: "State", count: "Count", goal: "Goal", actions: "Actions",
      open: "Open", close: "Close", loading: "Loading campaigns…", loaded: "{n} campaigns.", signedOut: "Sign in to see the campaigns.",
      refused: "The token was refused (HTTP {status}). Sign in again.", failed: "The request failed: {detail}",
      opened: "{slug} is open.", closed: "{slug} is closed.", notCounted: "not public",
      kinds: { petition: "petition", letter: "sign-on letter", stories: "stories" },
      states: { draft: "draft", open: "open", closed: "closed" },
      openLabel: "Open {title}", closeLabel: "Close {title}",
      dashboard: "Dashboard", dashboardLabel: "Dashboard of {title}", dashboardTitle: "Dashboard: {title}",
      publicCount: "Public count", settled: "Settled (older than the lag window)", goalFigure: "Goal",
      rate: "Confirmation rate", asOf: "As of", byDay: "Confirmed signatures by day (net)", byRegion: "By region",
      bySource: "By partner source", byState: "Signatures by state", noData: "Nothing yet.", value: "Signatures",
      day: "Day", region: "Region", source: "Source", stateColumn: "State",
      stateNames: { confirmed: "confirmed", unconfirmed: "unconfirmed", withdrawn: "withdrawn", invalidated: "invalidated", flagged: "flagged" },
      endorsementsButton: "Endorsements", endorsementsLabel: "Endorsements of {title}", endorsementsTitle: "Endorsements: {title}",
      show: "Show", pendingOnly: "Waiting for moderation", everyEndorsement: "Every endorsement",
      endorsementsCaption: "Select endorsements, then approve or reject them together", select: "Select", endorser: "Endorser",
      signer: "Signer", checks: "Checks", moderation: "Moderation", pendingChange: "Pending change",
      approveSelected: "Approve selected", rejectSelected: "Reject selected", selectLabel: "Select {name}",
      confirmedCheck: "email confirmed", unconfirmedCheck: "email not confirmed", domainCheck: "domain matches",
      flagCheck: "flagged: {flag}", erased: "erased", none: "none", noEndorsements: "No endorsements here.",
      moderated: "{n} endorsements {state}.", noneSelected: "Select at least one endorsement.",
      moderationNames: { pending: "waiting", approved: "approved", rejected: "rejected" }
    },
    es: {
      title: "Consola de PetitionFunctions", language: "Idioma", signInTitle: "Iniciar sesión", tokenLabel: "Token de acceso",
      tokenHelp: "En una ejecución local, abra la consola desde el enlace que imprime el comando, o pegue el token de .local/admin-token.",
      signIn: "Iniciar sesión", campaignsTitle: "Campañas", campaignsCaption: "Todas las campañas, su estado y su conteo público",
      campaign: "Campaña", kind: "Tipo", state: "Estado", count: "Conteo", goal: "Meta", actions: "Acciones",
      open: "Abrir", close: "Cerrar", loading: "Cargando campañas…", loaded: "{n} campañas.", signedOut: "Inicie sesión para ver las campañas.",
      refused: "El token fue rechazado (HTTP {status}). Inicie sesión de nuevo.", failed: "La solicitud falló: {detail}",
      opened: "{slug} está abierta.", closed: "{slug} está cerrada.", notCounted: "no es pública",
      kinds: { petition: "petición", letter: "carta de adhesión", stories: "historias" },
      states: { draft: "borrador", open: "abierta", closed: "cerrada" },
      openLabel: "Abrir {title}", closeLabel: "Cerrar {title}",
      dashboard: "Panel", dashboardLabel: "Panel de {title}", dashboardTitle: "Panel: {title}",
      publicCount: "Conteo público", settled: "Asentado (más antiguo que la ventana de espera)", goalFigure: "Meta",
      rate: "Tasa de confirmación", asOf: "Al", byDay: "Firmas confirmadas por día (neto)", byRegion: "Por región",
      bySource: "Por fuente aliada", byState: "Firmas por estado", noData: "Nada aún.", value: "Firmas",
      day: "Día", region: "Región", source: "Fuente", stateColumn: "Estado",
      stateNames: { confirmed: "confirmadas", unconfirmed: "sin confirmar", withdrawn: "retiradas", invalidated: "invalidadas", flagged: "marcadas" },
      endorsementsButton: "Respaldos", endorsementsLabel: "Respaldos de {title}", endorsementsTitle: "Respaldos: {title}",
      show: "Mostrar", pendingOnly: "Esperando moderación", everyEndorsement: "Todos los respaldos",
      endorsementsCaption: "Seleccione respaldos y apruébelos o rechácelos juntos", select: "Seleccionar", endorser: "Quien respalda",
      signer: "Firmante", checks: "Verificaciones", moderation: "Moderación", pendingChange: "Cambio pendiente",
      approveSelected: "Aprobar los seleccionados", rejectSelected: "Rechazar los seleccionados", selectLabel: "Seleccionar {name}",
      confirmedCheck: "correo confirmado", unconfirmedCheck: "correo sin confirmar", domainCheck: "el dominio coincide",
      flagCheck: "marcado: {flag}", erased: "borrado", none: "ninguno", noEndorsements: "No hay respaldos aquí.",
      moderated: "{n} respaldos {state}.", noneSelected: "Seleccione al menos un respaldo.",
      moderationNames: { pending: "en espera", approved: "aprobados", rejected: "rechazados" }
    }
  };

  var language = (navigator.language || "en").toLowerCase().indexOf("es") === 0 ? "es" : "en";
  var token = null;
  var campaigns = [];
  var counts = {};
  var shown = null;
  var endorsing = null;
  var svgNamespace = "http://www.w3.org/2000/svg";

  function t(key, values) {
    var text = texts[language][key];
    Object.keys(values || {}).forEach(function (name) { text = text.replace("{" + name + "}", values[name]); });
    return text;
  }

  function say(message) { document.getElementById("status").textContent = message; }

  function applyTexts() {
    document.documentElement.lang = language;
    document.title = t("title");
    document.querySelectorAll("[data-text]").forEach(function (element) { element.textContent = t(element.getAttribute("data-text")); });
    document.getElementById("language").value = language;
  }

  function api(method, path) {
    return fetch(path, { method: method, headers: { Authorization: "Bearer " + token, Accept: "application/json" }, cache: "no-store" });
  }

  async function problemOf(response) {
    try { var problem = await response.json(); return problem.detail || problem.title || String(response.status); }
    catch (e) { return String(response.status); }
  }

  function showSignIn() {
    token = null;
    document.getElementById("campaigns").hidden = true;
    document.getElementById("sign-in").hidden = false;
  }

  async function loadCampaigns() {
    say(t("loading"));
    var response = await api("GET", "manage/campaigns");
    if (response.status === 401 || response.status === 403) { showSignIn(); say(t("refused", { status: response.status })); return; }
    if (!response.ok) { say(t("failed", { detail: await problemOf(response) })); return; }
    campaigns = (await response.json()).campaigns;
    document.getElementById("sign-in").hidden = true;
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

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function render() {
    var rows = document.getElementById("campaign-rows");
    rows.replaceChildren();
    campaigns.forEach(function (campaign) {
      var state = String(campaign.state).toLowerCase();
      var title = (campaign.title && (campaign.title[language] || campaign.title.en)) || campaign.slug;
      var row = document.createElement("tr");
      var name = document.createElement("th");
      name.scope = "row";
      name.textContent = title;
      var slug = document.createElement("span");
      slug.className = "slug";
      slug.textContent = campaign.slug;
      name.appendChild(slug);
      row.appendChild(name);
      cell(row, texts[language].kinds[String(campaign.kind).toLowerCase()] || campaign.kind);
      cell(row, texts[language].states[state] || state).className = "state state-" + state;
      cell(row, counts[campaign.slug] == null ? t("notCounted") : counts[campaign.slug].toLocaleString(language));
      cell(row, Number(campaign.goal).toLocaleString(language));
      var actions = cell(row, "");
      var action = state === "open" ? "close" : "open";
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = t(action);
      button.setAttribute("aria-label", t(action + "Label", { title: title }));
      button.addEventListener("click", function () { changeState(campaign.slug, action); });
      actions.appendChild(button);
      var open = document.createElement("button");
      open.type = "button";
      open.className = "secondary";
      open.textContent = t("dashboard");
      open.setAttribute("aria-label", t("dashboardLabel", { title: title }));
      open.addEventListener("click", function () { showDashboard(campaign.slug, title); });
      actions.appendChild(open);
      if (String(campaign.kind).toLowerCase() === "letter") {
        var endorse = document.createElement("button");
        endorse.type = "button";
        endorse.className = "secondary";
        endorse.textContent = t("endorsementsButton");
        endorse.setAttribute("aria-label", t("endorsementsLabel", { title: title }));
        endorse.addEventListener("click", function () { showEndorsements(campaign.slug, title); });
        actions.appendChild(endorse);
      }
      rows.appendChild(row);
    });
  }

  // A chart is a table: its rows' labels and numbers are text, and the bar beside each is a drawing of the
  // number (hidden from screen readers, which read the number), so nothing depends on colour or on sight.
  function chart(caption, labelHeading, entries) {
    var table = document.createElement("table");
    table.className = "chart";
    var head = document.createElement("caption");
    head.textContent = caption;
    table.appendChild(head);
    if (entries.length === 0) {
      var empty = document.createElement("tr");
      cell(empty, t("noData"));
      table.appendChild(empty);
      return table;
    }
    var header = document.createElement("tr");
    [labelHeading, t("value"), ""].forEach(function (text) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = text;
      header.appendChild(th);
    });
    table.appendChild(header);
    var largest = Math.max.apply(null, entries.map(function (entry) { return Math.abs(entry[1]); })) || 1;
    entries.forEach(function (entry) {
      var row = document.createElement("tr");
      var label = document.createElement("th");
      label.scope = "row";
      label.textContent = entry[0];
      row.appendChild(label);
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

  function largestFirst(counts, limit) {
    return Object.keys(counts).map(function (key) { return [key, counts[key]]; })
      .sort(function (a, b) { return b[1] - a[1]; }).slice(0, limit);
  }

  function figure(list, term, value) {
    var dt = document.createElement("dt");
    dt.textContent = term;
    var dd = document.createElement("dd");
    dd.textContent = value;
    list.appendChild(dt);
    list.appendChild(dd);
  }

  async function showDashboard(slug, title) {
    var response = await api("GET", "manage/campaigns/" + encodeURIComponent(slug) + "/dashboard");
    if (!response.ok) { say(t("failed", { detail: await problemOf(response) })); return; }
    shown = { slug: slug, title: title, view: await response.json() };
    renderDashboard();
    document.getElementById("dashboard").hidden = false;
    document.getElementById("dashboard-title").focus();
  }

  function renderDashboard() {
    if (!shown) return;
    var view = shown.view;
    document.getElementById("dashboard-title").textContent = t("dashboardTitle", { title: shown.title });
    var figures = document.getElementById("dashboard-figures");
    figures.replaceChildren();
    figure(figures, t("publicCount"), view.count.toLocaleString(language));
    figure(figures, t("settled"), view.settled_count.toLocaleString(language));
    figure(figures, t("goalFigure"), view.goal.toLocaleString(language));
    figure(figures, t("rate"), view.confirmation_rate == null ? "—" : Math.round(view.confirmation_rate * 100) + " %");
    figure(figures, t("asOf"), view.as_of ? new Date(view.as_of).toLocaleString(language) : "—");
    var days = Object.keys(view.by_day).sort().slice(-30).map(function (day) { return [day, view.by_day[day]]; });
    var states = Object.keys(view.signatures).map(function (state) { return [texts[language].stateNames[state] || state, view.signatures[state]]; });
    var charts = document.getElementById("dashboard-charts");
    charts.replaceChildren(
      chart(t("byDay"), t("day"), days),
      chart(t("byRegion"), t("region"), largestFirst(view.by_region, 10)),
      chart(t("bySource"), t("source"), largestFirst(view.by_source, 10)),
      chart(t("byState"), t("stateColumn"), states));
  }

  async function showEndorsements(slug, title) {
    var filter = document.getElementById("moderation-filter").value;
    var response = await api("GET", "manage/campaigns/" + encodeURIComponent(slug) + "/endorsements" + (filter ? "?moderation=" + filter : ""));
    if (!response.ok) { say(t("failed", { detail: await problemOf(response) })); return false; }
    endorsing = { slug: slug, title: title, list: (await response.json()).endorsements };
    renderEndorsements();
    document.getElementById("endorsements").hidden = false;
    return true;
  }

  function endorserName(endorsement) {
    return endorsement.organization ? endorsement.organization.name : endorsement.endorser.name;
  }

  // What a pending change would change, field by field: "Website: old → new".
  function changes(endorsement) {
    var change = endorsement.pending_change;
    if (!change) return t("none");
    var before = Object.assign({}, endorsement.organization || {}, endorsement.endorser);
    var after = Object.assign({}, change.organization || {}, change.endorser);
    var differences = Object.keys(after).filter(function (field) { return after[field] !== before[field]; })
      .map(function (field) { return field + ": " + (before[field] || "—") + " → " + (after[field] || "—"); });
    return differences.length ? differences.join("; ") : t("none");
  }

  function renderEndorsements() {
    if (!endorsing) return;
    document.getElementById("endorsements-title").textContent = t("endorsementsTitle", { title: endorsing.title });
    var rows = document.getElementById("endorsement-rows");
    rows.replaceChildren();
    if (endorsing.list.length === 0) {
      var empty = document.createElement("tr");
      cell(empty, t("noEndorsements")).colSpan = 6;
      rows.appendChild(empty);
    }
    endorsing.list.forEach(function (endorsement) {
      var name = endorserName(endorsement);
      var row = document.createElement("tr");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = endorsement.key;
      box.setAttribute("aria-label", t("selectLabel", { name: name }));
      cell(row, "").appendChild(box);
      var endorser = document.createElement("th");
      endorser.scope = "row";
      endorser.textContent = name;
      row.appendChild(endorser);
      cell(row, endorsement.signer_erased ? t("erased") : endorsement.endorser.name + ", " + endorsement.endorser.title);
      var checks = [String(endorsement.state).toLowerCase() === "confirmed" ? t("confirmedCheck") : t("unconfirmedCheck")];
      if (endorsement.domain_verified) checks.push(t("domainCheck"));
      if (endorsement.flag) checks.push(t("flagCheck", { flag: endorsement.flag }));
      cell(row, checks.join(", "));
      var moderation = String(endorsement.moderation).toLowerCase();
      cell(row, texts[language].moderationNames[moderation] || moderation);
      cell(row, changes(endorsement));
      rows.appendChild(row);
    });
  }

  async function moderateSelected(state) {
    var keys = Array.prototype.map.call(document.querySelectorAll("#endorsement-rows input:checked"), function (box) { return box.value; });
    if (keys.length === 0) { say(t("noneSelected")); return; }
    var response = await fetch("manage/campaigns/" + encodeURIComponent(endorsing.slug) + "/endorsements/moderation", {
      method: "POST", cache: "no-store",
      headers: { Authorization: "Bearer " + token, Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ keys: keys, state: state })
    });
    if (!response.ok) { say(t("failed", { detail: await problemOf(response) })); return; }
    var result = await response.json();
    if (await showEndorsements(endorsing.slug, endorsing.title))
      say(t("moderated", { n: result.updated.length, state: texts[language].moderationNames[state] }));
  }

  async function changeState(slug, action) {
    var response = await api("POST", "manage/campaigns/" + encodeURIComponent(slug) + "/" + action);
    if (!response.ok) { say(t("failed", { detail: await problemOf(response) })); return; }
    await loadCampaigns();
    say(t(action === "open" ? "opened" : "closed", { slug: slug }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    applyTexts();
    document.getElementById("language").addEventListener("change", function (event) {
      language = event.target.value;
      applyTexts();
      if (token) { render(); renderDashboard(); renderEndorsements(); }
    });
    document.getElementById("approve-selected").addEventListener("click", function () { moderateSelected("approved"); });
    document.getElementById("reject-selected").addEventListener("click", function () { moderateSelected("rejected"); });
    document.getElementById("moderation-filter").addEventListener("change", function () {
      if (endorsing) showEndorsements(endorsing.slug, endorsing.title);
    });
    document.getElementById("sign-in-form").addEventListener("submit", function (event) {
      event.preventDefault();
      token = document.getElementById("token").value.trim();
      document.getElementById("token").value = "";
      loadCampaigns();
    });
    // A local run's link carries its development token in the fragment, which never reaches a server; it is
    // read once and cleared from the address bar and the history.
    var fragment = new URLSearchParams(location.hash.slice(1));
    if (fragment.get("token")) {
      token = fragment.get("token");
      history.replaceState(null, "", location.pathname + location.search);
      loadCampaigns();
    } else {
      showSignIn();
      say(t("signedOut"));
    }
    setInterval(function () { if (token) loadCounts().then(render); }, 30000);
  });
})();
