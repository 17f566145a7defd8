// What other web modules may use of the parking desk: nothing yet. Its pages are its manifest, module.tsx.
export {};
