/* The agent console: live countdowns of the CHN-16 answer clocks, the selected chat over the WebSocket (or the
   session long-poll), phrase keys (click or Alt+1..9), knowledge-base answers inserted into the reply, a notice
   when the lists change, and the effective typing speed (typed, not pasted, characters; ORG-08/09/11). */
(function () {
  'use strict';
  var root = document.getElementById('chat-console');
  if (!root || !window.fetch) return;
  var $ = function (id) { return document.getElementById(id); };
  var risk = +root.getAttribute('data-risk') || 20;
  function t(name, arg) { return (root.getAttribute('data-t-' + name) || '').replace('{0}', arg); }

  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll('.countdown'), function (el) {
      var due = el.getAttribute('data-due');
      if (!due) { el.textContent = ''; el.className = 'countdown'; return; }
      var left = Math.floor((new Date(due) - Date.now()) / 1000);
      el.textContent = left >= 0 ? t('left', left) : t('late', -left);
      el.className = 'countdown' + (left < 0 ? ' late' : left <= risk ? ' risk' : '');
    });
  }
  tick(); setInterval(tick, 500);

  var text = $('chat-text');
  function insert(value) {
    if (!text) return;
    var start = text.selectionStart || text.value.length, end = text.selectionEnd || text.value.length;
    text.value = text.value.slice(0, start) + value + text.value.slice(end);
    text.focus(); text.selectionStart = text.selectionEnd = start + value.length;
    inserted += value.length;
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.phrase');
    if (button) { event.preventDefault(); insert(button.getAttribute('data-text')); }
  });
  document.addEventListener('keydown', function (event) {
    if (!event.altKey || event.key < '1' || event.key > '9') return;
    var keys = document.querySelectorAll('#chat-phrases button.phrase');
    var button = keys[+event.key - 1];
    if (button) { event.preventDefault(); insert(button.getAttribute('data-text')); }
  });

  // Typing speed: characters that arrived by typing (keys or the input method), and the time spent typing
  // them (gaps over 5 s are pauses, not typing); pasted and inserted text does not count.
  var typedChars = 0, typedMs = 0, lastInput = 0, inserted = 0;
  if (text) {
    text.addEventListener('input', function (event) {
      var kind = event.inputType || '';
      if (kind !== 'insertText' && kind !== 'insertCompositionText' && kind !== 'insertFromComposition') return;
      var now = Date.now();
      if (lastInput && now - lastInput < 5000) typedMs += now - lastInput;
      lastInput = now;
      typedChars += (event.data || '').length || 1;
    });
    // Phrase hints: the standard phrases that contain the last two characters typed light up (Alt+N inserts).
    text.addEventListener('input', function () {
      var tail = text.value.replace(/\s+$/, '').slice(-2);
      Array.prototype.forEach.call(document.querySelectorAll('#chat-phrases button.phrase'), function (b) {
        b.classList.toggle('hint', tail.length === 2 && b.getAttribute('data-text').indexOf(tail) >= 0);
      });
    });
    text.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); $('chat-send').click(); }
    });
  }

  var chatID = root.getAttribute('data-chat-id');
  var log = $('chat-log'), error = $('chat-error');
  function showError(message) { if (error) { error.textContent = message || ''; error.hidden = !message; } }
  if (chatID && log) {
    var last = +root.getAttribute('data-last-seq') || 0;
    var state = root.getAttribute('data-state');
    var conn = new window.KefuChatConnection({
      id: chatID, last: last, base: '/console/chat/', csrf: root.getAttribute('data-csrf'),
      onMessages: function (items, chat) {
        items.forEach(function (m) {
          if (!log.querySelector('[data-seq="' + m.seq + '"]')) log.appendChild(window.kefuChatItem(m, 'agent', function (url) {
            return url.replace('/api/v1/chats/', '/console/chat/');  // the session's route to the same image
          }));
        });
        if (items.length) log.scrollTop = log.scrollHeight;
        if (chat) {
          var countdown = $('chat-countdown');
          if (countdown) countdown.setAttribute('data-due', chat.answer_due || '');
          var mine = document.querySelector('#chat-mine a[data-chat="' + chatID + '"] .countdown');
          if (mine) mine.setAttribute('data-due', chat.answer_due || '');
          if (chat.state !== state && (!text || !text.value)) location.reload();
          state = chat.state;
        }
      },
      onAck: function () { if (text) text.value = ''; showError(''); typedChars = 0; typedMs = 0; inserted = 0; lastInput = 0; },
      onError: function (frame) { showError(frame.message); }
    });
    conn.start();
    log.scrollTop = log.scrollHeight;
    var compose = $('chat-compose');
    if (compose) compose.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!text.value.trim()) return;
      conn.send(text.value, { typed_chars: typedChars, typed_ms: typedMs });
    });
  }

  // The lists: a new queued chat or a change of mine shows the refresh notice (or reloads when idle).
  function ids(selector) { return Array.prototype.map.call(document.querySelectorAll(selector), function (el) { return el.getAttribute('data-chat'); }).join(','); }
  setInterval(function () {
    fetch('/console/chat/summary', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return;
        var changed = s.mine.join(',') !== ids('#chat-mine a') || s.queue.join(',') !== ids('#chat-queue li');
        if (!changed) return;
        if (!chatID && (!text || !text.value)) location.reload();
        else $('chat-lists-changed').hidden = false;
      });
  }, 4000);
})();
