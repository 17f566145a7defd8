// The Latin-letter words a person may read on a zh-CN page (e2e/words.e2e.test.ts fails on any other). Keep it
// short: each entry is a proper name, a unit symbol or a name shown on purpose, with the reason beside it. Codes,
// keys, JSON, ids and hashes never belong here: they get Chinese words, or go into a 技术详情 fold (data-tech).
export const allowedWords: ReadonlySet<string> = new Set([
  // Unit symbols (m² and m³ read as "m" before the superscript).
  'm',
  'km',
  'kWh',
  'kg',
  'h',
  // The product's own name, in its logo and footer.
  'Renova',
  // Names people know and use as they are: QR codes, Excel files, the ID of a card, the SOS button, the API
  // (Open311, the city's open data standard, and its keys page for partners), CSV and XLSX files to import.
  'QR',
  'Excel',
  'ID',
  'SOS',
  'API',
  'Open',
  'CSV',
  'XLSX',
  'xlsx',
  'csv',
  'MQTT',
  // The signature algorithm the public check page names, so that anyone can check the ballot chain with other tools.
  'Ed25519',
  // The language switch names the other language in that language's own short form.
  'EN',
  // File formats a person picks or gets: uploads accept these, exports and calendars are made in them.
  'PDF',
  'PNG',
  'JPEG',
  'DOCX',
  'ics',
  // Standards named on purpose: Open311 (the city's open reporting standard), the exchange's signature
  // algorithm for the integrators who set it up, China's national (GB) and land-industry (TD/T) standards,
  // a resident "App" and O2O as the report words them, the 90th percentile of a duration.
  'Open311',
  'HMAC-SHA256',
  'GB',
  'TD/T',
  'App',
  'O2O',
  'P90',
  // The demo Open311 partner's name as it registered (a proper name, spelt as the partner spells it).
  'fixmystreet-demo',
  // Open311's reporting standard by its name (GeoReport v2) and the best-known client of it (FixMyStreet).
  'GeoReport',
  'v2',
  'FixMyStreet',
  // The statistician's z in a rule's source (z = 1.96).
  'z',
  // The map's keyboard hint names the keys N and P.
  'N',
  'P',
]);

/**
 * Whole tokens a person reads as they are, not as codes: identifiers of things in the physical world printed in
 * capitals (plates 浙A12345, unified social credit codes 91330105000000011M, parking spaces A-001, serial numbers
 * SIM-00033, models SOS-1, paper sheet numbers HM-0001), and the endpoint addresses integrators copy. Lower-case
 * ids, hashes and keys never match.
 */
export const allowedTokens: readonly RegExp[] = [
  /^(?=.*[0-9])[A-Z0-9]+(-[A-Z0-9]+)*$/,
  // Product models as the maker names them, capitalised and hyphenated with a number: FR-Gate-1.
  /^(?=.*[0-9])[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)+$/,
  /^https?:\/\/\S+$/,
];

/**
 * Declared pages no walk reaches: a parametrised route whose list shows no link to it for the roles walked. Each
 * with why; the test fails on a declared page that is neither reached nor listed here.
 */
// None: every parametrised page is reached through a link, a redirect, or an address the setup is handed.
export const unreachedRoutes: ReadonlyMap<string, string> = new Map<string, string>([]);
