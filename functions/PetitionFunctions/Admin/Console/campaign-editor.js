// Creating and editing a campaign: one form for the whole campaign document, both languages side by side,
// sent as the admin API's JSON; the API's field errors are shown beside the fields they name.
(function (C) {
  "use strict";

  C.addTexts({
    en: {
      newCampaign: "New campaign", edit: "Edit", editLabel: "Edit {title}", editorNew: "New campaign", editorEdit: "Edit: {title}",
      save: "Save campaign", cancel: "Cancel", saved: "{slug} is saved.", saving: "Saving…", fieldsWrong: "{n} fields need attention; each says why beside it.",
      english: "English", spanish: "Spanish", basics: "Campaign", texts: "Texts", targetGroup: "Target", goals: "Goals and deadline",
      web: "Partner websites", people: "Owner and coalition", abuse: "Abuse controls", deliveryGroup: "Deliveries",
      fieldLabels: {
        slug: "Slug (part of the address; lower-case letters, digits and hyphens)", kind: "Kind", state: "State",
        title: "Title", description: "Description", call_to_action: "Call to action", letter_text: "Letter text",
        "target.name": "Name", "target.title": "Title or office", "target.delivery_email": "Delivery email",
        goal: "Goal", stretch_goals: "Stretch goals (comma-separated)", deadline: "Deadline (UTC, optional)",
        allowed_origins: "Allowed origins, one per line (https://partner.example)", return_urls: "Return URLs, one per line",
        owner_email: "Owner email (receives copies of deliveries)", "coalition.name": "Coalition name", "coalition.reply_to": "Coalition reply-to email",
        "coalition.contact": "Coalition contact line", rate_limits: "Rate limits per address, one rule per line: sign-ons, then window in seconds (5 300); empty keeps the defaults, \"none\" removes them",
        intake_paused: "Pause sign-ons", "captcha.provider": "Captcha", "captcha.site_key": "Captcha site key",
        allows_individual_endorsements: "Leaders may endorse as individuals", "delivery.on_goal_reached": "Deliver when the goal and each stretch goal is reached",
        "delivery.every": "Deliver every this many signatures (optional)", "delivery.weekly_day": "Weekly delivery day",
        "delivery.weekly_hour_utc": "Weekly delivery hour (UTC, 0–23)", "delivery.at_close": "Deliver when the campaign closes"
      },
      noCaptcha: "none", line: "line {n}", noDay: "no weekly delivery",
      days: { monday: "Monday", tuesday: "Tuesday", wednesday: "Wednesday", thursday: "Thursday", friday: "Friday", saturday: "Saturday", sunday: "Sunday" }
    },
    es: {
      newCampaign: "Nueva campaña", edit: "Editar", editLabel: "Editar {title}", editorNew: "Nueva campaña", editorEdit: "Editar: {title}",
      save: "Guardar la campaña", cancel: "Cancelar", saved: "{slug} está guardada.", saving: "Guardando…", fieldsWrong: "{n} campos requieren atención; cada uno dice por qué.",
      english: "Inglés", spanish: "Español", basics: "Campaña", texts: "Textos", targetGroup: "Destinatario", goals: "Metas y plazo",
      web: "Sitios aliados", people: "Responsable y coalición", abuse: "Controles de abuso", deliveryGroup: "Entregas",
      fieldLabels: {
        slug: "Slug (parte de la dirección; minúsculas, dígitos y guiones)", kind: "Tipo", state: "Estado",
        title: "Título", description: "Descripción", call_to_action: "Llamado a la acción", letter_text: "Texto de la carta",
        "target.name": "Nombre", "target.title": "Cargo", "target.delivery_email": "Correo de entrega",
        goal: "Meta", stretch_goals: "Metas adicionales (separadas por comas)", deadline: "Plazo (UTC, opcional)",
        allowed_origins: "Orígenes permitidos, uno por línea (https://aliado.example)", return_urls: "Direcciones de regreso, una por línea",
        owner_email: "Correo del responsable (recibe copia de las entregas)", "coalition.name": "Nombre de la coalición", "coalition.reply_to": "Correo de respuesta de la coalición",
        "coalition.contact": "Línea de contacto de la coalición", rate_limits: "Límites por dirección, una regla por línea: firmas y ventana en segundos (5 300); vacío conserva los predeterminados, \"none\" los quita",
        intake_paused: "Pausar firmas", "captcha.provider": "Captcha", "captcha.site_key": "Clave de sitio del captcha",
        allows_individual_endorsements: "Los líderes pueden respaldar a título personal", "delivery.on_goal_reached": "Entregar al alcanzar la meta y cada meta adicional",
        "delivery.every": "Entregar cada tantas firmas (opcional)", "delivery.weekly_day": "Día de entrega semanal",
        "delivery.weekly_hour_utc": "Hora de entrega semanal (UTC, 0–23)", "delivery.at_close": "Entregar al cerrar la campaña"
      },
      noCaptcha: "ninguno", line: "línea {n}", noDay: "sin entrega semanal",
      days: { monday: "lunes", tuesday: "martes", wednesday: "miércoles", thursday: "jueves", friday: "viernes", saturday: "sábado", sunday: "domingo" }
    }
  });

  var days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

  // The form, group by group. A field's name is its JSON path, which is also the key of its errors.
  var groups = [
    { legend: "basics", fields: [
      { name: "slug", createOnly: true }, { name: "kind", select: ["petition", "letter", "stories"], list: "kinds", createOnly: true },
      { name: "state", select: ["draft", "open"], list: "states", createOnly: true }] },
    { legend: "texts", fields: [
      { name: "title", localized: true }, { name: "description", localized: true, multiline: true },
      { name: "call_to_action", localized: true }, { name: "letter_text", localized: true, multiline: true, kinds: ["letter"] }] },
    { legend: "targetGroup", fields: [{ name: "target.name" }, { name: "target.title" }, { name: "target.delivery_email", type: "email" }] },
    { legend: "goals", fields: [{ name: "goal", type: "number" }, { name: "stretch_goals" }, { name: "deadline", type: "datetime-local" }] },
    { legend: "web", fields: [{ name: "allowed_origins", multiline: true }, { name: "return_urls", multiline: true }] },
    { legend: "people", fields: [{ name: "owner_email", type: "email" }, { name: "coalition.name" }, { name: "coalition.reply_to", type: "email" }, { name: "coalition.contact" }] },
    { legend: "abuse", fields: [
      { name: "rate_limits", multiline: true }, { name: "intake_paused", type: "checkbox" },
      { name: "captcha.provider", select: ["none", "turnstile", "hcaptcha"] }, { name: "captcha.site_key" },
      { name: "allows_individual_endorsements", type: "checkbox", kinds: ["letter"] }] },
    { legend: "deliveryGroup", fields: [
      { name: "delivery.on_goal_reached", type: "checkbox" }, { name: "delivery.every", type: "number" },
      { name: "delivery.weekly_day", select: [""].concat(days) }, { name: "delivery.weekly_hour_utc", type: "number" },
      { name: "delivery.at_close", type: "checkbox" }] }
  ];

  // What a new campaign starts from: the API's own defaults, so the form shows what saving it would keep.
  var newCampaign = { kind: "petition", state: "draft", delivery: { on_goal_reached: true, at_close: true } };

  var editing = null; // { slug: null for a new campaign, document: the campaign as last loaded }

  function idOf(path) { return "field-" + path.replace(/[^a-z0-9]+/gi, "-"); }

  function optionText(field, value) {
    if (field.name === "captcha.provider" && value === "none") return C.t("noCaptcha");
    if (field.name === "delivery.weekly_day") return value ? C.named("days", value) : C.t("noDay");
    if (field.list) return C.named(field.list, value);
    return value;
  }

  function control(field, path, label) {
    var id = idOf(path);
    var input;
    if (field.select) {
      input = C.el("select", { id: id, name: path }, field.select.map(function (value) { return C.el("option", { value: value, text: optionText(field, value) }); }));
    } else if (field.multiline) {
      input = C.el("textarea", { id: id, name: path, rows: field.localized ? "5" : "3" });
    } else {
      input = C.el("input", { id: id, name: path, type: field.type || "text", autocomplete: "off" });
    }
    var error = C.el("p", { id: id + "-error", className: "field-error", hidden: true });
    input.setAttribute("aria-describedby", error.id);
    var labelElement = C.el("label", { for: id, text: label });
    return C.el("div", { className: field.type === "checkbox" ? "field checkbox" : "field", "data-field": path },
      field.type === "checkbox" ? [input, labelElement, error] : [labelElement, input, error]);
  }

  function build(kind) {
    var form = document.getElementById("editor-form");
    form.replaceChildren();
    groups.forEach(function (group) {
      var fieldset = C.el("fieldset", {}, [C.el("legend", { text: C.t(group.legend) })]);
      group.fields.forEach(function (field) {
        if (field.createOnly && editing.slug) return;
        if (field.kinds && kind && field.kinds.indexOf(kind) < 0) return;
        if (field.localized) {
          var pair = C.el("fieldset", { className: "languages", "data-field": field.name }, [C.el("legend", { text: C.named("fieldLabels", field.name) })]);
          pair.appendChild(control(field, field.name + ".en", C.t("english")));
          pair.appendChild(control(field, field.name + ".es", C.t("spanish")));
          fieldset.appendChild(pair);
        } else fieldset.appendChild(control(field, field.name, C.named("fieldLabels", field.name)));
      });
      form.appendChild(fieldset);
    });
    form.appendChild(C.el("p", { className: "actions" }, [
      C.el("button", { type: "submit", text: C.t("save") }),
      C.button(C.t("cancel"), null, function () { C.showView(null); }, true)]));
  }

  function input(path) { return document.getElementById(idOf(path)); }

  function get(document, path) {
    return path.split(".").reduce(function (value, key) { return value == null ? undefined : value[key]; }, document);
  }

  function fill(document) {
    document = document || {};
    var form = window.document.getElementById("editor-form");
    form.querySelectorAll("input, select, textarea").forEach(function (element) {
      var value = get(document, element.name);
      if (element.name === "rate_limits") value = (value || []).map(function (rule) { return rule.count + " " + rule.window_seconds; }).join("\n");
      else if (element.name === "captcha.provider") value = value || "none";
      else if (element.name === "deadline") value = value ? new Date(value).toISOString().slice(0, 16) : "";
      else if (Array.isArray(value)) value = value.join(element.tagName === "TEXTAREA" ? "\n" : ", ");
      if (element.type === "checkbox") element.checked = !!value;
      else element.value = value == null ? "" : String(value);
    });
  }

  function text(path) { var value = input(path) ? input(path).value.trim() : ""; return value === "" ? null : value; }
  function number(path) { var value = text(path); return value === null ? null : (/^-?\d+$/.test(value) ? Number(value) : value); }
  function checked(path) { return input(path) ? input(path).checked : undefined; }
  function lines(path) { return (text(path) || "").split(/\r?\n/).map(function (line) { return line.trim(); }).filter(Boolean); }
  function localized(name) { return input(name + ".en") ? { en: text(name + ".en"), es: text(name + ".es") } : undefined; }

  // Numbers the admin typed go as numbers; anything else goes as typed, for the API to name the problem.
  function rateLimits() {
    var rules = lines("rate_limits");
    if (rules.length === 0) return undefined;
    if (rules.length === 1 && rules[0].toLowerCase() === "none") return [];
    return rules.map(function (rule) {
      var parts = rule.split(/[\s\/,]+/);
      return { count: /^\d+$/.test(parts[0]) ? Number(parts[0]) : null, window_seconds: /^\d+$/.test(parts[1] || "") ? Number(parts[1]) : null };
    });
  }

  function documentFromForm() {
    var provider = text("captcha.provider");
    var coalition = { name: text("coalition.name"), reply_to: text("coalition.reply_to"), contact: text("coalition.contact") };
    var body = {
      title: localized("title"), description: localized("description"), call_to_action: localized("call_to_action"),
      letter_text: localized("letter_text"),
      target: { name: text("target.name"), title: text("target.title"), delivery_email: text("target.delivery_email") },
      goal: number("goal"),
      stretch_goals: (text("stretch_goals") || "").split(/[\s,]+/).filter(Boolean).map(function (goal) { return /^\d+$/.test(goal) ? Number(goal) : goal; }),
      deadline: text("deadline") ? text("deadline") + ":00Z" : null,
      allowed_origins: lines("allowed_origins"), return_urls: lines("return_urls"),
      owner_email: text("owner_email"),
      coalition: coalition.name || coalition.reply_to || coalition.contact ? coalition : null,
      rate_limits: rateLimits(), intake_paused: checked("intake_paused"),
      captcha: provider === "none" ? (editing.slug ? { provider: "none" } : undefined) : { provider: provider, site_key: text("captcha.site_key") },
      allows_individual_endorsements: checked("allows_individual_endorsements"),
      delivery: {
        on_goal_reached: checked("delivery.on_goal_reached"), every: number("delivery.every"), weekly_day: text("delivery.weekly_day"),
        weekly_hour_utc: number("delivery.weekly_hour_utc"), at_close: checked("delivery.at_close")
      }
    };
    if (editing.slug) { body.slug = editing.slug; body.kind = editing.document.kind; body.state = editing.document.state; }
    else { body.slug = text("slug"); body.kind = text("kind"); body.state = text("state"); }
    return body;
  }

  // An error's path may name a field inside one ("allowed_origins[1]", "rate_limits[0].count"): it is shown
  // beside the nearest field the form has, with the path's rest in front of the message.
  function fieldFor(path) {
    var candidates = [path, path.replace(/\[\d+\].*$/, ""), path.split(".")[0]];
    for (var i = 0; i < candidates.length; i++) {
      if (input(candidates[i])) return candidates[i];
      if (input(candidates[i] + ".en")) return candidates[i] + ".en";
    }
    return null;
  }

  function showErrors(errors) {
    var unplaced = [];
    Object.keys(errors).forEach(function (path) {
      var field = fieldFor(path);
      var messages = [].concat(errors[path]).join(" ");
      if (!field) { unplaced.push(messages); return; }
      var prefix = path.indexOf(field) !== 0 ? "" : path.slice(field.length).replace(/^\./, "")
        .replace(/^\[(\d+)\]/, function (all, index) { return C.t("line", { n: Number(index) + 1 }); });
      C.showFieldError(input(field), (prefix ? prefix + ": " : "") + messages);
    });
    C.say(C.t("fieldsWrong", { n: Object.keys(errors).length }) + (unplaced.length ? " " + unplaced.join(" ") : ""));
    C.focusFirstInvalid(document.getElementById("editor-form"));
  }

  async function save(event) {
    event.preventDefault();
    C.clearFieldErrors(document.getElementById("editor-form"));
    C.say(C.t("saving"));
    var body = documentFromForm();
    var response = editing.slug
      ? await C.request("PUT", "manage/campaigns/" + encodeURIComponent(editing.slug), body)
      : await C.request("POST", "manage/campaigns", body);
    if (!response.ok) {
      var problem = await C.failed(response);
      if (problem.errors) showErrors(problem.errors);
      return;
    }
    var saved = await response.json();
    await C.reloadCampaigns();
    C.showView(null);
    C.say(C.t("saved", { slug: saved.slug || body.slug }));
  }

  function open(slug, document) {
    editing = { slug: slug, document: document || {} };
    var kind = slug ? String(document.kind).toLowerCase() : null;
    window.document.getElementById("editor-title").textContent = slug ? C.t("editorEdit", { title: C.titleOf(document) }) : C.t("editorNew");
    build(kind);
    fill(slug ? document : newCampaign);
    C.showView("editor");
  }

  async function edit(campaign) {
    var response = await C.request("GET", "manage/campaigns/" + encodeURIComponent(campaign.slug));
    if (!response.ok) { await C.failed(response); return; }
    open(campaign.slug, await response.json());
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("editor-form").addEventListener("submit", save);
    document.getElementById("new-campaign").addEventListener("click", function () { open(null, null); });
  });

  C.addRowAction({ text: "edit", label: "editLabel", roles: ["admin"], run: edit });
  C.onLanguageChange(function () {
    if (!editing || document.getElementById("editor").hidden) return;
    var values = {};
    document.querySelectorAll("#editor-form input, #editor-form select, #editor-form textarea").forEach(function (element) {
      values[element.name] = element.type === "checkbox" ? element.checked : element.value;
    });
    document.getElementById("editor-title").textContent = editing.slug ? C.t("editorEdit", { title: C.titleOf(editing.document) }) : C.t("editorNew");
    build(editing.slug ? String(editing.document.kind).toLowerCase() : null);
    Object.keys(values).forEach(function (name) {
      var element = input(name);
      if (!element) return;
      if (element.type === "checkbox") element.checked = values[name]; else element.value = values[name];
    });
  });
  C.onSignOut(function () { editing = null; });
})(window.PetitionConsole);
