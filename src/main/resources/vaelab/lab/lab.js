"use strict";
// The vaelab lab: four pages over the server's JSON API. Every picture arrives as a PNG data URL.

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const img = (src, cls, alt) => { const i = el("img", cls || "picture"); i.src = src; i.alt = alt || ""; return i; };
const fmt = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x)) ? "–" : Number(x).toFixed(d);

async function call(path, body) {
  const opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const r = await fetch(path, opts);
  let data;
  try { data = await r.json(); } catch (e) { data = { error: "the server answered " + r.status }; }
  if (!r.ok) throw new Error(data.error || ("the server answered " + r.status));
  return data;
}

function shows(errorId) {
  return (e) => { $(errorId).textContent = e.message; };
}

// ---- tabs
const loaded = {};
function openPage(name) {
  for (const b of document.querySelectorAll(".tab")) b.classList.toggle("active", b.dataset.page === name);
  for (const p of document.querySelectorAll(".page")) p.classList.toggle("hidden", p.id !== "page-" + name);
  if (!loaded[name]) { loaded[name] = true; (pages[name] || (() => {}))(); }
  if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
}
for (const b of document.querySelectorAll(".tab")) b.addEventListener("click", () => openPage(b.dataset.page));

// ---- text → picture
function sentimentText(s) {
  if (!s) return "";
  return s.label + " (p(positive) = " + fmt(s.probabilityPositive) + ")";
}
let textRequest = 0;
async function drawText(ev) {
  if (ev) ev.preventDefault();
  $("text-error").textContent = "";
  const mine = ++textRequest; // only the latest request's answer is shown
  try {
    const d = await call("/api/generate", { text: $("text-input").value, n: Number($("text-n").value), seed: Number($("text-seed").value),
      guidance: Number($("text-guidance").value) });
    if (mine !== textRequest) return;
    const reading = $("text-reading");
    reading.replaceChildren();
    const first = d.models[0];
    const line = el("p");
    line.append("Read as: ", el("b", "read-as", first.readAs));
    reading.append(line);
    const words = el("p", "keywords");
    words.append("Keywords: ");
    if (first.keywords.length === 0) words.append(el("span", "hint", "none found; the pictures come from the prior"));
    for (const k of first.keywords) words.append(el("span", "chip", k));
    for (const u of first.unknownWords) words.append(el("span", "chip unknown", u + " ?"));
    reading.append(words);
    const mood = el("p");
    mood.append("The text itself: ", el("span", d.textSentiment.label, sentimentText(d.textSentiment)));
    reading.append(mood);
    const results = $("text-results");
    results.replaceChildren();
    for (const m of d.models) {
      const panel = el("div", "panel model-result");
      panel.dataset.kind = m.kind;
      panel.append(el("h2", null, m.model));
      if (m.kind === "discrete") panel.append(el("p", "hint guidance", "guidance " + m.guidance + (m.guidance === 1 ? " (none)" : "")));
      if (m.finished) panel.append(el("p", "hint finished", "finished by the model: no caption it learnt from ends there, so each picture is drawn after its own ending of it"));
      const s = el("p");
      s.append("Judged: ", el("span", m.sentiment ? m.sentiment.label : "", sentimentText(m.sentiment)), el("span", "hint", "  · " + m.milliseconds + " ms"));
      panel.append(s);
      for (const p of m.pictures) {
        const card = el("div", "card");
        card.append(img(p.png, "picture generated", "picture of the sentence"));
        card.append(el("span", p.sentiment ? p.sentiment.label : "", sentimentText(p.sentiment)));
        card.append(el("span", "caption", "“" + p.caption + "”"));
        panel.append(card);
      }
      results.append(panel);
    }
  } catch (e) { if (mine === textRequest) shows("text-error")(e); }
}
$("text-form").addEventListener("submit", drawText);

