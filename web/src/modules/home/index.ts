// What other web modules (and the app's shell) may use of the home: its query, whose counts the side menu shows.
export { useHome, homeKeys, type Home } from './api.ts';
