/* Striate web pages: plain JavaScript over the public JSON API (/api/v1). */
const Striate = (() => {
  const fmt = v => v === null || v === undefined ? '<span class="missing">not scored</span>' : v.toFixed(3);
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const get = url => fetch(url, {headers: {Accept: 'application/json'}}).then(r => r.json());

  async function leaderboard() {
    const params = new URLSearchParams(location.search);
    const catalogue = await get('/api/v1/benchmarks');
    const select = document.getElementById('node');
    for (const n of catalogue.scoreTree) {
      select.add(new Option(n.id, n.id, false, n.id === (params.get('node') || 'V1')));
    }
    const form = document.getElementById('filters');
    for (const k of ['q', 'owner']) form.elements[k].value = params.get(k) || '';
    const page = Number(params.get('page') || 0);
    const query = new URLSearchParams({node: params.get('node') || 'V1', page, size: 50});
    for (const k of ['q', 'owner']) if (params.get(k)) query.set(k, params.get(k));
    document.getElementById('csv').href = '/api/v1/leaderboard?' + query;
    document.getElementById('csv').onclick = async e => {
      e.preventDefault();
      const csv = await fetch('/api/v1/leaderboard?' + query, {headers: {Accept: 'text/csv'}}).then(r => r.text());
      const a = Object.assign(document.createElement('a'), {href: URL.createObjectURL(new Blob([csv], {type: 'text/csv'})),
        download: 'striate-leaderboard.csv'});
      a.click();
    };
    const board = await get('/api/v1/leaderboard?' + query);
    const others = board.columns.filter(c => c !== board.node);
    document.getElementById('columns').outerHTML = others.map(c => `<th class="num">${esc(c)}</th>`).join('');
    document.querySelector('#board tbody').innerHTML = board.rows.map(r => `<tr>
      <td>${r.rank}</td><td><a href="/model.html?id=${r.modelId}">${esc(r.name)}</a></td><td>${esc(r.owner)}</td>
      <td class="num">${r.value === null ? fmt(null) : `<span class="bar" style="width:${Math.round(r.value * 80)}px"></span>${fmt(r.value)}`}</td>
      <td class="num">${fmt(r.meanOfScored)}</td>
      <td class="num" title="${esc(r.missing.map(m => m.id + ': ' + m.reason).join('\n'))}">${r.scoredChildren}/${r.totalChildren}</td>
      ${others.map(c => `<td class="num">${fmt(r.nodes[c])}</td>`).join('')}</tr>`).join('')
      || `<tr><td colspan="${6 + others.length}" class="missing">No scored public models match.</td></tr>`;
    const pages = Math.max(1, Math.ceil(board.total / board.size));
    document.getElementById('page').textContent = `page ${page + 1} of ${pages} (${board.total} models)`;
    const go = p => { params.set('page', p); location.search = params; };
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = page + 1 >= pages;
    document.getElementById('prev').onclick = () => go(page - 1);
    document.getElementById('next').onclick = () => go(page + 1);
    form.onsubmit = e => {
      e.preventDefault();
      const next = new URLSearchParams(new FormData(form));
      for (const [k, v] of [...next]) if (!v) next.delete(k);
      location.search = next;
    };
  }

  /** Model vs primate histogram of one property benchmark, as SVG bars on shared bins. */
  function histogram(details) {
    const bins = details.bins, model = details.model_counts, data = details.data_counts;
    if (!bins || !model || !data) return '';
    const share = xs => { const t = xs.reduce((a, b) => a + b, 0) || 1; return xs.map(x => x / t); };
    const m = share(model), d = share(data), top = Math.max(...m, ...d, 1e-9);
    const w = 300, h = 110, bw = w / m.length;
    const bars = m.map((v, i) => `<rect x="${i * bw + 1}" y="${h - v / top * h}" width="${bw / 2 - 1}" height="${v / top * h}" fill="var(--accent)"/>
      <rect x="${i * bw + bw / 2}" y="${h - d[i] / top * h}" width="${bw / 2 - 1}" height="${d[i] / top * h}" fill="var(--data)"/>`).join('');
    const fmtBin = x => Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(1) : x.toFixed(2);
    return `<svg viewBox="0 0 ${w} ${h + 16}" width="100%" role="img" aria-label="histogram">${bars}
      <text x="0" y="${h + 13}" font-size="10" fill="#667085">${fmtBin(bins[0])}</text>
      <text x="${w}" y="${h + 13}" font-size="10" fill="#667085" text-anchor="end">${fmtBin(bins[bins.length - 1])}</text></svg>`;
  }

  async function model() {
    const id = new URLSearchParams(location.search).get('id');
    const root = document.getElementById('model');
    const m = await get('/api/v1/models/' + encodeURIComponent(id));
    if (m.code) { root.innerHTML = `<p>${esc(m.detail)}</p>`; return; }
    document.title = 'Striate — ' + m.name;
    const versions = m.versions.slice().reverse();
    let html = `<h2>${esc(m.name)}</h2><p>${esc(m.description)}</p>
      <p>Owner <b>${esc(m.owner)}</b> · ${esc(m.visibility)}${m.paperUrl ? ` · <a href="${esc(m.paperUrl)}">paper</a>` : ''}${m.codeUrl ? ` · <a href="${esc(m.codeUrl)}">code</a>` : ''}</p>`;
    for (const v of versions) {
      html += `<h3>Version ${v.id} <small><code>${esc(v.sha256.slice(0, 12))}</code> ${esc(v.kind)} · V1 layer <code>${esc(v.v1Layer ?? 'default')}</code></small></h3>`;
      if (v.scoreTree) {
        html += '<div class="scroll"><table><thead><tr><th>Node</th><th class="num">Score</th><th class="num">Mean of scored</th><th>Missing</th></tr></thead><tbody>'
          + Object.entries(v.scoreTree).map(([node, n]) => `<tr><td>${esc(node)}</td><td class="num">${fmt(n.value)}</td>
            <td class="num">${fmt(n.meanOfScored)}</td><td class="missing">${n.missing.length ? n.missing.length + ' of ' + n.totalChildren + ': ' + esc(n.missing.map(x => x.id).join(', ')) : ''}</td></tr>`).join('')
          + '</tbody></table></div>';
      }
      if (v.layerSweep) {
        html += '<h4>Layer sweep (the chosen layer is the V1 commitment)</h4><div class="scroll"><table><thead><tr><th>Layer</th><th class="num">Ceiled</th><th class="num">Raw</th><th class="num">±</th></tr></thead><tbody>'
          + v.layerSweep.map(r => `<tr><td>${esc(r.layer)}${r.chosen ? ' ✓' : ''}</td><td class="num">${r.ceiled === null ? fmt(null) : `<span class="bar" style="width:${Math.round(Math.max(0, r.ceiled) * 80)}px"></span>${fmt(r.ceiled)}`}</td>
            <td class="num">${fmt(r.raw)}</td><td class="num">${fmt(r.error)}</td></tr>`).join('') + '</tbody></table></div>';
      }
      html += `<div class="cards" id="v${v.id}"></div>`;
    }
    root.innerHTML = html + '<p class="legend">Histograms: <span style="background:var(--accent)"></span>model units <span style="background:var(--data)"></span>primate neurons</p>';
    for (const v of versions) {
      const cards = document.getElementById('v' + v.id);
      for (const s of v.scores) {
        const full = await get(`/api/v1/models/${m.id}/versions/${v.id}/scores/${encodeURIComponent(s.benchmarkId)}`);
        const d = full.details || {};
        cards.insertAdjacentHTML('beforeend', `<div class="card"><h3>${esc(s.benchmarkId)}</h3>
          <div>ceiled <b>${fmt(s.ceiled)}</b> · raw ${fmt(s.raw)} · ceiling ${fmt(s.ceiling)} · ± ${fmt(s.error)}</div>
          <div class="missing">layer ${esc(s.layer)}${d.units_passing_threshold !== undefined ? ` · ${d.units_passing_threshold} units` : ''}${d.ks_statistic !== undefined && d.ks_statistic !== null ? ` · KS ${d.ks_statistic.toFixed(3)}` : ''}</div>
          ${histogram(d)}</div>`);
      }
    }
  }

  return {leaderboard, model};
})();

// pages name their entry point in data-page (no inline script: the Content-Security-Policy forbids it)
(page => { if (page) Striate[page](); })(document.currentScript && document.currentScript.dataset.page);
