// The community staff's calls (notices, canteens, diners, shops, lobby screens) and the public screen's.
import { api, type BodyOf, type ResponseOf } from '../../api/client.ts';

export type StaffNotice = ResponseOf<'/api/v1/notices'>['items'][number];
export type NoticeDetail = ResponseOf<'/api/v1/notices/{id}'>;
export type NewNotice = BodyOf<'/api/v1/notices', 'post'>;
export type Canteen = ResponseOf<'/api/v1/canteens'>['items'][number];
export type Menu = ResponseOf<'/api/v1/canteens/{id}/menus'>['items'][number];
export type DayList = ResponseOf<'/api/v1/canteens/{id}/bookings'>;
export type Diner = ResponseOf<'/api/v1/diners'>['items'][number];
export type StaffShop = ResponseOf<'/api/v1/shops'>['items'][number];
export type NewShop = BodyOf<'/api/v1/shops', 'post'>;
export type ScreenData = ResponseOf<'/api/v1/screen/{id}'>;
export type Meal = Menu['meal'];

export const staffKeys = {
  notices: (compoundId: string) => ['community', 'notices', compoundId] as const,
  notice: (id: string) => ['community', 'notice', id] as const,
  canteens: ['community', 'canteens'] as const,
  menus: (canteenId: string) => ['community', 'menus', canteenId] as const,
  day: (canteenId: string, date: string) => ['community', 'day', canteenId, date] as const,
  diners: (compoundId: string) => ['community', 'diners', compoundId] as const,
  shops: ['community', 'shops'] as const,
  screen: (compoundId: string) => ['community', 'screen', compoundId] as const,
  compounds: ['community', 'compounds'] as const,
  compound: (id: string) => ['community', 'compound', id] as const,
};

export const fetchCompounds = () => api.get('/api/v1/compounds', { query: { limit: 500 } });
export const fetchCompound = (id: string) => api.get('/api/v1/compounds/{id}', { params: { id } });
export const fetchNotices = (compoundId: string) => api.get('/api/v1/notices', { query: { compoundId } });
export const fetchNotice = (id: string) => api.get('/api/v1/notices/{id}', { params: { id } });
export const publishNotice = (body: NewNotice) => api.post('/api/v1/notices', { body });
export const withdrawNotice = (id: string) => api.post('/api/v1/notices/{id}/withdraw', { params: { id } });
export const fetchCanteens = () => api.get('/api/v1/canteens');
export const createCanteen = (body: BodyOf<'/api/v1/canteens', 'post'>) => api.post('/api/v1/canteens', { body });
export const fetchMenus = (id: string, from: string, to: string) =>
  api.get('/api/v1/canteens/{id}/menus', { params: { id }, query: { from, to } });
export const setMenu = (id: string, date: string, meal: Meal, body: BodyOf<'/api/v1/canteens/{id}/menus/{date}/{meal}', 'put'>) =>
  api.put('/api/v1/canteens/{id}/menus/{date}/{meal}', { params: { id, date, meal }, body });
export const fetchDay = (id: string, date: string) => api.get('/api/v1/canteens/{id}/bookings', { params: { id }, query: { date } });
export const fetchDiners = (compoundId: string) => api.get('/api/v1/diners', { query: { compoundId } });
export const setDiner = (residentId: string, body: BodyOf<'/api/v1/diners/{residentId}', 'put'>) =>
  api.put('/api/v1/diners/{residentId}', { params: { residentId }, body });
export const fetchShops = () => api.get('/api/v1/shops');
export const createShop = (body: NewShop) => api.post('/api/v1/shops', { body });
export const addOffer = (id: string, body: BodyOf<'/api/v1/shops/{id}/offers', 'post'>) =>
  api.post('/api/v1/shops/{id}/offers', { params: { id }, body });
export const fetchScreen = (id: string) => api.get('/api/v1/compounds/{id}/screen', { params: { id } });
export const rotateScreen = (id: string) => api.post('/api/v1/compounds/{id}/screen/token', { params: { id } });
export const fetchScreenData = (id: string, token: string) =>
  api.get('/api/v1/screen/{id}', { params: { id }, query: { token }, allowUnauthorized: true });

/** Today in Shanghai, yyyy-mm-dd. */
export const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Integer fen as "¥12.50". */
export const yuan = (fen: number) => `¥${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;
