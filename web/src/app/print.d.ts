// Stylesheets are imported for their side effect only (Vite bundles them; web/src/app/print.css).
declare module '*.css';
