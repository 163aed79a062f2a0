// The console's Entra ID sign-in, bundled with MSAL.js at build time into console/entra.js (never fetched
// from a CDN). It signs in in a popup and keeps MSAL's cache in memory, so nothing of the admin's session
// is written to localStorage or sessionStorage; a reload signs out. Without settings in the page's
// entra-sign-in meta element the console takes a pasted token only.
import { PublicClientApplication } from "@azure/msal-browser";
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

(function (C) {
  "use strict";

  C.addTexts({
    en: { entraSignIn: "Sign in with Microsoft", entraOr: "Or paste an access token:", entraFailed: "Microsoft sign-in did not finish: {detail}", entraWaiting: "Signing in with Microsoft…" },
    es: { entraSignIn: "Iniciar sesión con Microsoft", entraOr: "O pegue un token de acceso:", entraFailed: "El inicio de sesión con Microsoft no terminó: {detail}", entraWaiting: "Iniciando sesión con Microsoft…" }
  });

  var meta = document.querySelector('meta[name="entra-sign-in"]');
  var settings = meta && meta.content ? JSON.parse(meta.content) : null;
  if (!settings) return;

  // The popup comes back to this page with Entra ID's answer in its address: hand it to the console that opened it.
  if (window.opener && window.opener !== window && /(^|[#?&])(code|error)=/.test(location.hash + "&" + location.search.slice(1))) {
    broadcastResponseToMainFrame().catch(function () { window.close(); });
    return;
  }

  var client = new PublicClientApplication({
    auth: { clientId: settings.client_id, authority: settings.authority, redirectUri: location.origin + location.pathname },
    cache: { cacheLocation: "memoryStorage" }
  });
  var ready = client.initialize();
  var account = null;

  // Each request asks MSAL for the token: from its memory while it is fresh, renewed with the refresh token when not.
  async function currentToken() {
    var result = await client.acquireTokenSilent({ scopes: settings.scopes, account: account });
    return result.accessToken;
  }

  async function signIn() {
    C.say(C.t("entraWaiting"));
    try {
      await ready;
      var result = await client.loginPopup({ scopes: settings.scopes, prompt: "select_account" });
      account = result.account;
      await C.signIn(currentToken);
    } catch (error) {
      C.say(C.t("entraFailed", { detail: error.errorCode || error.message }));
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("entra").hidden = false;
    document.getElementById("entra-sign-in").addEventListener("click", signIn);
  });
  C.onSignOut(function () { if (account) { account = null; ready.then(function () { return client.clearCache(); }); } });
})(window.PetitionConsole);
