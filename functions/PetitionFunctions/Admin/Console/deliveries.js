// A campaign's deliveries to its target: the history, newest first, with each packet's parts and the SHA-256
// the office can check them by, and "deliver now" after a step that says what will be sent. While a delivery
// is queued or being sent, the history is fetched again every few seconds until it settles.
(function (C) {
  "use strict";

  C.addTexts({
    en: {
      deliveriesButton: "Deliveries", deliveriesLabel: "Deliveries of {title}", deliveriesTitle: "Deliveries: {title}",
      deliveriesHelp: "The delivery rules send packets on their own (goal reached, every N signatures, weekly, at close). Deliver now sends one more, with everything confirmed until this moment.",
      deliveriesCaption: "Deliveries, newest first", deliveryId: "Delivery", deliveryRequested: "Requested", deliveryState: "State",
      deliverySigners: "Confirmed (new since the last)", deliveryParts: "Parts and their SHA-256", noDeliveries: "Nothing delivered yet.",
      deliverNow: "Deliver now", deliverNowQuestion: "Send a packet to {target} now, with everything confirmed until this moment?",
      deliverNowYes: "Yes, deliver now", deliverNowNo: "No, go back", deliveryQueued: "Delivery {id} is queued.",
      deliveryBy: "{when}, by {who}", requestedBy: { admin: "an admin", timer: "the rules" },
      deliveryCovered: "sent in {id}", partsSummary: "Parts: {n}", partLine: "Part {number}, {name}; rows: {rows}; bytes: {bytes}; SHA-256: {hash}",
      deliveryStates: { queued: "queued", sending: "sending", sent: "sent", failed: "failed", covered: "covered" },
      theTarget: "the target"
    },
    es: {
      deliveriesButton: "Entregas", deliveriesLabel: "Entregas de {title}", deliveriesTitle: "Entregas: {title}",
      deliveriesHelp: "Las reglas de entrega envían paquetes por sí solas (meta alcanzada, cada N firmas, cada semana, al cerrar). Entregar ahora envía uno más, con todo lo confirmado hasta este momento.",
      deliveriesCaption: "Entregas, las más recientes primero", deliveryId: "Entrega", deliveryRequested: "Pedida", deliveryState: "Estado",
      deliverySigners: "Confirmadas (nuevas desde la anterior)", deliveryParts: "Partes y su SHA-256", noDeliveries: "Todavía no hay entregas.",
      deliverNow: "Entregar ahora", deliverNowQuestion: "¿Enviar ahora un paquete a {target}, con todo lo confirmado hasta este momento?",
      deliverNowYes: "Sí, entregar ahora", deliverNowNo: "No, volver", deliveryQueued: "La entrega {id} está en cola.",
      deliveryBy: "{when}, por {who}", requestedBy: { admin: "un administrador", timer: "las reglas" },
      deliveryCovered: "enviada en {id}", partsSummary: "Partes: {n}", partLine: "Parte {number}, {name}; filas: {rows}; bytes: {bytes}; SHA-256: {hash}",
      deliveryStates: { queued: "en cola", sending: "enviándose", sent: "enviada", failed: "falló", covered: "incluida en otra" },
      theTarget: "el destinatario"
    }
  });

  var history = null; // { slug, list }
  var refresh = null;
  var confirmation = null;

  function byId(id) { return document.getElementById(id); }
  function path() { return "manage/campaigns/" + encodeURIComponent(history.slug) + "/deliveries"; }
  function unsettled(delivery) { return ["queued", "sending"].indexOf(String(delivery.state).toLowerCase()) >= 0; }

  async function load() {
    var response = await C.request("GET", path());
    if (!response.ok) { await C.failed(response); return false; }
    history.list = (await response.json()).deliveries;
    render();
    clearTimeout(refresh);
    if (history.list.some(unsettled)) refresh = setTimeout(function () { if (history && !byId("deliveries").hidden) load(); }, 2000);
    return true;
  }

  async function show(campaign) {
    history = { slug: campaign.slug, list: [] };
    confirmation.close(false);
    if (await load()) C.showView("deliveries");
  }

  function stateOf(delivery) {
    var state = C.named("deliveryStates", delivery.state);
    if (delivery.covered_by) state += ": " + C.t("deliveryCovered", { id: delivery.covered_by });
    if (delivery.failure) state += ": " + delivery.failure;
    return state;
  }

  function partsOf(delivery) {
    if (!delivery.parts || delivery.parts.length === 0) return C.el("span", { text: C.t("none") });
    var number = function (n) { return Number(n).toLocaleString(C.language()); };
    return C.el("details", {}, [
      C.el("summary", { text: C.t("partsSummary", { n: delivery.parts.length }) }),
      C.el("ul", { className: "parts" }, delivery.parts.map(function (part) {
        return C.el("li", { text: C.t("partLine", { number: part.number, name: part.name, rows: number(part.rows), bytes: number(part.bytes), hash: part.sha256 }) });
      }))
    ]);
  }

  function render() {
    if (!history) return;
    C.viewTitle("deliveries-title", "deliveriesTitle", history.slug);
    C.fillRows(byId("delivery-rows"), history.list, C.t("noDeliveries"), function (delivery) {
      var row = C.el("tr", {}, [C.el("th", { scope: "row", text: delivery.delivery_id })]);
      var when = new Date(delivery.requested_at).toLocaleString(C.language(), { dateStyle: "medium", timeStyle: "short" });
      C.cell(row, C.t("deliveryBy", { when: when, who: C.named("requestedBy", delivery.requested_by) })).setAttribute("data-label", C.t("deliveryRequested"));
      var state = C.cell(row, stateOf(delivery));
      state.setAttribute("data-label", C.t("deliveryState"));
      state.className = "delivery-" + String(delivery.state).toLowerCase();
      C.cell(row, delivery.total_confirmed == null ? "—"
        : Number(delivery.total_confirmed).toLocaleString(C.language()) + " (" + Number(delivery.new_since_last || 0).toLocaleString(C.language()) + ")")
        .setAttribute("data-label", C.t("deliverySigners"));
      var parts = C.cell(row, "");
      parts.setAttribute("data-label", C.t("deliveryParts"));
      parts.appendChild(partsOf(delivery));
      return row;
    });
  }

  function ask() {
    var campaign = C.campaign(history.slug);
    confirmation.ask(C.t("deliverNowQuestion", { target: campaign && campaign.target ? campaign.target.name : C.t("theTarget") }));
  }

  async function deliverNow() {
    var response = await C.request("POST", path());
    byId("deliver-now").focus();
    if (!response.ok) { await C.failed(response); return; }
    var answer = await response.json();
    await load();
    C.say(C.t("deliveryQueued", { id: answer.delivery_id }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    confirmation = C.question("deliver-now-asker", "deliver-now-confirm", deliverNow);
    byId("deliver-now").addEventListener("click", ask);
  });

  C.addRowAction({ text: "deliveriesButton", label: "deliveriesLabel", roles: ["deliver", "admin"], run: show });
  C.onLanguageChange(render);
  C.onSignOut(function () { history = null; clearTimeout(refresh); });
})(window.PetitionConsole);
