// Runs before Material's bundle (both are deferred: they run in document order once the page is parsed),
// and does two things to site search.
//
// 1. Routes it through javascripts/search-worker.js, which hands Material's own search worker a query it
//    can parse when the reader types an IAM action name. Material reads the worker URL from the #__config
//    JSON when its bundle starts, so that is the one place to change; the original URL is passed on so the
//    wrapper loads whatever worker this Material version ships.
// 2. Starts it only when the reader opens it. Material creates its worker and downloads the whole search
//    index (search/search_index.json, about 1 MB) as soon as any page loads, and parses it on the page's
//    main thread: on a phone that is most of the page's weight and delays its first paint. Here the worker
//    is created, and the index request sent, when the search box first gets focus (a click, or the `/`,
//    `s` and `f` shortcuts, which focus it) or the search toggle is checked; at once on a page opened from a
//    search result (`?h=`, which Material highlights with the index) or a search link (`?q=`). Material
//    sends the typed query when the index is ready, so the first query is answered as before.
(function () {
  const script = document.currentScript;
  const element = document.getElementById("__config");
  if (!script || !element) return;
  const config = JSON.parse(element.textContent);
  const material = new URL(config.search, document.baseURI);
  const wrapper = new URL(script.dataset.worker, document.baseURI);
  wrapper.searchParams.set("material", material.pathname);
  config.search = wrapper.href;
  element.textContent = JSON.stringify(config);

  // Material's own address for the index: search/search_index.json under the site's base.
  const index = new URL("search/search_index.json", new URL(config.base, location.href)).href;
  const waiting = [];
  let started = false;
  function start() {
    if (started) return;
    started = true;
    waiting.splice(0).forEach(resume => resume());
  }
  function whenStarted(resume) {
    if (started) resume();
    else waiting.push(resume);
  }

  const NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    if (`${url}` !== config.search) return new NativeWorker(url, options);
    return lazyWorker(url, options);
  };

  // Stands in for the search worker until search starts. Material only posts to its worker and listens
  // for its messages: posts wait, and messages are passed on once the real worker exists.
  function lazyWorker(url, options) {
    const proxy = new EventTarget();
    const posted = [];
    let worker = null;
    proxy.postMessage = (...message) => (worker ? worker.postMessage(...message) : posted.push(message));
    whenStarted(() => {
      worker = new NativeWorker(url, options);
      worker.addEventListener("message", event => {
        proxy.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      posted.splice(0).forEach(message => worker.postMessage(...message));
    });
    return proxy;
  }

  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.kbSearchIndex = new URL(url, location.href).href === index;
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!this.kbSearchIndex) return send.apply(this, body);
    whenStarted(() => send.apply(this, body));
  };

  const params = new URLSearchParams(location.search);
  if (params.has("h") || params.has("q")) start();
  document.addEventListener("focusin", event => {
    if (event.target.matches("[data-md-component=search-query]")) start();
  });
  document.addEventListener("change", event => {
    if (event.target.id === "__search" && event.target.checked) start();
  });
})();
