// The exchange's web module shares nothing with others: its pages and menu entry are its manifest, module.tsx.
export {};
