/* The offline app's words in the reader's language. The server writes them (monitor/filing/offline_texts.py,
   translated with the site's catalogue) into the page as JSON; a page kept from before a language
   switch asks for the other language's dictionary. A text is looked up by its English wording;
   "%(name)s" placeholders are filled from `values`. A text with plural forms (its singular English
   wording as the key) comes as {one, other}: the form is chosen by `values.count` with the
   language's plural rules (Khmer has one form, English two). */
let words = {};
let language = "en";

export function t(text, values) {
  let translated = words[text] || text;
  if (typeof translated === "object") {
    const form = new Intl.PluralRules(language).select(Number(values && values.count));
    translated = translated[form] || translated.other;
  }
  return translated.replace(/%\((\w+)\)s/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
}

export function useWords(dictionary, wordsLanguage) {
  words = dictionary || {};
  if (wordsLanguage) language = wordsLanguage;
}
