/*
 * PetitionFunctions embeddable sign form. Dependency-free, ES2017, no build step.
 *
 *   <script src="https://HOST/api/embed.js" data-campaign="slug" data-lang="es" data-source="partner-code" async></script>
 *
 * Renders inside an open Shadow DOM right after its own script element, so the partner page's CSS and
 * this form's CSS never meet. No cookies, no storage, no third-party requests. Every text that comes
 * from the API is set with textContent, never parsed as HTML. Nothing is ever asked about
 * immigration status.
 */
(function () {
  'use strict';

  var MARK = 'data-petition-embed';

  function findScript() {
    var current = document.currentScript;
    if (current && current.hasAttribute('data-campaign') && !current.hasAttribute(MARK)) return current;
    return document.querySelector('script[data-campaign]:not([' + MARK + '])');
  }

  var script = findScript();
  if (!script) return;
  script.setAttribute(MARK, 'processed');

  var slug = (script.getAttribute('data-campaign') || '').trim();
  var source = (script.getAttribute('data-source') || '').trim();
  var base;
  try {
    base = new URL(script.src, document.baseURI).origin + '/api/';
  } catch (e) {
    return;
  }
  if (!slug) return;

  function pickLanguage(tag) {
    var primary = String(tag || '').trim().toLowerCase().split(/[-_]/)[0];
    return primary === 'es' || primary === 'en' ? primary : null;
  }
  var lang = pickLanguage(script.getAttribute('data-lang')) || pickLanguage(navigator.language) || 'en';

  var TEXT = {
    en: {
      loading: 'Loading…',
      loadFailed: 'This campaign could not be loaded. Please try again later.',
      to: 'To: ',
      units: { petition: 'signatures', letter: 'endorsements', stories: 'stories' },
      of: ' of ',
      givenName: 'First name',
      familyName: 'Last name',
      email: 'Email',
      postalCode: 'ZIP or postal code',
      locality: 'City (optional)',
      region: 'State (optional)',
      comments: 'Comment (optional)',
      sign: 'Sign',
      sending: 'Sending…',
      confirmNote: 'We will email you a link to confirm your signature.',
      originBlocked: function (origin) { return 'This form cannot take sign-ons on this website yet: ask the campaign\'s organisers to allow ' + origin + '.'; },
      countNote: 'Confirmed signatures are counted within a few minutes.',
      thanks: 'Thank you! Check your email to confirm your signature.',
      summary: 'Please correct the following:',
      failed: 'We could not send your signature. Please try again.',
      busy: 'We could not send your signature right now. Please try again in a moment.',
      closed: 'This campaign is closed and no longer takes signatures.',
      endorsedBy: 'Endorsed by',
      noEndorsements: 'No endorsements are listed yet.',
      organizationsCount: function (n, s) {
        return n + (n === 1 ? ' organization: ' : ' organizations: ') + s.national + ' national, ' + s.state + ' state, ' + s.local + ' local';
      },
      leadersCount: function (n) { return n + (n === 1 ? ' leader' : ' leaders'); },
      scopes: { national: 'National', state: 'State', local: 'Local' },
      leaders: 'Leaders',
      endorseAs: 'Endorse as',
      asOrganization: 'An organization',
      asIndividual: 'An individual leader',
      organizationName: 'Organization name',
      website: 'Website',
      scope: 'Scope',
      scopeChoose: 'Choose…',
      orgLocality: 'City',
      orgRegion: 'State',
      legalStatus: 'Legal status (optional)',
      signerName: 'Your name',
      signerTitle: 'Your title',
      signerEmail: 'Your email',
      signerPhone: 'Phone (optional)',
      personName: 'Your name',
      personTitle: 'Title',
      affiliation: 'Congregation, union or group',
      personLocality: 'City',
      personEmail: 'Email',
      listPublicly: 'List this endorsement publicly',
      endorse: 'Endorse',
      endorseNote: 'We will email you a link to confirm. Our team reviews every endorsement before it is listed.',
      endorseThanks: 'Thank you! Check your email to confirm the endorsement.',
      endorseFailed: 'We could not send your endorsement. Please try again.',
      endorseBusy: 'We could not send your endorsement right now. Please try again in a moment.',
      endorseClosed: 'This letter is closed and no longer takes endorsements.'
    },
    es: {
      loading: 'Cargando…',
      loadFailed: 'No pudimos cargar esta campaña. Inténtelo de nuevo más tarde.',
      to: 'Para: ',
      units: { petition: 'firmas', letter: 'respaldos', stories: 'historias' },
      of: ' de ',
      givenName: 'Nombre',
      familyName: 'Apellido',
      email: 'Correo electrónico',
      postalCode: 'Código postal',
      locality: 'Ciudad (opcional)',
      region: 'Estado (opcional)',
      comments: 'Comentario (opcional)',
      sign: 'Firmar',
      sending: 'Enviando…',
      confirmNote: 'Le enviaremos un enlace por correo para confirmar su firma.',
      originBlocked: function (origin) { return 'Este formulario aún no puede recibir firmas en este sitio: pida a los organizadores de la campaña que autoricen ' + origin + '.'; },
      countNote: 'Las firmas confirmadas se cuentan en pocos minutos.',
      thanks: '¡Gracias! Revise su correo para confirmar su firma.',
      summary: 'Corrija lo siguiente:',
      failed: 'No pudimos enviar su firma. Inténtelo de nuevo.',
      busy: 'No pudimos enviar su firma en este momento. Inténtelo de nuevo en un momento.',
      closed: 'Esta campaña está cerrada y ya no recibe firmas.',
      endorsedBy: 'Respaldan esta carta',
      noEndorsements: 'Todavía no hay respaldos publicados.',
      organizationsCount: function (n, s) {
        return n + (n === 1 ? ' organización: ' : ' organizaciones: ') + s.national + ' nacionales, ' + s.state + ' estatales, ' + s.local + ' locales';
      },
      leadersCount: function (n) { return n + (n === 1 ? ' líder' : ' líderes'); },
      scopes: { national: 'Nacionales', state: 'Estatales', local: 'Locales' },
      leaders: 'Líderes',
      endorseAs: 'Respaldar como',
      asOrganization: 'Una organización',
      asIndividual: 'Un líder o una líder',
      organizationName: 'Nombre de la organización',
      website: 'Sitio web',
      scope: 'Alcance',
      scopeChoose: 'Elija…',
      orgLocality: 'Ciudad',
      orgRegion: 'Estado',
      legalStatus: 'Figura legal (opcional)',
      signerName: 'Su nombre',
      signerTitle: 'Su cargo',
      signerEmail: 'Su correo electrónico',
      signerPhone: 'Teléfono (opcional)',
      personName: 'Su nombre',
      personTitle: 'Cargo',
      affiliation: 'Congregación, sindicato o grupo',
      personLocality: 'Ciudad',
      personEmail: 'Correo electrónico',
      listPublicly: 'Mostrar este respaldo públicamente',
      endorse: 'Respaldar',
      endorseNote: 'Le enviaremos un enlace por correo para confirmar. Nuestro equipo revisa cada respaldo antes de publicarlo.',
      endorseThanks: '¡Gracias! Revise su correo para confirmar el respaldo.',
      endorseFailed: 'No pudimos enviar su respaldo. Inténtelo de nuevo.',
      endorseBusy: 'No pudimos enviar su respaldo en este momento. Inténtelo de nuevo en un momento.',
      endorseClosed: 'Esta carta está cerrada y ya no recibe respaldos.'
    }
  };
  var t = TEXT[lang];

  // The fields of the sign form, and the OSDI error keys the API uses for each.
  var FIELDS = [
    { name: 'given_name', half: true, label: 'givenName', type: 'text', auto: 'given-name', required: true, max: 100,
      keys: ['person.given_name'] },
    { name: 'family_name', half: true, label: 'familyName', type: 'text', auto: 'family-name', required: true, max: 100,
      keys: ['person.family_name'] },
    { name: 'email', half: true, label: 'email', type: 'email', auto: 'email', required: true, max: 254,
      keys: ['person.email_addresses[0].address', 'person.email_addresses'] },
    { name: 'postal_code', half: true, label: 'postalCode', type: 'text', auto: 'postal-code', required: true, max: 12,
      keys: ['person.postal_addresses[0].postal_code', 'person.postal_addresses'] },
    { name: 'locality', half: true, label: 'locality', type: 'text', auto: 'address-level2', required: false, max: 100,
      keys: ['person.postal_addresses[0].locality'] },
    { name: 'region', half: true, label: 'region', type: 'text', auto: 'address-level1', required: false, max: 100,
      keys: ['person.postal_addresses[0].region'] },
    { name: 'comments', label: 'comments', type: 'textarea', auto: 'off', required: false, max: 2000,
      keys: ['comments'] }
  ];

  // The fields of a letter's endorse form: an organisation and its authorised signer, or an individual leader.
  var ORGANIZATION_FIELDS = [
    { name: 'organization_name', label: 'organizationName', type: 'text', auto: 'organization', required: true, max: 200, keys: ['organization.name'] },
    { name: 'website', label: 'website', type: 'url', auto: 'url', required: true, max: 500, keys: ['organization.website'] },
    { name: 'scope', label: 'scope', type: 'select', required: true, options: ['national', 'state', 'local'], keys: ['organization.scope'] },
    { name: 'org_locality', half: true, label: 'orgLocality', type: 'text', auto: 'address-level2', required: false, max: 100, keys: ['organization.locality'] },
    { name: 'org_region', half: true, label: 'orgRegion', type: 'text', auto: 'address-level1', required: false, max: 100, keys: ['organization.region'] },
    { name: 'legal_status', label: 'legalStatus', type: 'text', auto: 'off', required: false, max: 100, keys: ['organization.legal_status'] },
    { name: 'signer_name', half: true, label: 'signerName', type: 'text', auto: 'name', required: true, max: 100, keys: ['signer.name'] },
    { name: 'signer_title', half: true, label: 'signerTitle', type: 'text', auto: 'organization-title', required: true, max: 100, keys: ['signer.title'] },
    { name: 'signer_email', half: true, label: 'signerEmail', type: 'email', auto: 'email', required: true, max: 254, keys: ['signer.email'] },
    { name: 'signer_phone', half: true, label: 'signerPhone', type: 'tel', auto: 'tel', required: false, max: 30, keys: ['signer.phone'] },
    { name: 'list_publicly', label: 'listPublicly', type: 'checkbox', required: false, keys: ['list_publicly'] }
  ];
  var INDIVIDUAL_FIELDS = [
    { name: 'person_name', half: true, label: 'personName', type: 'text', auto: 'name', required: true, max: 100, keys: ['person.name'] },
    { name: 'person_title', half: true, label: 'personTitle', type: 'text', auto: 'organization-title', required: true, max: 100, keys: ['person.title'] },
    { name: 'affiliation', label: 'affiliation', type: 'text', auto: 'organization', required: true, max: 200, keys: ['person.affiliation'] },
    { name: 'person_locality', half: true, label: 'personLocality', type: 'text', auto: 'address-level2', required: true, max: 100, keys: ['person.locality'] },
    { name: 'person_email', half: true, label: 'personEmail', type: 'email', auto: 'email', required: true, max: 254, keys: ['person.email'] },
    { name: 'list_publicly', label: 'listPublicly', type: 'checkbox', required: false, keys: ['list_publicly'] }
  ];

  var CSS = [
    ':host{all:initial;display:block !important;visibility:visible !important;opacity:1 !important}',
    '.pf,.pf *,.pf *::before,.pf *::after{box-sizing:border-box}',
    '.pf{display:block;max-width:640px;margin:16px 0;padding:20px;border:1px solid #c9ccd1;border-radius:8px;',
    'background:#fff;color:#1b1e23;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;',
    'font-size:16px;font-weight:400;font-style:normal;line-height:1.45;text-align:left;letter-spacing:normal;text-transform:none}',
    '.pf h2{margin:0 0 8px;font-size:24px;line-height:1.25;font-weight:700;color:#1b1e23}',
    '.pf p{margin:0 0 12px;font-size:16px;color:#1b1e23}',
    '.pf .target{font-size:14px;color:#4a4f57}',
    '.pf .meter{margin:12px 0 16px}',
    '.pf progress{display:block;width:100%;height:16px;margin:0 0 4px;accent-color:#0b6b3a}',
    '.pf .count{font-size:15px;font-weight:600;color:#1b1e23}',
    '.pf form{display:block;margin:0}',
    '.pf .row{display:flex;flex-wrap:wrap;gap:0 16px}',
    '.pf .row .field{flex:1 1 200px}',
    '.pf .field{display:block;margin:0 0 12px}',
    '.pf label{display:block;margin:0 0 4px;font-size:15px;font-weight:600;color:#1b1e23}',
    '.pf input,.pf textarea{display:block;width:100%;margin:0;padding:8px 10px;font:inherit;font-size:16px;color:#1b1e23;',
    'background:#fff;border:1px solid #6b7079;border-radius:4px}',
    '.pf textarea{min-height:88px;resize:vertical}',
    '.pf input:focus,.pf textarea:focus,.pf button:focus,.pf a:focus,.pf [tabindex]:focus{outline:3px solid #f2a900;outline-offset:1px}',
    '.pf [aria-invalid="true"]{border:2px solid #b3261e}',
    '.pf .field-error{display:block;margin:0 0 4px;font-size:15px;font-weight:600;color:#b3261e}',
    '.pf .field-error:empty{display:none}',
    '.pf button{display:inline-block;margin:4px 0 0;padding:10px 20px;font:inherit;font-size:17px;font-weight:700;',
    'color:#fff;background:#0b6b3a;border:0;border-radius:4px;cursor:pointer}',
    '.pf button:disabled{opacity:.6;cursor:default}',
    '.pf .note{font-size:14px;color:#4a4f57;margin:8px 0 0}',
    '.pf .alert{margin:0 0 12px}',
    '.pf .alert:empty{margin:0}',
    '.pf .alert > div{padding:12px 14px;border:2px solid #b3261e;border-radius:4px;color:#1b1e23;background:#fff}',
    '.pf .alert p{margin:0 0 6px;font-weight:700}',
    '.pf .alert ul{margin:0;padding:0 0 0 20px}',
    '.pf .alert li{margin:0 0 4px}',
    '.pf .alert a{color:#b3261e;font-weight:600;text-decoration:underline}',
    '.pf select{display:block;width:100%;margin:0;padding:8px 10px;font:inherit;font-size:16px;color:#1b1e23;background:#fff;border:1px solid #6b7079;border-radius:4px}',
    '.pf select:focus,.pf input[type=checkbox]:focus,.pf input[type=radio]:focus{outline:3px solid #f2a900;outline-offset:1px}',
    '.pf .check label{display:flex;gap:8px;align-items:center;font-weight:600}',
    '.pf .check input,.pf fieldset input{display:inline-block;width:auto;margin:0}',
    '.pf fieldset{margin:0 0 12px;padding:0;border:0}',
    '.pf legend{margin:0 0 4px;padding:0;font-size:15px;font-weight:600;color:#1b1e23}',
    '.pf fieldset label{display:inline-flex;gap:6px;align-items:center;margin:0 16px 0 0;font-weight:400}',
    '.pf .endorsements{margin:16px 0 0}',
    '.pf h3{margin:16px 0 6px;font-size:19px;line-height:1.3;font-weight:700;color:#1b1e23}',
    '.pf h4{margin:10px 0 4px;font-size:16px;font-weight:700;color:#1b1e23}',
    '.pf .endorsements ul{margin:0 0 8px;padding:0 0 0 20px}',
    '.pf .endorsements li{margin:0 0 2px;font-size:15px}',
    '.pf .tally{font-size:15px;font-weight:600;color:#1b1e23}',
    '.pf .hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}',
    '.pf .captcha{margin:0 0 12px}',
    '.pf .thanks{padding:14px;border:2px solid #0b6b3a;border-radius:4px;font-size:17px;font-weight:600;color:#1b1e23}'
  ].join('');

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var numbers;
  try {
    numbers = new Intl.NumberFormat(lang, { useGrouping: 'always' });
  } catch (e) {
    numbers = new Intl.NumberFormat(lang);
  }
  function formatNumber(n) {
    return numbers.format(n);
  }

  // The host element and its shadow root.
  var host = el('div', { 'data-petition-campaign': slug });
  script.parentNode.insertBefore(host, script.nextSibling);
  var root = host.attachShadow({ mode: 'open' });
  var style = el('style');
  style.textContent = CSS;
  root.appendChild(style);
  var box = el('div', { 'class': 'pf', lang: lang });
  root.appendChild(box);
  var loading = el('p', { role: 'status' }, t.loading);
  box.appendChild(loading);

  function apiUrl(path) {
    return base + path + (path.indexOf('?') < 0 ? '?' : '&') + 'lang=' + lang;
  }
  var campaignPath = 'campaigns/' + encodeURIComponent(slug);

  function request(path, init) {
    var options = { mode: 'cors', credentials: 'omit', referrerPolicy: 'origin' };
    if (init) Object.keys(init).forEach(function (key) { options[key] = init[key]; });
    return fetch(apiUrl(path), options);
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }

  var meter = null;

  function renderMeter(kind, count, goal) {
    var wrap = el('div', { 'class': 'meter' });
    var progress = el('progress', { 'aria-labelledby': 'pf-count' });
    var status = el('div', { 'class': 'count', id: 'pf-count', role: 'status', 'aria-live': 'polite' });
    wrap.appendChild(progress);
    wrap.appendChild(status);
    if (kind === 'petition') wrap.appendChild(el('p', { 'class': 'note' }, t.countNote));
    meter = { progress: progress, status: status, unit: t.units[kind] || t.units.petition };
    updateMeter(count, goal);
    return wrap;
  }

  function updateMeter(count, goal) {
    if (!meter) return;
    count = Math.max(0, Number(count) || 0);
    goal = Math.max(0, Number(goal) || 0);
    meter.progress.max = goal > 0 ? goal : 1;
    meter.progress.value = goal > 0 ? Math.min(count, goal) : 0;
    var text = formatNumber(count) + (goal > 0 ? t.of + formatNumber(goal) : '') + ' ' + meter.unit;
    if (meter.status.textContent !== text) meter.status.textContent = text;
  }

  var lastRefresh = 0;
  async function refreshCount() {
    lastRefresh = Date.now();
    try {
      var response = await request(campaignPath + '/count');
      if (!response.ok) return;
      var body = await readJson(response);
      if (body && typeof body.count === 'number') updateMeter(body.count, body.goal);
    } catch (e) {
      // Offline or blocked: keep the last count shown.
    }
  }

  function startRefreshing() {
    setInterval(function () {
      if (document.visibilityState === 'visible') refreshCount();
    }, 60000);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible' && Date.now() - lastRefresh >= 60000) refreshCount();
    });
  }

  // The petition's sign form.
  var SIGN = {
    fields: FIELDS,
    path: '/signatures',
    // The input is named "website" (bots fill it); the JSON sends it under a name no OSDI client uses,
    // since an API client may send "website" for real.
    honeypot: { name: 'website', label: 'Website', json: 'petitionfunctions:homepage_url' },
    note: 'confirmNote',
    thanks: 'thanks',
    failed: 'failed',
    busy: 'busy',
    closed: 'closed',
    payload: function (value) {
      var postal = { postal_code: value('postal_code') };
      if (value('locality')) postal.locality = value('locality');
      if (value('region')) postal.region = value('region');
      var body = {
        person: {
          given_name: value('given_name'),
          family_name: value('family_name'),
          email_addresses: [{ address: value('email') }],
          postal_addresses: [postal],
          preferred_language: lang
        }
      };
      if (value('comments')) body.comments = value('comments');
      if (source) body.referrer_data = { source: source };
      return body;
    }
  };

  function endorseSpec(individual) {
    return {
      fields: individual ? INDIVIDUAL_FIELDS : ORGANIZATION_FIELDS,
      path: '/endorsements',
      // Not "website": the organisation's real website field has that name.
      honeypot: { name: 'homepage_url', label: 'Homepage' },
      note: 'endorseNote',
      thanks: 'endorseThanks',
      failed: 'endorseFailed',
      busy: 'endorseBusy',
      closed: 'endorseClosed',
      payload: function (value, checked) {
        var body = individual
          ? {
            type: 'individual',
            person: { name: value('person_name'), title: value('person_title'), affiliation: value('affiliation'),
              locality: value('person_locality'), email: value('person_email') }
          }
          : {
            type: 'organization',
            organization: { name: value('organization_name'), website: value('website'), scope: value('scope') },
            signer: { name: value('signer_name'), title: value('signer_title'), email: value('signer_email') }
          };
        if (!individual) {
          if (value('org_locality')) body.organization.locality = value('org_locality');
          if (value('org_region')) body.organization.region = value('org_region');
          if (value('legal_status')) body.organization.legal_status = value('legal_status');
          if (value('signer_phone')) body.signer.phone = value('signer_phone');
        }
        body.list_publicly = checked('list_publicly');
        body.language = lang;
        if (source) body.referrer_data = { source: source };
        return body;
      }
    };
  }

  function renderForm(campaign, spec) {
    spec = spec || SIGN;
    var fields = spec.fields;
    var form = el('form', { novalidate: '', 'aria-labelledby': 'pf-title' });
    var alert = el('div', { 'class': 'alert', role: 'alert', 'aria-live': 'assertive' });
    form.appendChild(alert);

    var controls = {};
    var row = null;
    fields.forEach(function (field) {
      var id = 'pf-' + field.name.replace(/_/g, '-');
      var wrap = el('div', { 'class': field.type === 'checkbox' ? 'field check' : 'field' });
      var label = el('label', { 'for': id }, t[field.label]);
      var error = el('span', { 'class': 'field-error', id: id + '-error' });
      var control;
      if (field.type === 'textarea') {
        control = el('textarea', { id: id, name: field.name, rows: '4', maxlength: String(field.max) });
      } else if (field.type === 'select') {
        control = el('select', { id: id, name: field.name });
        control.appendChild(el('option', { value: '' }, t.scopeChoose));
        field.options.forEach(function (option) { control.appendChild(el('option', { value: option }, t.scopes[option])); });
      } else if (field.type === 'checkbox') {
        control = el('input', { id: id, name: field.name, type: 'checkbox' });
      } else {
        control = el('input', { id: id, name: field.name, type: field.type, maxlength: String(field.max), autocomplete: field.auto });
      }
      if (field.type === 'email') {
        control.setAttribute('inputmode', 'email');
        control.setAttribute('spellcheck', 'false');
      }
      if (field.required) {
        control.required = true;
        control.setAttribute('aria-required', 'true');
      }
      if (field.type === 'checkbox') {
        // The box before its words, inside the label; the error above.
        wrap.appendChild(error);
        label.textContent = '';
        label.removeAttribute('for');
        label.appendChild(control);
        label.appendChild(document.createTextNode(t[field.label]));
        wrap.appendChild(label);
      } else {
        wrap.appendChild(label);
        wrap.appendChild(error);
        wrap.appendChild(control);
      }
      controls[field.name] = { field: field, control: control, error: error };

      // Fields marked half go side by side, two to a row (names, email and postal code, city and state); the rest take the full width.
      if (!field.half) {
        row = null;
        form.appendChild(wrap);
      } else {
        if (!row || row.childNodes.length >= 2) {
          row = el('div', { 'class': 'row' });
          form.appendChild(row);
        }
        row.appendChild(wrap);
      }
    });

    // The honeypot: out of sight, out of the tab order and hidden from screen readers, so only a bot fills it.
    var honeypot = null;
    var captcha = null;
    if (spec.honeypot) {
      var trap = el('div', { 'class': 'hp', 'aria-hidden': 'true' });
      var trapId = 'pf-hp-' + spec.honeypot.name.replace(/_/g, '-');
      honeypot = el('input', { type: 'text', name: spec.honeypot.name, id: trapId, tabindex: '-1', autocomplete: 'off' });
      trap.appendChild(el('label', { 'for': trapId }, spec.honeypot.label));
      trap.appendChild(honeypot);
      form.appendChild(trap);
    }
    if (spec === SIGN && campaign.captcha && campaign.captcha.site_key) captcha = renderCaptcha(campaign.captcha, form);

    var button = el('button', { type: 'submit' }, campaign.call_to_action || (spec === SIGN ? t.sign : t.endorse));
    form.appendChild(button);
    form.appendChild(el('p', { 'class': 'note' }, t[spec.note]));

    function clearErrors() {
      while (alert.firstChild) alert.removeChild(alert.firstChild);
      Object.keys(controls).forEach(function (name) {
        var c = controls[name];
        c.error.textContent = '';
        c.control.removeAttribute('aria-invalid');
        c.control.removeAttribute('aria-describedby');
      });
    }

    function showMessage(message) {
      while (alert.firstChild) alert.removeChild(alert.firstChild);
      var inner = el('div');
      inner.appendChild(el('p', null, message));
      alert.appendChild(inner);
    }

    function fieldForKey(key) {
      var names = Object.keys(controls);
      for (var i = 0; i < names.length; i++) {
        if (controls[names[i]].field.keys.indexOf(key) >= 0) return controls[names[i]];
      }
      return null;
    }

    function showFieldErrors(errors) {
      var inner = el('div', { tabindex: '-1' });
      inner.appendChild(el('p', null, t.summary));
      var list = el('ul');
      var first = null;
      // In the order of the form, then anything the form has no field for.
      var entries = [];
      Object.keys(errors).forEach(function (key) {
        var messages = errors[key];
        var message = Array.isArray(messages) ? messages[0] : messages;
        if (message === undefined || message === null) return;
        var target = fieldForKey(key);
        entries.push({ target: target, message: String(message), order: target ? fields.indexOf(target.field) : fields.length });
      });
      entries.sort(function (a, b) { return a.order - b.order; });
      entries.forEach(function (entry) {
        var item = el('li');
        var target = entry.target;
        if (target && !target.error.textContent) {
          target.error.textContent = entry.message;
          target.control.setAttribute('aria-invalid', 'true');
          target.control.setAttribute('aria-describedby', target.error.id);
          var link = el('a', { href: '#' + target.control.id }, t[target.field.label] + ': ' + entry.message);
          link.addEventListener('click', function (event) {
            event.preventDefault();
            target.control.focus();
          });
          item.appendChild(link);
          if (!first) first = target.control;
        } else if (!target) {
          item.textContent = entry.message;
        } else {
          return;
        }
        list.appendChild(item);
      });
      if (!list.firstChild) {
        showMessage(t[spec.failed]);
        return;
      }
      inner.appendChild(list);
      while (alert.firstChild) alert.removeChild(alert.firstChild);
      alert.appendChild(inner);
      inner.focus();
    }

    function value(name) {
      return controls[name].control.value.trim();
    }

    function checked(name) {
      return controls[name].control.checked === true;
    }

    function payload() {
      var body = spec.payload(value, checked);
      if (honeypot && honeypot.value) body[spec.honeypot.json || spec.honeypot.name] = honeypot.value;
      if (captcha && captcha.token()) body.captcha_token = captcha.token();
      return body;
    }

    var buttonText = button.textContent;
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      if (button.disabled) return;
      button.disabled = true;
      button.textContent = t.sending;
      clearErrors();
      var keepDisabled = false;
      try {
        var response = await request(campaignPath + spec.path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(payload())
        });
        if (response.status === 202 || response.status === 200) {
          var thanks = el('p', { 'class': 'thanks', role: 'status', tabindex: '-1' }, t[spec.thanks]);
          form.parentNode.replaceChild(thanks, form);
          if (spec.done) spec.done();
          thanks.focus();
          return;
        }
        if (captcha) captcha.reset();
        var problem = await readJson(response);
        if (response.status === 400 && problem && problem.errors && typeof problem.errors === 'object') {
          showFieldErrors(problem.errors);
        } else if (response.status === 409) {
          showMessage(t[spec.closed]);
          keepDisabled = true;
        } else if (response.status === 503) {
          showMessage(t[spec.busy]);
        } else {
          showMessage(t[spec.failed]);
        }
      } catch (e) {
        showMessage(t[spec.failed]);
      }
      button.textContent = buttonText;
      button.disabled = keepDisabled;
    });

    return form;
  }

  // The campaign's captcha (Cloudflare Turnstile or hCaptcha): the provider's widget in a container of
  // the form, rendered explicitly (the form lives in a shadow root the providers do not scan). Its
  // token goes in the JSON body as captcha_token; the server checks it with the provider.
  var CAPTCHA_SCRIPTS = {
    turnstile: { src: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit', api: 'turnstile' },
    hcaptcha: { src: 'https://js.hcaptcha.com/1/api.js?render=explicit&recaptchacompat=off', api: 'hcaptcha' }
  };

  function renderCaptcha(settings, form) {
    var script = CAPTCHA_SCRIPTS[settings.provider];
    if (!script) return null;
    var container = el('div', { 'class': 'captcha' });
    form.appendChild(container);
    var token = '';
    var widget = null;
    function render() {
      var api = window[script.api];
      if (!api || widget !== null) return;
      var options = {
        sitekey: settings.site_key,
        callback: function (value) { token = value; },
        'expired-callback': function () { token = ''; }
      };
      if (script.api === 'turnstile') options.language = lang; else options.hl = lang;
      widget = api.render(container, options);
    }
    if (window[script.api]) {
      render();
    } else {
      var tag = document.querySelector('script[data-pf-captcha="' + settings.provider + '"]');
      if (!tag) {
        tag = document.createElement('script');
        tag.src = script.src;
        tag.async = true;
        tag.setAttribute('data-pf-captcha', settings.provider);
        document.head.appendChild(tag);
      }
      tag.addEventListener('load', render);
    }
    return {
      token: function () { return token; },
      // A token is good for one check: after any answer but success, ask the widget for a new one.
      reset: function () {
        token = '';
        if (widget !== null && window[script.api]) window[script.api].reset(widget);
      }
    };
  }

  // A letter's public list: approved endorsers who agreed to be listed, by scope, with counts.
  function renderEndorsements(list) {
    var section = el('section', { 'class': 'endorsements', 'aria-labelledby': 'pf-endorsed-by' });
    section.appendChild(el('h3', { id: 'pf-endorsed-by' }, t.endorsedBy));
    var items = Array.isArray(list.endorsements) ? list.endorsements : [];
    if (!items.length) {
      section.appendChild(el('p', { 'class': 'note' }, t.noEndorsements));
      return section;
    }
    var counts = list.by_scope || { national: 0, state: 0, local: 0 };
    var tally = t.organizationsCount(Number(list.organizations) || 0, counts);
    if (list.individuals) tally += ' · ' + t.leadersCount(Number(list.individuals));
    section.appendChild(el('p', { 'class': 'tally' }, tally));
    var groups = [['national'], ['state'], ['local'], [null]];
    groups.forEach(function (group) {
      var scope = group[0];
      var members = items.filter(function (e) {
        return scope ? e.kind === 'organization' && e.scope === scope : e.kind === 'individual';
      });
      if (!members.length) return;
      section.appendChild(el('h4', null, scope ? t.scopes[scope] : t.leaders));
      var ul = el('ul');
      members.forEach(function (e) {
        var place = [e.locality, e.region].filter(Boolean).join(', ');
        var words = e.kind === 'individual'
          ? [e.name, e.title, e.affiliation, place].filter(Boolean).join(', ')
          : e.name + (place ? ' (' + place + ')' : '');
        ul.appendChild(el('li', null, words));
      });
      section.appendChild(ul);
    });
    return section;
  }

  async function loadEndorsements() {
    try {
      var response = await request(campaignPath + '/endorsements');
      return response.ok ? await readJson(response) : null;
    } catch (e) {
      return null;
    }
  }

  function renderEndorseForm(campaign, list) {
    var wrap = el('div', { 'class': 'endorse' });
    var holder = el('div');
    function show(individual) {
      while (holder.firstChild) holder.removeChild(holder.firstChild);
      holder.appendChild(renderForm(campaign, endorseSpec(individual)));
    }
    if (list && list.allows_individuals) {
      var choice = el('fieldset');
      choice.appendChild(el('legend', null, t.endorseAs));
      [[false, 'asOrganization'], [true, 'asIndividual']].forEach(function (option) {
        var label = el('label');
        var radio = el('input', { type: 'radio', name: 'pf-endorser-kind', value: option[0] ? 'individual' : 'organization' });
        if (!option[0]) radio.checked = true;
        radio.addEventListener('change', function () { if (radio.checked) show(option[0]); });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(t[option[1]]));
        choice.appendChild(label);
      });
      wrap.appendChild(choice);
    }
    wrap.appendChild(holder);
    show(false);
    return wrap;
  }

  async function renderLetter(campaign) {
    var list = await loadEndorsements();
    if (campaign.state === 'open') box.appendChild(renderEndorseForm(campaign, list));
    else box.appendChild(el('p', { role: 'status' }, t.endorseClosed));
    if (list) box.appendChild(renderEndorsements(list));
  }

  // Whether this page may post to the campaign, asked before any form is shown. A page that may not gets
  // a note saying which origin to have allowed (and the same in the console for the partner's developer).
  async function originAllowed() {
    try {
      var response = await request(campaignPath + '/origin');
      var body = response.ok ? await readJson(response) : null;
      if (!body || body.allowed !== false) return true;
      var origin = body.origin || location.origin;
      console.error('PetitionFunctions: the page origin ' + origin + ' is not allowed to post to campaign "' + slug +
        '". Ask an admin of the campaign to add ' + origin + ' to its allowed_origins.');
      box.appendChild(el('p', { 'class': 'note', role: 'status' }, t.originBlocked(origin)));
      return false;
    } catch (e) {
      return true;
    }
  }

  async function render(campaign) {
    while (box.firstChild) box.removeChild(box.firstChild);
    var kind = String(campaign.kind || '');
    box.appendChild(el('h2', { id: 'pf-title' }, campaign.title));
    if (campaign.description) box.appendChild(el('p', { 'class': 'description' }, campaign.description));
    if (campaign.target && campaign.target.name) {
      var target = campaign.target.title && campaign.target.title !== campaign.target.name
        ? campaign.target.name + ' (' + campaign.target.title + ')'
        : campaign.target.name;
      box.appendChild(el('p', { 'class': 'target' }, t.to + target));
    }
    box.appendChild(renderMeter(kind, campaign.count, campaign.goal));
    if (campaign.state === 'open' && !(await originAllowed())) return null;
    if (kind === 'petition') {
      if (campaign.state === 'open') box.appendChild(renderForm(campaign));
      else box.appendChild(el('p', { role: 'status' }, t.closed));
    }
    return kind === 'letter' ? renderLetter(campaign) : null;
  }

  async function start() {
    try {
      var response = await request(campaignPath);
      var campaign = response.ok ? await readJson(response) : null;
      if (!campaign || typeof campaign !== 'object') throw new Error('no campaign');
      await render(campaign);
      lastRefresh = Date.now();
      startRefreshing();
    } catch (e) {
      loading.textContent = t.loadFailed;
    }
  }

  start();
})();
