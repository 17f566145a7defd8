// What other web modules may use of the community module: nothing yet. Its pages and menu entries are its
// manifest, module.tsx, which only the app's module list imports.
export { default as CompoundPicker } from './CompoundPicker.tsx';
