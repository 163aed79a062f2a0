// A sign-on letter's endorsement moderation queue: approve or reject several at once, and apply or discard
// the change a repeat submission left, shown field by field beside what it would replace.
(function (C) {
  "use strict";

  C.addTexts({
    en: {
      endorsementsButton: "Endorsements", endorsementsLabel: "Endorsements of {title}", endorsementsTitle: "Endorsements: {title}",
      show: "Show", pendingOnly: "Waiting for moderation", everyEndorsement: "Every endorsement",
      endorsementsCaption: "Select endorsements, then approve or reject them together", select: "Select", endorser: "Endorser",
      signer: "Signer", checks: "Checks", moderation: "Moderation", pendingChange: "Pending change",
      approveSelected: "Approve selected", rejectSelected: "Reject selected", selectLabel: "Select {name}",
      confirmedCheck: "email confirmed", unconfirmedCheck: "email not confirmed", domainCheck: "domain matches",
      flagCheck: "flagged: {flag}", erased: "erased", noEndorsements: "No endorsements here.",
      moderated: "{n} endorsements {state}.", noneSelected: "Select at least one endorsement.",
      moderationNames: { pending: "waiting", approved: "approved", rejected: "rejected" },
      applyChange: "Apply", discardChange: "Discard", applyChangeLabel: "Apply the change to {name}", discardChangeLabel: "Discard the change to {name}",
      changeApplied: "The change to {name} is applied.", changeDiscarded: "The change to {name} is discarded."
    },
    es: {
      endorsementsButton: "Respaldos", endorsementsLabel: "Respaldos de {title}", endorsementsTitle: "Respaldos: {title}",
      show: "Mostrar", pendingOnly: "Esperando moderación", everyEndorsement: "Todos los respaldos",
      endorsementsCaption: "Seleccione respaldos y apruébelos o rechácelos juntos", select: "Seleccionar", endorser: "Quien respalda",
      signer: "Firmante", checks: "Verificaciones", moderation: "Moderación", pendingChange: "Cambio pendiente",
      approveSelected: "Aprobar los seleccionados", rejectSelected: "Rechazar los seleccionados", selectLabel: "Seleccionar {name}",
      confirmedCheck: "correo confirmado", unconfirmedCheck: "correo sin confirmar", domainCheck: "el dominio coincide",
      flagCheck: "marcado: {flag}", erased: "borrado", noEndorsements: "No hay respaldos aquí.",
      moderated: "{n} respaldos {state}.", noneSelected: "Seleccione al menos un respaldo.",
      moderationNames: { pending: "en espera", approved: "aprobados", rejected: "rechazados" },
      applyChange: "Aplicar", discardChange: "Descartar", applyChangeLabel: "Aplicar el cambio de {name}", discardChangeLabel: "Descartar el cambio de {name}",
      changeApplied: "El cambio de {name} está aplicado.", changeDiscarded: "El cambio de {name} está descartado."
    }
  });

  var endorsing = null;

  function path(suffix) { return "manage/campaigns/" + encodeURIComponent(endorsing.slug) + "/endorsements" + suffix; }

  async function load(slug) {
    endorsing = { slug: slug, list: endorsing && endorsing.slug === slug ? endorsing.list : [] };
    var filter = document.getElementById("moderation-filter").value;
    var response = await C.request("GET", path(filter ? "?moderation=" + filter : ""));
    if (!response.ok) { await C.failed(response); return false; }
    endorsing.list = (await response.json()).endorsements;
    render();
    return true;
  }

  async function show(campaign) {
    if (await load(campaign.slug)) C.showView("endorsements");
  }

  function endorserName(endorsement) {
    return endorsement.organization ? endorsement.organization.name : endorsement.endorser.name;
  }

  // What a pending change would change, field by field: "website: old → new".
  function differences(endorsement) {
    var change = endorsement.pending_change;
    if (!change) return [];
    var before = Object.assign({}, endorsement.organization || {}, endorsement.endorser);
    var after = Object.assign({}, change.organization || {}, change.endorser);
    return Object.keys(after).filter(function (field) { return after[field] !== before[field]; })
      .map(function (field) { return field + ": " + (before[field] || "—") + " → " + (after[field] || "—"); });
  }

  function render() {
    if (!endorsing) return;
    C.viewTitle("endorsements-title", "endorsementsTitle", endorsing.slug);
    C.fillRows(document.getElementById("endorsement-rows"), endorsing.list, C.t("noEndorsements"), function (endorsement) {
      var name = endorserName(endorsement);
      var row = C.el("tr");
      C.cell(row, "").appendChild(C.el("input", { type: "checkbox", value: endorsement.key, "aria-label": C.t("selectLabel", { name: name }) }));
      row.appendChild(C.el("th", { scope: "row", text: name }));
      C.cell(row, endorsement.signer_erased ? C.t("erased") : endorsement.endorser.name + ", " + endorsement.endorser.title).setAttribute("data-label", C.t("signer"));
      var checks = [String(endorsement.state).toLowerCase() === "confirmed" ? C.t("confirmedCheck") : C.t("unconfirmedCheck")];
      if (endorsement.domain_verified) checks.push(C.t("domainCheck"));
      if (endorsement.flag) checks.push(C.t("flagCheck", { flag: endorsement.flag }));
      C.cell(row, checks.join(", ")).setAttribute("data-label", C.t("checks"));
      C.cell(row, C.named("moderationNames", endorsement.moderation)).setAttribute("data-label", C.t("moderation"));
      var change = C.cell(row, "");
      change.setAttribute("data-label", C.t("pendingChange"));
      var lines = differences(endorsement);
      if (!endorsement.pending_change) change.textContent = C.t("none");
      else {
        change.appendChild(C.el("ul", { className: "changes" }, (lines.length ? lines : [C.t("none")]).map(function (line) { return C.el("li", { text: line }); })));
        change.appendChild(C.button(C.t("applyChange"), C.t("applyChangeLabel", { name: name }), function () { resolve(endorsement, name, "apply"); }));
        change.appendChild(C.button(C.t("discardChange"), C.t("discardChangeLabel", { name: name }), function () { resolve(endorsement, name, "discard"); }, true));
      }
      return row;
    });
  }

  async function resolve(endorsement, name, decision) {
    var response = await C.request("POST", path("/" + encodeURIComponent(endorsement.key) + "/change"), { decision: decision });
    if (!response.ok) { await C.failed(response); return; }
    if (await load(endorsing.slug)) C.say(C.t(decision === "apply" ? "changeApplied" : "changeDiscarded", { name: name }));
  }

  async function moderateSelected(state) {
    var keys = Array.prototype.map.call(document.querySelectorAll("#endorsement-rows input:checked"), function (box) { return box.value; });
    if (keys.length === 0) { C.say(C.t("noneSelected")); return; }
    var response = await C.request("POST", path("/moderation"), { keys: keys, state: state });
    if (!response.ok) { await C.failed(response); return; }
    var result = await response.json();
    if (await load(endorsing.slug)) C.say(C.t("moderated", { n: result.updated.length, state: C.named("moderationNames", state) }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("approve-selected").addEventListener("click", function () { moderateSelected("approved"); });
    document.getElementById("reject-selected").addEventListener("click", function () { moderateSelected("rejected"); });
    document.getElementById("moderation-filter").addEventListener("change", function () { if (endorsing) load(endorsing.slug); });
  });

  C.addRowAction({ text: "endorsementsButton", label: "endorsementsLabel", roles: ["admin"], kinds: ["letter"], run: show });
  C.onLanguageChange(render);
  C.onSignOut(function () { endorsing = null; });
})(window.PetitionConsole);