// ---- latent space
const COLOURS = ["#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4", "#46f0f0", "#f032e6", "#bcf60c", "#fabebe"];
let latent = null;
let pending = null, inFlight = false;
function decodeSliders() {
  // One request at a time; while one is out, only the latest position waits.
  pending = Array.from(document.querySelectorAll("#sliders input")).map((s) => Number(s.value));
  if (inFlight) return;
  const z = pending; pending = null; inFlight = true;
  call("/api/latent/decode", { z }).then((d) => { $("latent-picture").src = d.png; })
    .catch(shows("latent-error"))
    .finally(() => { inFlight = false; if (pending) decodeSliders(); });
}
function setSliders(z) {
  document.querySelectorAll("#sliders input").forEach((s, j) => { s.value = z[j]; s.nextElementSibling.textContent = fmt(z[j]); });
  decodeSliders();
}
async function loadLatent() {
  try {
    latent = await call("/api/latent");
  } catch (e) { shows("latent-error")(e); return; }
  const maxKl = Math.max(...latent.klPerDimension, 1e-9);
  const box = $("sliders");
  box.replaceChildren();
  latent.klPerDimension.forEach((kl, j) => {
    const row = el("div", "slider" + (latent.collapsed[j] ? " collapsed" : ""));
    row.append(el("span", null, "z" + (j + 1)));
    const s = el("input");
    s.type = "range"; s.min = -latent.range; s.max = latent.range; s.step = 0.05; s.value = latent.start[j];
    s.setAttribute("aria-label", "latent dimension " + (j + 1));
    const value = el("span", "value", fmt(latent.start[j]));
    s.addEventListener("input", () => { value.textContent = fmt(s.value); decodeSliders(); });
    const bar = el("div", "kl");
    bar.style.width = (100 * kl / maxKl) + "%";
    bar.title = "KL " + fmt(kl, 3) + " nats";
    const barBox = el("div");
    barBox.append(bar, el("span", "hint", fmt(kl, 2) + " nats" + (latent.collapsed[j] ? " · collapsed" : "")));
    row.append(s, value, barBox);
    box.append(row);
  });
  $("latent-summary").textContent = latent.collapsedDimensions + " of " + latent.latent + " dimensions collapsed (KL below "
    + latent.collapsedBelowNats + " nats), " + latent.activeUnits + " active units; test −ELBO "
    + fmt(latent.negElbo, 1) + " nats per image (" + latent.images + " test images)";
  $("image-index").max = latent.images - 1; $("interp-from").max = latent.images - 1; $("interp-to").max = latent.images - 1;
  drawMap();
  decodeSliders();
}
let mapView = null;
function drawMap() {
  const c = $("latent-map"), g = c.getContext("2d");
  const xs = latent.points.map((p) => p[0]), ys = latent.points.map((p) => p[1]);
  const pad = 0.05;
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const w = x1 - x0 || 1, h = y1 - y0 || 1;
  mapView = { x0: x0 - pad * w, y0: y0 - pad * h, w: w * (1 + 2 * pad), h: h * (1 + 2 * pad) };
  g.clearRect(0, 0, c.width, c.height);
  for (const [x, y, label] of latent.points) {
    g.fillStyle = COLOURS[label % COLOURS.length];
    g.globalAlpha = 0.7;
    g.fillRect((x - mapView.x0) / mapView.w * c.width - 1.5, (1 - (y - mapView.y0) / mapView.h) * c.height - 1.5, 3, 3);
  }
  g.globalAlpha = 1;
  const legend = $("latent-legend");
  legend.replaceChildren();
  latent.classes.forEach((name, k) => {
    const s = el("span"); const dot = el("i"); dot.style.background = COLOURS[k % COLOURS.length];
    s.append(dot, name); legend.append(s);
  });
}
let mapBusy = false;
function pointMap(ev) {
  if (!mapView || mapBusy) return;
  const c = $("latent-map"), r = c.getBoundingClientRect();
  const x = mapView.x0 + (ev.clientX - r.left) / r.width * mapView.w;
  const y = mapView.y0 + (1 - (ev.clientY - r.top) / r.height) * mapView.h;
  mapBusy = true;
  call("/api/latent/map", { x, y }).then((d) => {
    $("map-picture").src = d.png;
    if (ev.type === "click") setSliders(d.z);
  }).catch(shows("latent-error")).finally(() => { mapBusy = false; });
}
$("latent-map").addEventListener("mousemove", pointMap);
$("latent-map").addEventListener("click", pointMap);
$("latent-zero").addEventListener("click", () => setSliders(new Array(latent.latent).fill(0)));
$("image-go").addEventListener("click", async () => {
  $("latent-error").textContent = "";
  try {
    const d = await call("/api/latent/image", { index: Number($("image-index").value), samples: Number($("image-samples").value) });
    $("image-original").src = d.original; $("image-reconstruction").src = d.reconstruction;
    const t = $("image-terms"); t.replaceChildren();
    const rows = [["class", d.label], ["reconstruction −log p(x|z)", fmt(d.reconstructionNats)], ["KL(q(z|x) ‖ p(z))", fmt(d.klNats)],
      ["−ELBO = reconstruction + KL", fmt(d.negElbo)], ["IWAE bound on −log p(x), k = " + d.iwaeSamples, fmt(d.iwaeNll)]];
    for (const [k, v] of rows) { const tr = el("tr"); tr.append(el("td", null, k), el("td", "num", v)); t.append(tr); }
    setSliders(d.z);
  } catch (e) { shows("latent-error")(e); }
});
$("interp-go").addEventListener("click", async () => {
  $("latent-error").textContent = "";
  try {
    const d = await call("/api/latent/interpolate", { from: Number($("interp-from").value), to: Number($("interp-to").value), steps: Number($("interp-steps").value) });
    const row = $("interp-row"); row.replaceChildren(img(d.from, "picture", "from"));
    for (const p of d.pngs) row.append(img(p, "picture step", "step"));
    row.append(img(d.to, "picture", "to"));
  } catch (e) { shows("latent-error")(e); }
});

