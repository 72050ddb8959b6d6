// Runs before Material's bundle: routes site search through javascripts/search-worker.js, which hands
// Material's own search worker a query it can parse when the reader types an IAM action name.
// Material reads the worker URL from the #__config JSON when its bundle starts, so that is the one
// place to change; the original URL is passed on so the wrapper loads whatever worker this Material
// version ships.
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
})();
