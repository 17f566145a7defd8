// The resident's community calls (notices, the canteen, shops nearby on /m) and their TanStack Query keys.
import { api, type BodyOf, type ResponseOf } from '../../../api/client.ts';

export type MyNotices = ResponseOf<'/api/v1/me/notices'>;
export type MyNotice = MyNotices['items'][number];
export type MyCanteen = ResponseOf<'/api/v1/me/canteen'>;
export type CanteenMenu = MyCanteen['menus'][number];
export type Booking = ResponseOf<'/api/v1/me/canteen/bookings'>['items'][number];
export type Shop = ResponseOf<'/api/v1/me/shops'>['items'][number];
export type Order = BodyOf<'/api/v1/me/canteen/bookings', 'post'>;

export const communityKeys = {
  notices: ['resident', 'community', 'notices'] as const,
  notice: (id: string) => ['resident', 'community', 'notice', id] as const,
  canteen: ['resident', 'community', 'canteen'] as const,
  bookings: ['resident', 'community', 'bookings'] as const,
  shops: (category?: string) => ['resident', 'community', 'shops', category ?? ''] as const,
};

export const fetchMyNotices = () => api.get('/api/v1/me/notices');
export const openNotice = (id: string) => api.get('/api/v1/me/notices/{id}', { params: { id } });
export const fetchMyCanteen = () => api.get('/api/v1/me/canteen');
export const fetchMyBookings = () => api.get('/api/v1/me/canteen/bookings');
export const quoteMeal = (body: Omit<Order, 'mode'>) => api.post('/api/v1/me/canteen/quote', { body });
export const bookMeal = (body: Order) => api.post('/api/v1/me/canteen/bookings', { body });
export const cancelMeal = (id: string) => api.post('/api/v1/me/canteen/bookings/{id}/cancel', { params: { id } });
export const fetchMyShops = (category?: Shop['category']) => api.get('/api/v1/me/shops', { query: { category } });
