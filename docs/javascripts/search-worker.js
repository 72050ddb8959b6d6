// Search worker: rewrites IAM names in the query, then runs Material's search worker unchanged.
//
// Material parses the query with lunr's query syntax, where `:` introduces a field and `-` excludes a
// term, so `cognito-idp:AdminCreateUser` is an invalid query (no results) and `iam:PassRole` matches
// any page with the word "iam". A word that contains a colon (an action such as `s3:GetObject`, or an
// ARN) is turned into the tokens the index holds for it, split the way mkdocs.yml's search separator
// splits the page text (punctuation and camelCase). Every token must be present, except the last,
// which stays a prefix so results appear while the name is still being typed.
const QUERY = 2; // Material's SearchMessageType.QUERY
const FIELD = /^(title|text|tags):/;

function tokens(word) {
  return word
    .split(/[^A-Za-z0-9]+/)
    .flatMap(part => part.split(/(?=[A-Z][a-z])/))
    .filter(Boolean);
}

function rewrite(query) {
  const words = query.trim().split(/\s+/);
  const out = [];
  words.forEach((word, index) => {
    if (!word.includes(":") || FIELD.test(word)) {
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

// Registered before Material's worker loads, so this listener runs first on every message; MessageEvent
// data is one object shared by all listeners, so Material's handler sees the rewritten query.
self.addEventListener("message", event => {
  const message = event.data;
  if (message && message.type === QUERY && typeof message.data === "string") {
    message.data = rewrite(message.data);
  }
});

importScripts(new URL(self.location.href).searchParams.get("material"));
