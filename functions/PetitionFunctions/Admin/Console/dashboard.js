// A campaign's dashboard: its figures and charts of confirmations by day, region, partner source and state.
(function (C) {
  "use strict";

  C.addTexts({
    en: {
      dashboard: "Dashboard", dashboardLabel: "Dashboard of {title}", dashboardTitle: "Dashboard: {title}",
      publicCount: "Public count", settled: "Settled (older than the lag window)", goalFigure: "Goal",
      rate: "Confirmation rate", asOf: "As of", byDay: "Confirmed signatures by day (net)", byRegion: "By region",
      bySource: "By partner source", byState: "Signatures by state", noData: "Nothing yet.", value: "Signatures",
      day: "Day", region: "Region", source: "Source", stateColumn: "State",
      stateNames: { confirmed: "confirmed", unconfirmed: "unconfirmed", withdrawn: "withdrawn", invalidated: "invalidated", flagged: "flagged" }
    },
    es: {
      dashboard: "Panel", dashboardLabel: "Panel de {title}", dashboardTitle: "Panel: {title}",
      publicCount: "Conteo público", settled: "Asentado (más antiguo que la ventana de espera)", goalFigure: "Meta",
      rate: "Tasa de confirmación", asOf: "Al", byDay: "Firmas confirmadas por día (neto)", byRegion: "Por región",
      bySource: "Por fuente aliada", byState: "Firmas por estado", noData: "Nada aún.", value: "Firmas",
      day: "Día", region: "Región", source: "Fuente", stateColumn: "Estado",
      stateNames: { confirmed: "confirmadas", unconfirmed: "sin confirmar", withdrawn: "retiradas", invalidated: "invalidadas", flagged: "marcadas" }
    }
  });

  var shown = null;

  function figure(list, term, value) {
    list.appendChild(C.el("dt", { text: term }));
    list.appendChild(C.el("dd", { text: value }));
  }

  function largestFirst(counts, limit) {
    return Object.keys(counts).map(function (key) { return [key, counts[key]]; })
      .sort(function (a, b) { return b[1] - a[1]; }).slice(0, limit);
  }

  async function showDashboard(campaign) {
    var response = await C.request("GET", "manage/campaigns/" + encodeURIComponent(campaign.slug) + "/dashboard");
    if (!response.ok) { await C.failed(response); return; }
    shown = { slug: campaign.slug, view: await response.json() };
    render();
    C.showView("dashboard");
  }

  function render() {
    if (!shown) return;
    var view = shown.view;
    var language = C.language();
    C.viewTitle("dashboard-title", "dashboardTitle", shown.slug);
    var figures = document.getElementById("dashboard-figures");
    figures.replaceChildren();
    figure(figures, C.t("publicCount"), view.count.toLocaleString(language));
    figure(figures, C.t("settled"), view.settled_count.toLocaleString(language));
    figure(figures, C.t("goalFigure"), view.goal.toLocaleString(language));
    figure(figures, C.t("rate"), view.confirmation_rate == null ? "—" : Math.round(view.confirmation_rate * 100) + " %");
    figure(figures, C.t("asOf"), view.as_of ? new Date(view.as_of).toLocaleString(language) : "—");
    var days = Object.keys(view.by_day).sort().slice(-30).map(function (day) { return [day, view.by_day[day]]; });
    var states = Object.keys(view.signatures).map(function (state) { return [C.named("stateNames", state), view.signatures[state]]; });
    document.getElementById("dashboard-charts").replaceChildren(
      C.chart(C.t("byDay"), C.t("day"), C.t("value"), days),
      C.chart(C.t("byRegion"), C.t("region"), C.t("value"), largestFirst(view.by_region, 10)),
      C.chart(C.t("bySource"), C.t("source"), C.t("value"), largestFirst(view.by_source, 10)),
      C.chart(C.t("byState"), C.t("stateColumn"), C.t("value"), states));
  }

  C.addRowAction({ text: "dashboard", label: "dashboardLabel", roles: ["admin"], run: showDashboard });
  C.onLanguageChange(render);
  C.onSignOut(function () { shown = null; });
})(window.PetitionConsole);
