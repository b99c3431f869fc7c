/* The submit page: calls the public API (/api/v1) with the token from sessionStorage; problems are shown inline
   beside their field, with code and hint. Only textContent is ever set from server or user data. */
(() => {
  const form = document.getElementById('submit-form');
  if (!form) return;
  const $ = id => document.getElementById(id);
  const TOKEN_KEY = 'striate.token';
  $('token').value = sessionStorage.getItem(TOKEN_KEY) || '';
  $('token').addEventListener('input', () => sessionStorage.setItem(TOKEN_KEY, $('token').value.trim()));

  const kind = () => form.querySelector('input[name=kind]:checked').value;
  const showKind = () => form.querySelectorAll('[data-kind]').forEach(d => d.classList.toggle('hidden', d.dataset.kind !== kind()));
  form.querySelectorAll('input[name=kind]').forEach(r => r.addEventListener('change', showKind));
  showKind();

  function clearProblems() {
    $('problem').classList.add('hidden');
    $('problem').textContent = '';
    form.querySelectorAll('.invalid').forEach(e => { e.classList.remove('invalid'); e.removeAttribute('aria-invalid'); });
    form.querySelectorAll('p.field-error').forEach(p => { p.textContent = ''; });
  }

  /** Shows a problem document (RFC 9457) in the box and marks the field its pointer names (or the step's input). */
  function showProblem(problem, fallbackField) {
    const box = $('problem');
    box.textContent = '';
    const title = document.createElement('b');
    title.textContent = (problem.code ? problem.code + ': ' : '') + (problem.detail || problem.title || 'Request failed');
    box.append(title);
    for (const [label, value] of [['field', problem.field], ['hint', problem.hint]]) {
      if (!value) continue;
      const line = document.createElement('div');
      line.textContent = label + ': ' + value;
      box.append(line);
    }
    box.classList.remove('hidden');
    const field = problem.field || '';
    let target = null;
    for (const el of form.querySelectorAll('[data-field]')) {
      const f = el.dataset.field;
      if (f && (field === f || field.startsWith(f + '/'))) { target = el; break; }
    }
    target = target || (fallbackField && $(fallbackField));
    if (target) {
      target.classList.add('invalid');
      target.setAttribute('aria-invalid', 'true');
      const note = document.createElement('span');
      note.className = 'field-error';
      note.textContent = problem.hint || problem.detail || '';
      const label = target.closest('label') || target;
      label.querySelectorAll('span.field-error').forEach(s => s.remove());
      label.append(note);
      target.focus();
    }
    $('status').textContent = '';
  }

  async function call(method, url, body, extraHeaders) {
    const headers = Object.assign({Accept: 'application/json', Authorization: 'Bearer ' + $('token').value.trim()}, extraHeaders || {});
    if (body && !(body instanceof FormData)) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(body);
    }
    const r = await fetch(url, {method, headers, body});
    let doc = {};
    try { doc = await r.json(); } catch (e) { doc = {detail: 'The server answered ' + r.status}; }
    return {ok: r.ok, status: r.status, doc};
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    clearProblems();
    if (!$('token').value.trim()) {
      return showProblem({code: 'missing-token', detail: 'Paste an API token first', field: 'Authorization',
        hint: 'An administrator creates one: POST /api/v1/tokens with scope submit'}, 'token');
    }
    $('submit').disabled = true;
    try {
      let modelId = $('modelId').value.trim();
      if (!modelId) {
        $('status').textContent = 'Registering the model…';
        const body = {name: $('name').value.trim(), visibility: $('visibility').value};
        for (const k of ['description', 'paperUrl', 'codeUrl', 'bibtex']) if ($(k).value.trim()) body[k] = $(k).value.trim();
        const r = await call('POST', '/api/v1/models', body);
        if (!r.ok) return showProblem(r.doc, 'name');
        modelId = r.doc.id;
        $('modelId').value = modelId;
      }
      $('status').textContent = 'Running the preflight (load, dummy forward, taps, time and memory)…';
      let r;
      const url = '/api/v1/models/' + encodeURIComponent(modelId) + '/versions';
      if (kind() === 'reference') {
        r = await call('POST', url, {reference: $('reference').value});
      } else if (kind() === 'spec') {
        let spec;
        try { spec = JSON.parse($('spec').value); } catch (err) {
          return showProblem({code: 'malformed-json', detail: 'The block spec is not JSON: ' + err.message, field: '/spec',
            hint: 'Paste a JSON object; see /schemas/block-spec.schema.json'}, 'spec');
        }
        r = await call('POST', url, {spec});
      } else {
        const file = $('file').files[0];
        if (!file) return showProblem({code: 'missing-file', detail: 'Choose a TorchScript file', field: 'file',
          hint: 'Export one with tools/export_torchscript.py'}, 'file');
        const data = new FormData();
        data.append('file', file);
        if ($('metadata').value.trim()) data.append('metadata', new Blob([$('metadata').value], {type: 'application/json'}));
        r = await call('POST', url, data);
      }
      if (!r.ok) return showProblem(r.doc, kind() === 'spec' ? 'spec' : kind() === 'torchscript' ? 'file' : 'reference');
      $('status').textContent = 'Preflight passed; submitting…';
      const key = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random());
      const s = await call('POST', '/api/v1/submissions', {modelVersionId: r.doc.id, benchmarks: [$('benchmarks').value]},
        {'Idempotency-Key': key});
      if (!s.ok) return showProblem(s.doc, 'benchmarks');
      location.href = '/submissions/' + encodeURIComponent(s.doc.id);
    } catch (err) {
      showProblem({code: 'network', detail: 'The server could not be reached: ' + err.message});
    } finally {
      $('submit').disabled = false;
    }
  });
})();