// ---- train live
let lossPlot = null, epochPlot = null, polling = null;
function plots() {
  if (lossPlot) return;
  const axes = [{ stroke: "#9aa0ad", grid: { stroke: "#2a3040" } }, { stroke: "#9aa0ad", grid: { stroke: "#2a3040" } }];
  lossPlot = new uPlot({ width: 520, height: 260, series: [{ label: "batch" }, { label: "loss (nats per image)", stroke: "#6cb2ff" }], axes, scales: { x: { time: false } } },
    [[], []], $("chart-loss"));
  epochPlot = new uPlot({ width: 520, height: 260, axes, scales: { x: { time: false } }, series: [{ label: "epoch" },
    { label: "test −ELBO", stroke: "#ffe119" }, { label: "reconstruction", stroke: "#6cb2ff" }, { label: "KL", stroke: "#ff7b72" }] },
    [[], [], [], []], $("chart-epochs"));
}
function showTraining(s) {
  plots();
  const done = s.rows.length;
  const words = { idle: "No training yet.", running: "Training", stopping: "Stopping after this batch", stopped: "Stopped", done: "Done", failed: "Failed" };
  $("train-status").textContent = (words[s.state] || s.state) + (s.state === "idle" ? "" : ": epoch " + done + " of " + s.epochs
    + " finished, " + Math.round(100 * s.fraction) + "% of the run" + (s.error ? " — " + s.error : ""));
  $("train-status").dataset.state = s.state;
  lossPlot.setData([s.losses.map((p) => p[0]), s.losses.map((p) => p[1])]);
  epochPlot.setData([s.rows.map((r) => r.epoch), s.rows.map((r) => r.test_neg_elbo), s.rows.map((r) => r.test_recon), s.rows.map((r) => r.test_kl)]);
  if (done > 0) {
    const last = s.rows[done - 1];
    const kl = last.kl_per_dimension, max = Math.max(...kl, 1e-9);
    $("train-active").textContent = "After epoch " + last.epoch + ": " + last.collapsed_dimensions + " of " + kl.length
      + " dimensions collapsed (grey: KL below 0.1 nats), " + last.active_units + " active units";
    const bars = $("train-kl"); bars.replaceChildren();
    kl.forEach((v, j) => {
      const row = el("div", "bar" + (v < 0.1 ? " collapsed" : "")); const b = el("div", "kl"); b.style.width = (100 * v / max) + "%";
      row.append(el("span", null, "z" + (j + 1)), b, el("span", "hint", fmt(v, 2))); bars.append(row);
    });
  }
  const samples = $("train-samples");
  if (samples.dataset.count !== String(done)) {
    samples.dataset.count = String(done);
    samples.replaceChildren(...s.samples.map((p) => img(p, "picture sample", "sample")));
  }
  const running = s.state === "running" || s.state === "stopping";
  $("train-start").disabled = running; $("train-stop").disabled = !running;
  if (running && !polling) polling = setInterval(pollTraining, 500);
  if (!running && polling) { clearInterval(polling); polling = null; }
}
function pollTraining() { call("/api/train/status").then(showTraining).catch(shows("train-error")); }
$("train-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("train-error").textContent = "";
  try {
    showTraining(await call("/api/train/start", {
      latent: Number($("train-latent").value), beta: Number($("train-beta").value), warmup: Number($("train-warmup").value),
      freeBits: Number($("train-freebits").value), epochs: Number($("train-epochs").value), subset: Number($("train-subset").value) }));
  } catch (e) { shows("train-error")(e); }
});
$("train-stop").addEventListener("click", () => call("/api/train/stop", {}).then(showTraining).catch(shows("train-error")));

