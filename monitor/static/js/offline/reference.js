/* What the app needs besides the monitor's checklists: the checklist definitions and the courts.
   From the network (through the service worker's cache), kept on the phone for the days without.
   The versions new checklists are filled with are those an administrator activated: the page
   names them, and the app asks the server again when it can, as a page kept on the phone may
   predate an activation, and the version fetched is the one used. */
import { app } from "./state.js";

export async function getJSON(url) {
  const answer = await app.api.request("GET", url);
  if (answer.status !== 200) throw new Error(String(answer.status));
  return answer.body;
}

function definitionUrl(key, version, language) {
  return app.urls.checklists + "/" + key + "?" + (version ? "version=" + version + "&" : "") + "lang=" + language;
}

/* The courts and the definition in use of each checklist the page names (asked without a version,
   the server answers with the activated one), all at once and while the session is being
   checked: on a slow link each round trip costs about half a second. Resolves with
   {courts, definitions}, or null when offline. */
export function fetchReferenceData(current, language) {
  const definitions = current.map(([key]) => getJSON(definitionUrl(key, null, language)));
  return Promise.all([getJSON(app.urls.courts), ...definitions])
    .then(([courts, ...fetched]) => ({ courts, definitions: fetched }))
    .catch(() => null);
}

export async function loadReferenceData(current, fetched) {
  const store = app.store;
  const answers = await fetched;
  if (answers) {
    const inUse = answers.definitions.map((d) => [d.key, d.version]);
    await Promise.all([...answers.definitions.map((d) => store.putDefinition(d)), store.putMeta("current", inUse),
      store.putMeta("courts", answers.courts)]);
  }
  const [kept, courts] = await Promise.all([store.getMeta("current"), store.getMeta("courts")]);
  app.courts = courts || [];
  const definitions = await Promise.all((kept || current).map(([key, version]) => definitionFor(key, version)));
  app.current = definitions.filter(Boolean);
}

export async function definitionFor(key, version) {
  const id = key + "@" + version + "@" + app.language;
  if (app.definitions[id]) return app.definitions[id];
  let definition = await app.store.getDefinition(key, version, app.language);
  if (!definition) {
    try {
      definition = await getJSON(definitionUrl(key, version, app.language));
      await app.store.putDefinition(definition);
    } catch (offline) {
      definition = null;
    }
  }
  if (definition) app.definitions[id] = definition;
  return definition;
}
