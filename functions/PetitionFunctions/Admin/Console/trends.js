// Trend alerts and bulk invalidation: the hourly check's list of busy addresses and email domains (addresses
// only as hashes), a condition filled from one of them or by hand, a preview of what it matches, then setting
// those signatures aside after a question, and undoing that from the list of what was done here.
(function (C) {
  "use strict";

  C.addTexts({
    en: {
      trendsButton: "Trend alerts", trendsLabel: "Trend alerts of {title}", trendsTitle: "Trend alerts: {title}",
      trendsHelp: "Every hour the app lists the addresses and email domains with many sign-ups in an hour; addresses are shown only as hashes. Preview what a condition matches before setting signatures aside; setting them aside can be undone.",
      trendsCaption: "Busy addresses and email domains, most recent first", trendKind: "Kind", trendSource: "Address or domain",
      trendCount: "Sign-ups", trendWindow: "Hour", trendActions: "Actions", noTrends: "No trend alerts.",
      trendKinds: { ip: "address", email_domain: "email domain" }, trendAddressHash: "address {hash}",
      trendUse: "Use as condition", trendUseLabel: "Use as condition: {source}",
      trendConditionLegend: "Signatures that match all of these", trendIp: "Address (IP), or its hash", trendDomain: "Email domain, or its hash",
      trendFrom: "Received from", trendTo: "Received before", trendPreview: "Preview",
      trendMatches: "{count} signatures match; {flagged} of them are flagged.", trendInvalidate: "Set these signatures aside",
      trendQuestion: "Set aside the {count} signatures that match? They leave the count at the next roll-up. You can undo it.",
      trendYes: "Yes, set them aside", trendNo: "No, go back", trendConditionFilled: "The condition is filled in from the alert.",
      trendDone: "{count} signatures set aside.", trendOperations: "Set aside from this page",
      trendOperation: "{when}: {count} signatures set aside", trendUndone: "{when}: undone, {count} signatures restored",
      trendUndo: "Undo", trendUndoLabel: "Undo setting aside {count} signatures at {when}", trendRestored: "{count} signatures restored."
    },
    es: {
      trendsButton: "Alertas de tendencia", trendsLabel: "Alertas de tendencia de {title}", trendsTitle: "Alertas de tendencia: {title}",
      trendsHelp: "Cada hora la aplicación lista las direcciones y dominios de correo con muchas firmas en una hora; las direcciones se muestran solo como hashes. Vea qué coincide con una condición antes de apartar firmas; apartarlas se puede deshacer.",
      trendsCaption: "Direcciones y dominios con mucha actividad, lo más reciente primero", trendKind: "Tipo", trendSource: "Dirección o dominio",
      trendCount: "Firmas", trendWindow: "Hora", trendActions: "Acciones", noTrends: "No hay alertas de tendencia.",
      trendKinds: { ip: "dirección", email_domain: "dominio de correo" }, trendAddressHash: "dirección {hash}",
      trendUse: "Usar como condición", trendUseLabel: "Usar como condición: {source}",
      trendConditionLegend: "Firmas que cumplen todo esto", trendIp: "Dirección (IP), o su hash", trendDomain: "Dominio de correo, o su hash",
      trendFrom: "Recibidas desde", trendTo: "Recibidas antes de", trendPreview: "Ver coincidencias",
      trendMatches: "{count} firmas coinciden; {flagged} de ellas están marcadas.", trendInvalidate: "Apartar estas firmas",
      trendQuestion: "¿Apartar las {count} firmas que coinciden? Salen del conteo en el próximo recuento. Se puede deshacer.",
      trendYes: "Sí, apartarlas", trendNo: "No, volver", trendConditionFilled: "La condición se llenó con la alerta.",
      trendDone: "{count} firmas apartadas.", trendOperations: "Apartadas desde esta página",
      trendOperation: "{when}: {count} firmas apartadas", trendUndone: "{when}: deshecho, {count} firmas restauradas",
      trendUndo: "Deshacer", trendUndoLabel: "Deshacer el apartado de {count} firmas a las {when}", trendRestored: "{count} firmas restauradas."
    }
  });

  var hashPattern = /^[0-9a-f]{32}$/;
  var watching = null; // { slug, trends, preview: the last previewed condition and its answer, operations }
  var confirmation = null;

  function byId(id) { return document.getElementById(id); }
  function path(suffix) { return "manage/campaigns/" + encodeURIComponent(watching.slug) + suffix; }
  function form() { return byId("trend-form"); }
  function time(iso) { return new Date(iso).toLocaleString(C.language(), { dateStyle: "medium", timeStyle: "short" }); }

  // datetime-local inputs hold local time to the minute without an offset; the API wants ISO 8601 with one.
  // An alert's window is rounded outwards to whole minutes, so it still holds every sign-up it counted.
  function toLocalInput(iso, roundUp) {
    var minute = 60000, time = new Date(iso).getTime();
    time = (roundUp ? Math.ceil(time / minute) : Math.floor(time / minute)) * minute;
    return new Date(time - new Date(time).getTimezoneOffset() * minute).toISOString().slice(0, 16);
  }

  async function show(campaign) {
    watching = { slug: campaign.slug, trends: [], preview: null, operations: [] };
    clearCondition();
    var response = await C.request("GET", path("/trends"));
    if (!response.ok) { await C.failed(response); return; }
    watching.trends = (await response.json()).trends;
    render();
    C.showView("trends");
  }

  function sourceOf(trend) {
    return trend.email_domain || C.t("trendAddressHash", { hash: trend.hash });
  }

  function render() {
    if (!watching) return;
    C.viewTitle("trends-title", "trendsTitle", watching.slug);
    C.fillRows(byId("trend-rows"), watching.trends, C.t("noTrends"), function (trend) {
      var row = C.el("tr", {}, [C.el("th", { scope: "row", text: sourceOf(trend), className: trend.email_domain ? null : "hash" })]);
      C.cell(row, C.named("trendKinds", trend.kind)).setAttribute("data-label", C.t("trendKind"));
      C.cell(row, Number(trend.count).toLocaleString(C.language())).setAttribute("data-label", C.t("trendCount"));
      C.cell(row, time(trend.window_start) + " – " + time(trend.window_end)).setAttribute("data-label", C.t("trendWindow"));
      C.cell(row, "").appendChild(C.button(C.t("trendUse"), C.t("trendUseLabel", { source: sourceOf(trend) }), function () { useTrend(trend); }, true));
      return row;
    });
    renderOperations();
  }

  function renderOperations() {
    var list = byId("trend-operations");
    list.replaceChildren();
    byId("trend-operations-title").hidden = watching.operations.length === 0;
    watching.operations.forEach(function (operation) {
      var when = time(operation.at);
      var item = C.el("li", { text: operation.restored == null
        ? C.t("trendOperation", { when: when, count: operation.count })
        : C.t("trendUndone", { when: when, count: operation.restored }) });
      if (operation.restored == null) {
        item.appendChild(document.createTextNode(" "));
        item.appendChild(C.button(C.t("trendUndo"), C.t("trendUndoLabel", { count: operation.count, when: when }), function () { undo(operation); }, true));
      }
      list.appendChild(item);
    });
  }

  function inputs() {
    return { ip: byId("trend-ip"), email_domain: byId("trend-email_domain"), received_from: byId("trend-received_from"), received_to: byId("trend-received_to") };
  }

  function clearCondition() {
    var fields = inputs();
    Object.keys(fields).forEach(function (name) { fields[name].value = ""; });
    C.clearFieldErrors(form());
    forgetPreview();
  }

  function useTrend(trend) {
    clearCondition();
    var fields = inputs();
    if (trend.kind === "ip") fields.ip.value = trend.hash;
    else fields.email_domain.value = trend.email_domain || trend.hash;
    fields.received_from.value = toLocalInput(trend.window_start, false);
    fields.received_to.value = toLocalInput(trend.window_end, true);
    fields.ip.focus();
    C.say(C.t("trendConditionFilled"));
  }

  // A value the trends list showed as a hash goes back as one; anything else is hashed by the API.
  function condition() {
    var fields = inputs(), body = {};
    var ip = fields.ip.value.trim(), domain = fields.email_domain.value.trim();
    if (ip) body[hashPattern.test(ip) ? "ip_hash" : "ip"] = ip;
    if (domain) body[hashPattern.test(domain) ? "email_domain_hash" : "email_domain"] = domain;
    if (fields.received_from.value) body.received_from = new Date(fields.received_from.value).toISOString();
    if (fields.received_to.value) body.received_to = new Date(fields.received_to.value).toISOString();
    return body;
  }

  var fieldOf = { ip: "ip", ip_hash: "ip", email_domain: "email_domain", email_domain_hash: "email_domain", received_from: "received_from", received_to: "received_to" };

  async function send(suffix, body) {
    C.clearFieldErrors(form());
    var response = await C.request("POST", path(suffix), body);
    if (response.ok) return response.json();
    var problem = await C.failed(response);
    Object.keys(problem.errors || {}).forEach(function (name) {
      var input = inputs()[fieldOf[name]];
      if (input) C.showFieldError(input, [].concat(problem.errors[name]).join(" "));
    });
    C.focusFirstInvalid(form());
    return null;
  }

  function forgetPreview() {
    if (watching) watching.preview = null;
    byId("trend-preview").textContent = "";
    byId("trend-invalidate").hidden = true;
    if (confirmation) confirmation.close(false);
  }

  async function preview(event) {
    event.preventDefault();
    forgetPreview();
    var body = condition();
    var answer = await send("/invalidations/preview", body);
    if (!answer) return;
    watching.preview = { condition: body, count: answer.count };
    var text = C.t("trendMatches", { count: answer.count, flagged: answer.flagged });
    byId("trend-preview").textContent = text;
    byId("trend-invalidate").hidden = answer.count === 0;
    C.say(text);
  }

  async function invalidate() {
    var answer = await send("/invalidations", watching.preview.condition);
    forgetPreview();
    if (!answer) return;
    watching.operations.unshift({ id: answer.id, count: answer.count, at: new Date().toISOString(), restored: null });
    renderOperations();
    byId("trend-operations").querySelector("button").focus();
    C.say(C.t("trendDone", { count: answer.count }));
  }

  async function undo(operation) {
    var response = await C.request("DELETE", path("/invalidations/" + encodeURIComponent(operation.id)));
    if (!response.ok) { await C.failed(response); return; }
    operation.restored = (await response.json()).count;
    renderOperations();
    byId("trend-operations-title").focus();
    C.say(C.t("trendRestored", { count: operation.restored }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    form().addEventListener("submit", preview);
    form().addEventListener("input", forgetPreview);
    confirmation = C.question("trend-invalidate-asker", "trend-confirm", invalidate);
    byId("trend-invalidate").addEventListener("click", function () { confirmation.ask(C.t("trendQuestion", { count: watching.preview.count })); });
  });

  C.addRowAction({ text: "trendsButton", label: "trendsLabel", roles: ["admin"], kinds: ["petition"], run: show });
  C.onLanguageChange(render);
  C.onSignOut(function () { watching = null; });
})(window.PetitionConsole);
