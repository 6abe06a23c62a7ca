// Entry for pages: defines <elu-playground> (its one side effect). One script tag is enough:
//   <script type="module" src="/node_modules/elu-playground/dist/element.js"></script>
//   <elu-playground alpha="1.5" dataset="spiral" compare="relu"></elu-playground>
// The element and its API are documented in widget/element.js.
import { EluPlayground, define } from './widget/element.js';

define();

export { EluPlayground };
