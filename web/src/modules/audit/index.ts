// The audit web module shares nothing with others: its page and menu entry are its manifest, module.tsx.
export {};
