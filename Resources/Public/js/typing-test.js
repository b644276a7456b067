// ORG-08/09/11 typing test: the clock starts at the first keystroke; only typed characters count (a paste or
// a drop is refused, so the text box only ever holds typed text); "finish" posts the count and the time.
(function () {
  var form = document.getElementById('typing-form');
  var input = document.getElementById('typing-input');
  if (!form || !input) return;
  var timer = document.getElementById('typing-timer');
  var count = document.getElementById('typing-count');
  var finish = document.getElementById('typing-finish');
  var note = document.getElementById('typing-paste-note');
  var started = null, ticking = null;
  var limitMs = 5 * 60 * 1000;

  function typed() { return input.value.replace(/\s/g, '').length; }

  function elapsed() { return started === null ? 0 : Date.now() - started; }

  function show() {
    var seconds = Math.floor(elapsed() / 1000);
    timer.textContent = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
    count.textContent = typed();
    finish.disabled = started === null || typed() === 0;
    if (elapsed() >= limitMs) submit();
  }

  function start() {
    if (started !== null) return;
    started = Date.now();
    ticking = setInterval(show, 250);
  }

  function refuse(event) {
    event.preventDefault();
    note.hidden = false;
  }

  function submit() {
    if (started === null) return;
    clearInterval(ticking);
    document.getElementById('typed-chars').value = typed();
    document.getElementById('typed-ms').value = elapsed();
    input.readOnly = true;
    form.submit();
  }

  input.addEventListener('keydown', start);
  input.addEventListener('compositionstart', start);
  input.addEventListener('input', function (event) {
    if (event.inputType === 'insertFromPaste' || event.inputType === 'insertFromDrop') return;
    start();
    show();
  });
  input.addEventListener('paste', refuse);
  input.addEventListener('drop', refuse);
  form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });
})();
