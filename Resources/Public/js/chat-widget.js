/* Kefu web chat widget: paste <script src="(Kefu address)/chat/widget.js" async></script> into a page. It adds
   a button that opens the chat page of the Kefu server the script came from in a frame (full screen on a phone).
   Nothing is loaded from anywhere else. */
(function () {
  'use strict';
  var me = document.currentScript || (function () { var s = document.getElementsByTagName('script'); return s[s.length - 1]; })();
  var origin = new URL(me.src, location.href).origin;
  var label = me.getAttribute('data-label') || '在线客服';
  var button = document.createElement('button');
  button.type = 'button'; button.textContent = label; button.setAttribute('aria-expanded', 'false'); button.id = 'kefu-chat-button';
  button.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483002;padding:10px 16px;border:0;border-radius:22px;' +
    'background:#0b6e4f;color:#fff;font:600 15px/1.2 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.25);cursor:pointer';
  var frame = null;
  function size() {
    if (!frame) return;
    var phone = window.innerWidth < 600;
    frame.style.cssText = 'position:fixed;z-index:2147483001;border:0;background:#fff;box-shadow:0 4px 24px rgba(0,0,0,.3);' +
      (phone ? 'left:0;top:0;width:100%;height:100%;' : 'right:16px;bottom:70px;width:380px;height:560px;border-radius:12px;');
  }
  button.addEventListener('click', function () {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/chat?embed=1'; frame.title = label; frame.id = 'kefu-chat-frame';
      frame.setAttribute('allow', 'clipboard-write');
      document.body.appendChild(frame); size();
      window.addEventListener('resize', size);
    } else {
      frame.hidden = !frame.hidden;
    }
    button.setAttribute('aria-expanded', String(!frame.hidden));
    button.textContent = frame.hidden ? label : '×';
  });
  if (document.body) document.body.appendChild(button);
  else document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(button); });
})();
