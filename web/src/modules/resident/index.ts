// What other web modules may use of the resident module: nothing yet. Its pages and menu entry are its
// manifest, module.tsx, which only the app's module list imports.
