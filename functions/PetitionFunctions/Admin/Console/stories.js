// The story queue, for the stories role: the list shows metadata only; a story's text, name and contact are
// decrypted when a moderator opens it (the API records each reading). The moderator writes the version others
// may read, in English, Spanish or both, and approves it for the page or the delivery only where the writer's
// consent allows; deleting a story asks first.
(function (C) {
  "use strict";

  C.addTexts({
    en: {
      storiesButton: "Stories", storiesLabel: "Stories of {title}", storiesTitle: "Stories: {title}",
      storiesHelp: "A story's text stays encrypted until you read it, and each reading is recorded with your name. Only the redacted version is ever published or delivered.",
      storiesCaption: "Stories, newest first", storyReceived: "Received", storyWrittenIn: "Written in", storyConsent: "The writer's consent",
      storyStatus: "Status", storyActions: "Actions", storyRead: "Read", storyReadLabel: "Read the story received {when}",
      noStories: "No stories yet.", storyPageOf: "Page {page} of {pages}", storyPrevious: "Previous page", storyNext: "Next page",
      storyHeading: "Story received {when}", storyOriginal: "The writer's words", storyName: "Name", storyContact: "Contact",
      storyPlace: "County or city", storyMayContact: "May we contact them", storyYes: "yes", storyNo: "no", storyNotGiven: "not given",
      redactionLegend: "The version others may read: leave out anything that could identify the writer or others",
      redactedEnglish: "Redacted, in English", redactedSpanish: "Redacted, in Spanish", saveRedaction: "Save the redaction",
      approvalLegend: "Approval, within the writer's consent", approvePublish: "Publish on the campaign's page",
      approveDelivery: "Include in the delivery to the target", saveApproval: "Save the approval",
      publishForbidden: "The writer did not consent to publishing.", deliveryForbidden: "The writer asked to keep it inside the coalition.",
      deleteStory: "Delete this story", deleteStoryQuestion: "Delete this story for good? It cannot be undone.",
      deleteStoryYes: "Yes, delete it", deleteStoryNo: "No, keep it",
      storyOpened: "The story is decrypted below.", redactionSaved: "The redaction is saved. Approve it again to publish or deliver it.",
      approvalSaved: "The approval is saved.", storyDeleted: "The story is deleted.",
      storyFlagged: "flagged: {flag}",
      storyStates: { redacted: "redacted", unredacted: "waiting for redaction", published: "published", delivery: "in the delivery" },
      languageNames: { en: "English", es: "Spanish" },
      consents: { publish_with_name: "publish with their name", publish_anonymously: "publish without their name", target_only: "only for the target", internal: "inside the coalition only" }
    },
    es: {
      storiesButton: "Historias", storiesLabel: "Historias de {title}", storiesTitle: "Historias: {title}",
      storiesHelp: "El texto de una historia queda cifrado hasta que usted lo lee, y cada lectura queda registrada con su nombre. Solo se publica o se entrega la versión editada.",
      storiesCaption: "Historias, las más recientes primero", storyReceived: "Recibida", storyWrittenIn: "Escrita en", storyConsent: "Permiso de quien escribe",
      storyStatus: "Estado", storyActions: "Acciones", storyRead: "Leer", storyReadLabel: "Leer la historia recibida el {when}",
      noStories: "Todavía no hay historias.", storyPageOf: "Página {page} de {pages}", storyPrevious: "Página anterior", storyNext: "Página siguiente",
      storyHeading: "Historia recibida el {when}", storyOriginal: "Las palabras de quien escribe", storyName: "Nombre", storyContact: "Contacto",
      storyPlace: "Condado o ciudad", storyMayContact: "¿Se le puede contactar?", storyYes: "sí", storyNo: "no", storyNotGiven: "no lo dio",
      redactionLegend: "La versión que otros pueden leer: quite todo lo que pueda identificar a quien escribe o a otras personas",
      redactedEnglish: "Editada, en inglés", redactedSpanish: "Editada, en español", saveRedaction: "Guardar la edición",
      approvalLegend: "Aprobación, dentro del permiso de quien escribe", approvePublish: "Publicar en la página de la campaña",
      approveDelivery: "Incluir en la entrega al destinatario", saveApproval: "Guardar la aprobación",
      publishForbidden: "Quien escribe no dio permiso para publicarla.", deliveryForbidden: "Quien escribe pidió que quede dentro de la coalición.",
      deleteStory: "Borrar esta historia", deleteStoryQuestion: "¿Borrar esta historia para siempre? No se puede deshacer.",
      deleteStoryYes: "Sí, borrarla", deleteStoryNo: "No, conservarla",
      storyOpened: "La historia está descifrada abajo.", redactionSaved: "La edición está guardada. Apruébela de nuevo para publicarla o entregarla.",
      approvalSaved: "La aprobación está guardada.", storyDeleted: "La historia está borrada.",
      storyFlagged: "marcada: {flag}",
      storyStates: { redacted: "editada", unredacted: "esperando edición", published: "publicada", delivery: "en la entrega" },
      languageNames: { en: "inglés", es: "español" },
      consents: { publish_with_name: "publicar con su nombre", publish_anonymously: "publicar sin su nombre", target_only: "solo para el destinatario", internal: "solo dentro de la coalición" }
    }
  });

  var queue = null; // { slug, page, pages, list, open: the story being read, decrypted }
  var deleting = null;

  function path(suffix) { return "manage/campaigns/" + encodeURIComponent(queue.slug) + "/stories" + (suffix || ""); }
  function byId(id) { return document.getElementById(id); }
  function when(time) { return new Date(time).toLocaleString(C.language(), { dateStyle: "medium", timeStyle: "short" }); }

  async function load(page) {
    var response = await C.request("GET", path("?page=" + page));
    if (!response.ok) { await C.failed(response); return false; }
    var answer = await response.json();
    queue.page = answer.page;
    queue.pages = Math.max(1, Math.ceil(answer.total / answer.page_size));
    queue.list = answer.stories;
    renderList();
    return true;
  }

  async function show(campaign) {
    queue = { slug: campaign.slug, page: 1, pages: 1, list: [], open: null };
    byId("story-detail").hidden = true;
    if (await load(1)) C.showView("stories");
  }

  function states(story) {
    var names = [];
    if (story.flag) names.push(C.t("storyFlagged", { flag: story.flag }));
    names.push(C.named("storyStates", story.redacted ? "redacted" : "unredacted"));
    if (story.published) names.push(C.named("storyStates", "published"));
    if (story.include_in_delivery) names.push(C.named("storyStates", "delivery"));
    return names.join(", ");
  }

  function renderList() {
    if (!queue) return;
    C.viewTitle("stories-title", "storiesTitle", queue.slug);
    C.fillRows(byId("story-rows"), queue.list, C.t("noStories"), function (story) {
      var received = when(story.received_at);
      var row = C.el("tr", {}, [C.el("th", { scope: "row", text: received })]);
      C.cell(row, C.named("languageNames", story.language)).setAttribute("data-label", C.t("storyWrittenIn"));
      C.cell(row, C.named("consents", story.consent)).setAttribute("data-label", C.t("storyConsent"));
      C.cell(row, states(story)).setAttribute("data-label", C.t("storyStatus"));
      C.cell(row, "").appendChild(C.button(C.t("storyRead"), C.t("storyReadLabel", { when: received }), function () { read(story.id); }));
      return row;
    });
    byId("story-pages").hidden = queue.pages < 2;
    byId("story-page").textContent = C.t("storyPageOf", { page: queue.page, pages: queue.pages });
    byId("story-previous").disabled = queue.page <= 1;
    byId("story-next").disabled = queue.page >= queue.pages;
    if (queue.open) renderStory();
  }

  async function read(id) {
    var response = await C.request("GET", path("/" + encodeURIComponent(id)));
    if (!response.ok) { await C.failed(response); return; }
    queue.open = await response.json();
    fillForms();
    renderStory();
    byId("story-detail").hidden = false;
    byId("story-heading").focus();
    C.say(C.t("storyOpened"));
  }

  function fact(list, label, value) {
    list.appendChild(C.el("dt", { text: label }));
    list.appendChild(C.el("dd", { text: value }));
  }

  // The texts a moderator works on: the saved redaction, or else the writer's own words in their language,
  // to be edited down rather than retyped.
  function fillForms() {
    var story = queue.open, text = story.decrypted;
    C.clearFieldErrors(byId("story-detail"));
    byId("story-en").value = text.redacted_en || (text.redacted_es || story.language !== "en" ? "" : text.story);
    byId("story-es").value = text.redacted_es || (text.redacted_en || story.language !== "es" ? "" : text.story);
    byId("story-publish").checked = story.published;
    byId("story-include_in_delivery").checked = story.include_in_delivery;
    deleting.close(false);
  }

  function renderStory() {
    var story = queue.open, text = story.decrypted;
    byId("story-heading").textContent = C.t("storyHeading", { when: when(story.received_at) });
    var facts = byId("story-facts");
    facts.replaceChildren();
    fact(facts, C.t("storyWrittenIn"), C.named("languageNames", story.language));
    fact(facts, C.t("storyConsent"), C.named("consents", story.consent));
    fact(facts, C.t("storyName"), text.name || C.t("storyNotGiven"));
    fact(facts, C.t("storyContact"), text.contact || C.t("storyNotGiven"));
    fact(facts, C.t("storyPlace"), text.county_or_city || C.t("storyNotGiven"));
    fact(facts, C.t("storyMayContact"), C.t(story.may_contact ? "storyYes" : "storyNo"));
    fact(facts, C.t("storyStatus"), states(story));
    byId("story-text").textContent = text.story;
    byId("story-text").lang = story.language;
    consentRule("story-publish", story.can_publish, "publishForbidden");
    consentRule("story-include_in_delivery", story.can_deliver, "deliveryForbidden");
  }

  // What the writer did not allow cannot be ticked, and says why.
  function consentRule(id, allowed, reason) {
    byId(id).disabled = !allowed;
    if (!allowed) byId(id).checked = false;
    byId(id + "-note").textContent = allowed ? "" : C.t(reason);
    byId(id + "-note").hidden = allowed;
  }

  async function send(method, suffix, body, form, done) {
    C.clearFieldErrors(form);
    var response = await C.request(method, path("/" + encodeURIComponent(queue.open.id) + suffix), body);
    if (!response.ok) {
      var problem = await C.failed(response);
      Object.keys(problem.errors || {}).forEach(function (name) {
        var input = byId("story-" + name);
        if (input && form.contains(input)) C.showFieldError(input, [].concat(problem.errors[name]).join(" "));
      });
      C.focusFirstInvalid(form);
      return;
    }
    queue.open = await response.json();
    fillForms();
    await load(queue.page);
    C.say(C.t(done));
  }

  function saveRedaction(event) {
    event.preventDefault();
    var body = {};
    ["en", "es"].forEach(function (code) { var text = byId("story-" + code).value.trim(); if (text) body[code] = text; });
    send("PUT", "/redaction", body, byId("redaction-form"), "redactionSaved");
  }

  function saveApproval(event) {
    event.preventDefault();
    send("PUT", "/approval", { publish: byId("story-publish").checked, include_in_delivery: byId("story-include_in_delivery").checked },
      byId("approval-form"), "approvalSaved");
  }

  async function deleteStory() {
    var response = await C.request("DELETE", path("/" + encodeURIComponent(queue.open.id)));
    if (!response.ok) { await C.failed(response); return; }
    queue.open = null;
    byId("story-detail").hidden = true;
    await load(queue.page > 1 && queue.list.length === 1 ? queue.page - 1 : queue.page);
    byId("stories-title").focus();
    C.say(C.t("storyDeleted"));
  }

  document.addEventListener("DOMContentLoaded", function () {
    byId("redaction-form").addEventListener("submit", saveRedaction);
    byId("approval-form").addEventListener("submit", saveApproval);
    deleting = C.question("story-delete-asker", "story-delete-confirm", deleteStory);
    byId("story-delete").addEventListener("click", function () { deleting.ask(C.t("deleteStoryQuestion")); });
    byId("story-previous").addEventListener("click", function () { load(queue.page - 1); });
    byId("story-next").addEventListener("click", function () { load(queue.page + 1); });
  });

  C.addRowAction({ text: "storiesButton", label: "storiesLabel", roles: ["stories"], kinds: ["stories"], run: show });
  C.onLanguageChange(renderList);
  // Nothing decrypted outlives the session: the texts leave the page with the token.
  C.onSignOut(function () {
    queue = null;
    if (!byId("story-detail")) return;
    byId("story-detail").hidden = true;
    ["story-text", "story-facts"].forEach(function (id) { byId(id).replaceChildren(); });
    ["story-en", "story-es"].forEach(function (id) { byId(id).value = ""; });
  });
})(window.PetitionConsole);
