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
      openLabel: "Open {title}", closeLabel: "Close {title}"
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
      openLabel: "Abrir {title}", closeLabel: "Cerrar {title}"
    }
  };

  var language = (navigator.language || "en").toLowerCase().indexOf("es") === 0 ? "es" : "en";
  var token = null;
  var campaigns = [];
  var counts = {};

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
      rows.appendChild(row);
    });
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
      if (token) render();
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
