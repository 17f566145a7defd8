// What other web modules may use of the passage desk: the compound kept in the address (the parking desk works on one
// compound too). Its pages are its manifest, module.tsx.
export { useCompound } from './useCompound.ts';
