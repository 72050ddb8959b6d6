// Search worker: adapts two of the messages between the page and Material's search worker, then runs
// Material's worker unchanged. (Notebook code cells never reach the index: their pages wrap them in
// Material's data-search-exclude, docs/templates/notebook.md.j2.)
//
// 1. The query. Material parses it with lunr's query syntax, where `:` introduces a field and `-`
//    excludes a term, so `cognito-idp:AdminCreateUser` is an invalid query (no results) and `iam:PassRole`
//    matches any page with the word "iam". A word that contains a colon (an action such as `s3:GetObject`,
//    or an ARN), and a word that is exactly an action name without its service (`AdminCreateUser`), is
//    turned into the tokens the index holds for it, split the way mkdocs.yml's search separator splits the
//    page text (punctuation and camelCase). Every token must be present, except the last, which stays a
//    prefix so results appear while the name is still being typed.
// 2. The results. A query that is exactly an action the Action index lists, with or without its service
//    and in any case (`AdminCreateUser`, `cognito-idp:admincreateuser`), gets that action's row of the
//    Action index as its first result, before the pages that merely mention it; the result links to the
//    row itself (its id, `rowId`), not to the top of the service's section.
const SETUP = 0; // Material's SearchMessageType
const QUERY = 2;
const RESULT = 3;
const FIELD = /^(title|text|tags):/;
// The Action index page (docs/hooks/pages/actions.py): one section per service, one table row per action,
// which the search index holds as `<code>service:Action</code> Access level Allowed by` (without the
// row's id: Material's index keeps no ids but the headings').
const ACTION_INDEX = "reference/actions/";
const ACTION_ROW = /<code>([a-z0-9-]+):([A-Za-z0-9]+)<\/code>([^<]*)/g;
const ACTION_NAME = /^(?:([A-Za-z0-9-]+):)?([A-Za-z0-9]+)$/;
// AWS's five access levels, which start the rest of a row; the snippets that allow the action follow.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_understand-policy-summary-access-level-summaries.html
const LEVELS = /^((?:List|Read|Write|Permissions management|Tagging)(?:, (?:List|Read|Write|Permissions management|Tagging))*)\s+(.+)$/;

const actions = new Map(); // "cognito-idp:admincreateuser" -> the action's entry
const withoutService = new Map(); // "admincreateuser" -> its entries, one per service that has the name
let actionIndex = null; // the Action index page's own document
const asked = []; // per query handed to Material, in order: the entries its result starts with

// The id of an action's row on the Action index: the rule of `row_id` in docs/hooks/pages/actions.py, which
// writes the ids (`cognito-idp:AdminCreateUser` -> `action-cognito-idp-admincreateuser`).
function rowId(service, name) {
  return "action-" + `${service}:${name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

function tokens(word) {
  return word
    .split(/[^A-Za-z0-9]+/)
    .flatMap(part => part.split(/(?=[A-Z][a-z])/))
    .filter(Boolean);
}

// The Action index entries that a query names exactly, or none.
function named(query) {
  const match = ACTION_NAME.exec(query.trim());
  if (!match) return [];
  const [, service, name] = match;
  if (service) {
    const entry = actions.get(`${service}:${name}`.toLowerCase());
    return entry ? [entry] : [];
  }
  return withoutService.get(name.toLowerCase()) || [];
}

function rewrite(query, exact) {
  const words = query.trim().split(/\s+/);
  const out = [];
  words.forEach((word, index) => {
    if (!(word.includes(":") || exact) || FIELD.test(word)) {
      out.push(word);
      return;
    }
    const parts = tokens(word);
    parts.forEach((part, position) => {
      const last = index === words.length - 1 && position === parts.length - 1;
      out.push(last ? part : "+" + part);
    });
  });
  return out.join(" ");
}

function entry(service, name, rest) {
  const row = rest.trim();
  const levels = LEVELS.exec(row);
  const text = levels ? `${levels[1]}. Allowed by ${levels[2]}` : row;
  return {
    location: `${ACTION_INDEX}#${rowId(service, name)}`,
    title: `<code>${service}:${name}</code>`,
    text: `<p>${text}</p>`,
    score: 0,
    terms: Object.fromEntries([service, ...tokens(name)].flatMap(tokens).map(t => [t.toLowerCase(), true])),
  };
}

function setUp(docs) {
  for (const doc of docs) {
    if (doc.location === ACTION_INDEX) actionIndex = doc;
    if (!doc.location.startsWith(ACTION_INDEX + "#") || typeof doc.text !== "string") continue;
    for (const [, service, name, rest] of doc.text.matchAll(ACTION_ROW)) {
      const found = entry(service, name, rest);
      actions.set(`${service}:${name}`.toLowerCase(), found);
      const same = withoutService.get(name.toLowerCase()) || [];
      withoutService.set(name.toLowerCase(), [...same, found]);
    }
  }
}

// Material's result with the Action index first, led by the entries the query names.
function actionsFirst(result, entries) {
  if (!entries.length || !actionIndex || !result || !Array.isArray(result.items)) return result;
  const items = [...result.items];
  const at = items.findIndex(group => group.some(item => item.location === ACTION_INDEX));
  const group = at >= 0 ? items.splice(at, 1)[0] : [{ ...actionIndex, score: 0, terms: {} }];
  // Material shows a page's sections that score as high as its first one, and folds the others away.
  const top = Math.max(0, ...result.items.flat().map(item => item.score)) + 1;
  const first = entries.map(found => ({ ...found, score: top }));
  return { ...result, items: [[...first, ...group], ...items] };
}

// Registered before Material's worker loads, so this listener runs first on every message; MessageEvent
// data is one object shared by all listeners, so Material's handler sees what is changed here.
self.addEventListener("message", event => {
  const message = event.data;
  if (message && message.type === SETUP && message.data && Array.isArray(message.data.docs)) {
    setUp(message.data.docs);
  } else if (message && message.type === QUERY && typeof message.data === "string") {
    const entries = named(message.data);
    asked.push(entries);
    message.data = rewrite(message.data, entries.length > 0);
  }
});

// Material answers each query with one result, in order; its answers go out through postMessage.
const post = self.postMessage;
self.postMessage = function (message, ...rest) {
  if (message && message.type === RESULT) {
    message = { ...message, data: actionsFirst(message.data, asked.shift() || []) };
  }
  return post.call(self, message, ...rest);
};

importScripts(new URL(self.location.href).searchParams.get("material"));
