/* What the app needs besides the monitor's checklists: the checklist definitions and the courts.
   From the network (through the service worker's cache), kept on the phone for the days without. */
import { app } from "./state.js";

export async function getJSON(url) {
  const answer = await app.api.request("GET", url);
  if (answer.status !== 200) throw new Error(String(answer.status));
  return answer.body;
}

function definitionUrl(key, version, language) {
  return app.urls.checklists + "/" + key + "?" + (version ? "version=" + version + "&" : "") + "lang=" + language;
}

/* The current definitions (listed in the page) and the courts, asked for all at once and while
   the session is being checked: on a slow link each round trip costs about half a second.
   Resolves with [courts, definition, ...], or null when offline. */
export function fetchReferenceData(current, language) {
  const definitions = current.map(([key]) => getJSON(definitionUrl(key, null, language)));
  return Promise.all([getJSON(app.urls.courts), ...definitions]).catch(() => null);
}

export async function loadReferenceData(current, fetched) {
  const store = app.store;
  const answers = await fetched;
  if (answers) {
    await Promise.all([...answers.slice(1).map((d) => store.putDefinition(d)), store.putMeta("current", current),
      store.putMeta("courts", answers[0])]);
  }
  const [kept, courts] = await Promise.all([store.getMeta("current"), store.getMeta("courts")]);
  app.courts = courts || [];
  const definitions = await Promise.all((kept || []).map(([key, version]) => definitionFor(key, version)));
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
