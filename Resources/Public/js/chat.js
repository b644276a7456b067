/* The customer's chat page (/chat, also inside the widget's frame). Without script the page works with forms
   and reloads; with script it starts the chat through the JSON API (the token is kept in this browser's
   storage, so a frame without cookies works too) and talks over the WebSocket, resuming after a reconnect. */
(function () {
  'use strict';
  var root = document.getElementById('chat-customer');
  if (!root || !window.fetch) return;
  var $ = function (id) { return document.getElementById(id); };
  var log = $('chat-log'), status = $('chat-status'), error = $('chat-error');
  var KEY = 'kefu-chat';
  var session = null, conn = null, current = null;

  function t(name, args) {
    var text = root.getAttribute('data-t-' + name) || '';
    (args || []).forEach(function (a, i) { text = text.replace('{' + i + '}', a); });
    return text;
  }
  function showError(message) { error.textContent = message || ''; error.hidden = !message; }
  function save(s) { try { localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) {} }
  function load() { try { return JSON.parse(localStorage.getItem(KEY) || 'null'); } catch (e) { return null; } }

  function api(path, method, body) {
    return fetch('/api/v1/chats' + path, {
      method: method || 'GET', credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined,
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-Chat-Token': session ? session.token : '',
                 'Accept-Language': document.documentElement.lang === 'en' ? 'en' : 'zh-CN' }
    }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; }); });
  }
  function failure(res) {
    var e = res.body && res.body.error; if (!e) return String(res.status);
    var fields = e.fields ? Object.keys(e.fields).map(function (k) { return e.fields[k]; }).join(' ') : '';
    return e.message + (fields ? ' ' + fields : '');
  }

  function render(chat) {
    if (!chat) return;
    current = chat;
    var open = chat.state === 'queued' || chat.state === 'active';
    if (chat.state === 'queued') {
      status.textContent = chat.queue_position != null
        ? t('position', [String(chat.queue_position), String(Math.max(1, Math.ceil((chat.estimated_wait_seconds || 60) / 60)))])
        : t('waiting');
    } else if (chat.state === 'active') {
      status.textContent = t('serving', [chat.agent_name || '']);
    } else if (chat.state === 'left_message') {
      status.textContent = t('left-message');
    } else {
      status.textContent = t('ended');
    }
    $('chat-compose').hidden = !open; $('chat-end-form').hidden = !open; $('chat-image-form').hidden = !open;
    $('chat-leave').hidden = chat.state !== 'queued';
    $('chat-rate').hidden = !(chat.state === 'ended' && !chat.rating);
    $('chat-rated').hidden = !chat.rating;
  }

  function append(items) {
    items.forEach(function (m) {
      if (log.querySelector('[data-seq="' + m.seq + '"]')) return;
      log.appendChild(window.kefuChatItem(m, 'customer', function (url) { return url + '?token=' + encodeURIComponent(session.token); }));
    });
    if (items.length) log.scrollTop = log.scrollHeight;
  }

  function enter(s) {
    session = s; save(s);
    $('chat-start').hidden = true; $('chat-room').hidden = false;
    var last = 0;
    Array.prototype.forEach.call(log.querySelectorAll('[data-seq]'), function (li) { last = Math.max(last, +li.getAttribute('data-seq')); });
    conn = new window.KefuChatConnection({
      id: s.id, token: s.token, last: last,
      onMessages: function (items, chat) { append(items); render(chat); },
      onAck: function () { $('chat-text').value = ''; showError(''); },
      onError: function (f) { showError(f.message); },
      onStatus: function (state) { if (state === 'lost') status.textContent = t('lost'); else if (current) render(current); }
    });
    conn.start();
  }

  // A chat from the server (cookie) wins; else the one this browser kept (the widget's frame).
  var fromPage = root.getAttribute('data-chat-id');
  if (fromPage) enter({ id: fromPage, token: root.getAttribute('data-chat-token') });
  else { var kept = load(); if (kept && kept.id) { session = kept; api('/' + kept.id).then(function (res) {  // the token goes with the request
    if (res.ok) { render(res.body); enter(kept); } else { session = null; try { localStorage.removeItem(KEY); } catch (e) {} }
  }); } }

  $('chat-start-form').addEventListener('submit', function (event) {
    event.preventDefault(); showError('');
    api('', 'POST', { name: $('chat-name').value, phone: $('chat-phone').value }).then(function (res) {
      if (!res.ok) { showError(failure(res)); return; }
      session = { id: res.body.chat.id, token: res.body.token };
      render(res.body.chat); enter(session);
    });
  });
  $('chat-compose').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('chat-text').value;
    if (!text.trim() || !conn) return;
    conn.send(text);
  });
  $('chat-image-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var file = $('chat-image').files[0];
    if (!file || !session) return;
    fetch('/api/v1/chats/' + session.id + '/images', { method: 'POST', body: file, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream', 'X-Chat-Token': session.token, 'Accept': 'application/json' } })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; }); })
      .then(function (res) { if (res.ok) { $('chat-image').value = ''; showError(''); if (conn) conn.catchUp(); } else showError(failure(res)); });
  });
  $('chat-leave-form').addEventListener('submit', function (event) {
    event.preventDefault();
    api('/' + session.id + '/leave-message', 'POST', { text: $('chat-leave-text').value, phone: $('chat-leave-phone').value })
      .then(function (res) {
        if (!res.ok) { showError(failure(res)); return; }
        showError(''); $('chat-leave').hidden = true;
        api('/' + session.id).then(function (r) { if (r.ok) render(r.body); });
      });
  });
  $('chat-text').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); $('chat-send').click(); }
  });
  $('chat-end-form').addEventListener('submit', function (event) {
    event.preventDefault();
    api('/' + session.id + '/end', 'POST', {}).then(function (res) { if (res.ok) render(res.body); else showError(failure(res)); });
  });
  $('chat-rate').addEventListener('submit', function (event) {
    event.preventDefault();
    var picked = $('chat-rate').querySelector('input[name=rating]:checked');
    if (!picked) return;
    api('/' + session.id + '/rate', 'POST', { rating: +picked.value }).then(function (res) { if (res.ok) render(res.body); else showError(failure(res)); });
  });
  $('chat-transcript').addEventListener('click', function (event) {
    event.preventDefault();
    fetch('/api/v1/chats/' + session.id + '/transcript', { headers: { 'X-Chat-Token': session.token } })
      .then(function (r) { return r.blob(); }).then(function (blob) {
        var a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = 'chat.txt';
        document.body.appendChild(a); a.click(); a.remove();
      });
  });
  $('chat-new-form').addEventListener('submit', function () {
    if (conn) conn.close();
    try { localStorage.removeItem(KEY); } catch (e) {}
  });
})();
