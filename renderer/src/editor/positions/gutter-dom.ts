import { gutterName, proposalText, type GutterModel, type MarkerModel } from './gutter-model';

/**
 * The DOM of a clause's gutter and of its proposals list, built with DOM calls (the CSP allows no
 * inline markup or style attributes; party colours go through the CSSOM as a custom property).
 * Layout and colours are in `styles/positions.css`.
 *
 * The gutter sits inside the clause's `<section>`, so it holds no text nodes: what its buttons
 * show (party code, status shape, icons) is CSS-generated content from their attributes and their
 * names are `aria-label`s. The clause's text as the page has it (`innerText`, what a reader
 * copies or a test reads) stays the clause's own words.
 */

/** What the gutter's buttons do; the editor pane opens the dialogs. */
export interface GutterActions {
  /** The member's own-party marker or "Set position on clause N" was activated. */
  openPosition(clauseId: string): void;
  /** "History of clause N" was activated. */
  openHistory(clauseId: string): void;
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  el.className = className;
  return el;
}

/** A CSS colour from the roster (anyone at the table may have written it): anything else is ignored. */
function isColour(value: string): boolean {
  return typeof CSS !== 'undefined' && typeof CSS.supports === 'function' ? CSS.supports('color', value) : /^#[0-9a-f]{3,8}$/iu.test(value);
}

function marker(doc: Document, model: MarkerModel, clauseId: string, actions: GutterActions): HTMLButtonElement {
  const button = element(doc, 'button', model.own ? 'position-marker own' : 'position-marker');
  button.type = 'button';
  button.dataset.party = model.party;
  button.dataset.status = model.status;
  button.dataset.stale = String(model.stale);
  button.dataset.invalid = String(model.invalid);
  button.setAttribute('aria-label', model.label);
  button.title = model.title;
  // The code and the status shape are drawn by CSS from these attributes (see the file comment).
  button.dataset.symbol = model.symbol;
  if (model.colour && isColour(model.colour)) button.style.setProperty('--party-colour', model.colour);
  if (model.own) {
    button.setAttribute('aria-haspopup', 'dialog');
    button.addEventListener('click', () => actions.openPosition(clauseId));
  }
  // Another party's marker only shows its tooltip: nobody may set another party's position.
  return button;
}

function action(doc: Document, label: string, className: string, run: () => void): HTMLButtonElement {
  const button = element(doc, 'button', `position-action ${className}`);
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-haspopup', 'dialog');
  button.title = label;
  button.addEventListener('click', run);
  return button;
}

/** The gutter group: one marker per party, then "Set position" (for members) and "History". */
export function renderGutter(doc: Document, model: GutterModel, actions: GutterActions): HTMLElement {
  const group = element(doc, 'div', 'position-gutter');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', gutterName(model.number));
  group.dataset.clauseState = model.state;
  const markers = element(doc, 'div', 'gutter-markers');
  for (const m of model.markers) markers.append(marker(doc, m, model.clauseId, actions));
  const tools = element(doc, 'div', 'gutter-actions');
  if (model.canSet) {
    tools.append(action(doc, `Set position on clause ${model.number}`, 'set-position', () => actions.openPosition(model.clauseId)));
  }
  tools.append(action(doc, `History of clause ${model.number}`, 'history', () => actions.openHistory(model.clauseId)));
  group.append(markers, tools);
  return group;
}

/** The proposals of a disputed clause, as stacked options under its text. */
export function renderProposals(doc: Document, model: GutterModel): HTMLElement {
  const list = element(doc, 'ul', 'clause-proposals');
  list.setAttribute('aria-label', `Proposals for clause ${model.number}`);
  model.proposals.forEach((proposal, index) => {
    const item = element(doc, 'li', 'clause-proposal');
    item.dataset.party = proposal.party;
    item.textContent = proposalText(index, proposal);
    list.append(item);
  });
  return list;
}
