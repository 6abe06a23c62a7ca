// Entry for pages: defines <elu-playground> (its one side effect). One script tag is enough:
//   <script type="module" src="/node_modules/elu-playground/dist/element.js"></script>
//   <elu-playground alpha="1.5" dataset="spiral" compare="relu"></elu-playground>
// The element and its API are documented in widget/element.js. The state table's URL-hash helpers
// are exported too, so that a page keeping the element's state in its URL (web/demo/demo.js) uses
// the element's own copy of the table.
import { EluPlayground, define } from './widget/element.js';

define();

export { EluPlayground };
export { FIELDS, defaults, equal, fromHash, pageDefaults, toAttribute, toHash } from './widget/state.js';
