// Polls the batch's progress (GET /api/v1/batches/{id}/progress, with the console's cookie) until every household has settled.
(function () {
  'use strict';
  var box = document.getElementById('progress');
  if (!box) { return; }
  var bar = document.getElementById('progress-bar');
  var text = document.getElementById('progress-text');
  var link = document.getElementById('results-link');
  var url = box.getAttribute('data-progress-url');

  function show(progress) {
    bar.max = Math.max(progress.households, 1);
    bar.value = progress.settled;
    var done = progress.settled >= progress.households;
    text.textContent = (done ? '核对完成' : '核对中') + '：' + progress.settled + ' / ' + progress.households + ' 户已得出结果';
    if (done) { link.hidden = false; }
    return done;
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (progress) {
        if (!show(progress)) { setTimeout(poll, 1000); }
      })
      .catch(function () {
        text.textContent = '暂时无法读取进度，稍后自动重试';
        setTimeout(poll, 5000);
      });
  }

  if (!link.hidden) { return; }
  setTimeout(poll, 500);
}());
