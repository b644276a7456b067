/* Shared by the customer page and the agent console: one chat connection that prefers the WebSocket and
   falls back to long polling, always resuming after the last message number it saw (nothing is lost across a
   reconnect: the server stores before it acknowledges). Messages are shown with textContent only. */
(function () {
  'use strict';
  function KefuChatConnection(opts) {
    this.id = opts.id; this.token = opts.token || null; this.last = opts.last || 0;
    this.onMessages = opts.onMessages; this.onAck = opts.onAck || function () {}; this.onError = opts.onError || function () {};
    this.onStatus = opts.onStatus || function () {};
    /* Customers use the JSON API with their token; the console uses its own session routes (base + csrf). */
    this.base = opts.base || '/api/v1/chats/'; this.csrf = opts.csrf || null;
    this.ws = null; this.failures = 0; this.polling = false; this.closed = false; this.pending = {};
  }
  KefuChatConnection.prototype.headers = function () {
    var h = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (this.token) h['X-Chat-Token'] = this.token;
    return h;
  };
  KefuChatConnection.prototype.accept = function (frame) {
    var fresh = (frame.items || []).filter(function (m) { return m.seq > this.last; }, this);
    if (fresh.length) this.last = fresh[fresh.length - 1].seq;
    this.onMessages(fresh, frame.chat);
  };
  KefuChatConnection.prototype.start = function () {
    if (this.closed) return;
    if (this.failures >= 2 || !('WebSocket' in window)) { this.poll(); return; }
    var self = this;
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/chat/ws/' + this.id +
      '?after=' + this.last + (this.token ? '&token=' + encodeURIComponent(this.token) : '');
    var ws; try { ws = new WebSocket(url); } catch (e) { this.failures++; this.poll(); return; }
    this.ws = ws; var opened = false;
    ws.onopen = function () { opened = true; self.failures = 0; self.onStatus('open'); };
    ws.onmessage = function (event) {
      var frame; try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === 'messages') self.accept(frame);
      else if (frame.type === 'ack') { delete self.pending[frame.client_id]; self.onAck(frame); }
      else if (frame.type === 'error') { delete self.pending[frame.client_id]; self.onError(frame); }
    };
    ws.onclose = function () {
      self.ws = null;
      if (self.closed) return;
      if (!opened) self.failures++;
      self.onStatus('lost');
      setTimeout(function () { self.start(); }, 1500);
    };
  };
  KefuChatConnection.prototype.poll = function () {
    if (this.polling || this.closed) return;
    this.polling = true; var self = this;
    (function loop() {
      if (self.closed) return;
      fetch(self.base + self.id + '/messages?wait=25&after=' + self.last, { headers: self.headers(), credentials: 'same-origin' })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (frame) { self.onStatus('open'); self.accept(frame); setTimeout(loop, 50); })
        .catch(function () { self.onStatus('lost'); setTimeout(loop, 3000); });
    })();
  };
  /* Sends a text; answers through onAck/onError. Over the socket when open, else by a JSON POST. */
  KefuChatConnection.prototype.send = function (text, extra) {
    var clientID = 'c' + Date.now() + Math.random().toString(36).slice(2, 7);
    if (this.ws && this.ws.readyState === 1) {
      var frame = { type: 'send', text: text, client_id: clientID };
      for (var k in (extra || {})) frame[k] = extra[k];
      this.pending[clientID] = text;
      this.ws.send(JSON.stringify(frame));
      return;
    }
    var self = this;
    var payload = { text: text }; if (this.csrf) payload.csrf_token = this.csrf;
    fetch(this.base + this.id + '/messages', { method: 'POST', headers: this.headers(), credentials: 'same-origin', body: JSON.stringify(payload) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, status: r.status, body: b }; }); })
      .then(function (res) {
        if (res.ok) { self.onAck({ client_id: clientID, seq: res.body.seq }); if (self.polling) return; self.catchUp(); }
        else self.onError({ client_id: clientID, status: res.status, message: (res.body.error || {}).message || String(res.status) });
      })
      .catch(function () { self.onError({ client_id: clientID, status: 0, message: '' }); });
  };
  KefuChatConnection.prototype.catchUp = function () {
    var self = this;
    fetch(this.base + this.id + '/messages?after=' + this.last, { headers: this.headers(), credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; }).then(function (f) { if (f) self.accept(f); });
  };
  KefuChatConnection.prototype.close = function () { this.closed = true; if (this.ws) this.ws.close(); };
  window.KefuChatConnection = KefuChatConnection;

  /* A time as every page shows it ("2026-11-23 12:13"), in the organization's zone that the page names
     (<html data-time-zone>), whatever zone the browser is in; the API's times stay UTC. */
  var formatter = null;
  window.kefuLocalTime = function (iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return '';
    if (!formatter) {
      var zone = document.documentElement.getAttribute('data-time-zone') || 'UTC';
      var options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
      try { formatter = new Intl.DateTimeFormat('en-GB', Object.assign({ timeZone: zone }, options)); }
      catch (e) { formatter = new Intl.DateTimeFormat('en-GB', Object.assign({ timeZone: 'UTC', timeZoneName: 'short' }, options)); }
    }
    var p = {};
    formatter.formatToParts(date).forEach(function (part) { p[part.type] = part.value; });
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + (p.timeZoneName ? ' ' + p.timeZoneName : '');
  };

  /* imageURL (optional) maps the API's image address to one this page may load (token or session route). */
  window.kefuChatItem = function (m, mineParty, imageURL) {
    var li = document.createElement('li');
    li.className = 'chat-msg chat-' + m.party + (m.party === mineParty ? ' mine' : '');
    li.setAttribute('data-seq', m.seq);
    var who = document.createElement('span'); who.className = 'who'; who.textContent = m.author_name;
    var time = document.createElement('time'); time.setAttribute('datetime', m.at); time.textContent = window.kefuLocalTime(m.at);
    var body = document.createElement('div'); body.className = 'body';
    if (m.image_url) { var img = document.createElement('img'); img.src = imageURL ? imageURL(m.image_url) : m.image_url; img.alt = ''; body.appendChild(img); }
    else body.textContent = m.body || '';
    li.appendChild(who); li.appendChild(document.createTextNode(' ')); li.appendChild(time); li.appendChild(body);
    return li;
  };
})();
