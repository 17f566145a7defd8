// What other web modules may use of the living circle: the district map (registry, overview, duty console). Its
// pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
export { default as DistrictMap, type DistrictMapProps } from './DistrictMap.tsx';
