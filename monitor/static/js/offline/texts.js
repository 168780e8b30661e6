/* The offline app's words in the reader's language. The server writes them (monitor/filing/offline_texts.py,
   translated with the site's catalogue) into the page as JSON; a page kept from before a language
   switch asks for the other language's dictionary. A text is looked up by its English wording;
   "%(name)s" placeholders are filled from `values`. */
let words = {};

export function t(text, values) {
  const translated = words[text] || text;
  return translated.replace(/%\((\w+)\)s/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
}

export function useWords(dictionary) {
  words = dictionary || {};
}