// ---- codes
let codes = null, chosen = -1;
function showCodes() {
  const grid = $("codes-grid"); grid.replaceChildren();
  // A cell's L codes sit together; the cell shows and changes its first, coarsest one.
  const levels = codes.levels || 1;
  codes.codes.filter((_, j) => j % levels === 0).forEach((c, i) => {
    const cell = el("div", i === chosen ? "chosen" : "", String(c));
    cell.dataset.cell = i;
    cell.title = "cell " + i + ": code " + c;
    cell.addEventListener("click", () => alternatives(i));
    grid.append(cell);
  });
}
async function loadCodes() {
  $("codes-error").textContent = "";
  try {
    codes = await call("/api/codes/scene", { index: Number($("codes-index").value) });
    chosen = -1;
    $("codes-original").src = codes.original; $("codes-picture").src = codes.png;
    $("codes-caption").textContent = "Its caption: “" + codes.caption + "”";
    $("codes-written").textContent = "The model writes of these codes: “" + codes.written + "”";
    $("codes-alternatives").replaceChildren();
    showCodes();
  } catch (e) { shows("codes-error")(e); }
}
async function alternatives(cell) {
  chosen = cell; showCodes();
  try {
    const d = await call("/api/codes/alternatives", { codes: codes.codes, cell, count: 12 });
    $("alt-title").textContent = "Codes near " + codes.codes[cell * (codes.levels || 1)] + " for cell " + cell + " (row " + (Math.floor(cell / 8) + 1) + ", column " + (cell % 8 + 1) + ")";
    const box = $("codes-alternatives"); box.replaceChildren();
    for (const a of d.alternatives) {
      const b = el("div", "alt"); b.dataset.code = a.code;
      b.append(img(a.png, "picture", "with code " + a.code), el("span", null, "code " + a.code));
      b.addEventListener("click", () => choose(cell, a.code));
      box.append(b);
    }
  } catch (e) { shows("codes-error")(e); }
}
async function choose(cell, code) {
  codes.codes[cell * (codes.levels || 1)] = code;
  try {
    const d = await call("/api/codes/decode", { codes: codes.codes });
    $("codes-picture").src = d.png;
    $("codes-written").textContent = "The model writes of these codes: “" + d.written + "”";
    showCodes();
  } catch (e) { shows("codes-error")(e); }
}
$("codes-go").addEventListener("click", loadCodes);

// ---- start
const pages = { text: drawText, latent: loadLatent, train: pollTraining, codes: loadCodes };
call("/api/info").then((info) => {
  const missing = Object.entries(info.missing);
  if (missing.length) {
    $("missing").textContent = "Not available: " + missing.map(([k, v]) => k + " — " + v).join("; ");
    $("missing").classList.remove("hidden");
  }
}).catch(() => {});
const fromHash = () => { const h = location.hash.slice(1); openPage(h in pages ? h : "text"); };
window.addEventListener("hashchange", fromHash);
fromHash();
