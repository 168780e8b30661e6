/* Building elements: h("p", {class: "hint", text: "..."}, child, ...) sets attributes, `on*`
   listeners and properties, then appends the children (arrays are flattened; null, undefined and
   false are left out). Text goes in through textContent only. */
const PROPERTIES = new Set(["hidden", "checked", "disabled", "readOnly", "value", "selected"]);

export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  Object.entries(props || {}).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) return;
    if (name === "text") element.textContent = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (PROPERTIES.has(name)) element[name] = value;
    else element.setAttribute(name, value === true ? "" : value);
  });
  children.flat(3).forEach((child) => {
    if (child !== null && child !== undefined && child !== false) element.append(child);
  });
  return element;
}
