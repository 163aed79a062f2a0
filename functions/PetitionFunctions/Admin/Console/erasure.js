// Erasing a person everywhere from their email address or phone number, after a step that says what will
// happen and cannot be undone. The address is kept in the form alone, and cleared once the erasure is done.
(function (C) {
  "use strict";

  C.addTexts({
    en: {
      erasePerson: "Erase a person", erasureTitle: "Erase a person", erasureHelp: "Everything the person gave, in every campaign, is erased: signatures (and the counts they were in), endorsements, stories. It cannot be undone.",
      erasureEmail: "Email address", erasurePhone: "Phone number", erasureNext: "Continue",
      erasureConfirm: "Erase {who} from every campaign? This cannot be undone.", erasureYes: "Yes, erase", erasureNo: "No, go back",
      erasureNeedsOne: "Give an email address, a phone number or both.", erasureDone: "Erased.",
      erasureSummary: { campaigns_checked: "Campaigns checked", signatures: "Signatures erased", counted_signatures: "Of them counted", endorsements: "Endorsements erased", stories: "Stories erased", organization_signers: "Organisations' signers erased" }
    },
    es: {
      erasePerson: "Borrar a una persona", erasureTitle: "Borrar a una persona", erasureHelp: "Se borra todo lo que la persona dio, en todas las campañas: firmas (y los conteos donde estaban), respaldos, historias. No se puede deshacer.",
      erasureEmail: "Correo electrónico", erasurePhone: "Teléfono", erasureNext: "Continuar",
      erasureConfirm: "¿Borrar a {who} de todas las campañas? No se puede deshacer.", erasureYes: "Sí, borrar", erasureNo: "No, volver",
      erasureNeedsOne: "Indique un correo, un teléfono o ambos.", erasureDone: "Borrado.",
      erasureSummary: { campaigns_checked: "Campañas revisadas", signatures: "Firmas borradas", counted_signatures: "De ellas contadas", endorsements: "Respaldos borrados", stories: "Historias borradas", organization_signers: "Firmantes de organizaciones borrados" }
    }
  });

  function fields() { return { email: document.getElementById("erasure-email"), phone: document.getElementById("erasure-phone") }; }

  function form() { return document.getElementById("erasure-form"); }

  var confirmation = null;

  function start() {
    C.clearFieldErrors(form());
    fields().email.value = "";
    fields().phone.value = "";
    document.getElementById("erasure-result").replaceChildren();
    confirmation.close(false);
    C.showView("erasure");
  }

  function ask(event) {
    event.preventDefault();
    C.clearFieldErrors(form());
    var email = fields().email.value.trim(), phone = fields().phone.value.trim();
    if (!email && !phone) { C.showFieldError(fields().email, C.t("erasureNeedsOne")); fields().email.focus(); C.say(C.t("erasureNeedsOne")); return; }
    confirmation.ask(C.t("erasureConfirm", { who: [email, phone].filter(Boolean).join(", ") }));
  }

  async function erase() {
    var body = {};
    if (fields().email.value.trim()) body.email = fields().email.value.trim();
    if (fields().phone.value.trim()) body.phone = fields().phone.value.trim();
    var response = await C.request("POST", "manage/erasures", body);
    if (!response.ok) {
      var problem = await C.failed(response);
      Object.keys(problem.errors || {}).forEach(function (name) { if (fields()[name]) C.showFieldError(fields()[name], [].concat(problem.errors[name]).join(" ")); });
      C.focusFirstInvalid(form());
      return;
    }
    var summary = await response.json();
    fields().email.value = "";
    fields().phone.value = "";
    var list = C.el("dl", { className: "figures" });
    Object.keys(summary).forEach(function (key) {
      list.appendChild(C.el("dt", { text: C.named("erasureSummary", key) }));
      list.appendChild(C.el("dd", { text: String(summary[key]) }));
    });
    document.getElementById("erasure-result").replaceChildren(list);
    C.say(C.t("erasureDone"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("erase-person").addEventListener("click", start);
    form().addEventListener("submit", ask);
    confirmation = C.question("erasure-form", "erasure-confirm", erase);
  });
  C.onSignOut(function () { if (fields().email) { fields().email.value = ""; fields().phone.value = ""; } });
})(window.PetitionConsole);
