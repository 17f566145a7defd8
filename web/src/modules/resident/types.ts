// Shapes the residents' mobile web reads (/auth/code, /me/participation, a ballot, its receipts),
// from the generated API contract (web/src/api/schema.gen.ts).
import type { ResponseOf } from '../../api/client.ts';

export type MyParticipation = ResponseOf<'/api/v1/me/participation'>;
export type MyHousehold = MyParticipation['households'][number];
export type MySurvey = MyParticipation['surveys'][number];
export type MyBallot = MyParticipation['ballots'][number];

export type BallotDetail = ResponseOf<'/api/v1/ballots/{id}'>;
export type PublishedReceipts = ResponseOf<'/api/v1/ballots/{id}/receipts'>;
export type OnlineVoteAnswer = ResponseOf<'/api/v1/ballots/{id}/votes', 'post'>;
