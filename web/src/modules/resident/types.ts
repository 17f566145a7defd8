// Shapes the residents' mobile web reads: /auth/code, /me/participation, a ballot, its receipts.
import type { BallotKind, RevotePolicy, SurveyKind } from '../participation/types.ts';

export interface MyHousehold {
  householdId: string;
  compoundName: string;
  building: string;
  unit: string;
  room: string;
  relation: string;
  status: 'pending' | 'verified' | 'rejected';
}

export interface MySurvey {
  id: string;
  projectId: string;
  projectName: string;
  kind: SurveyKind | string;
  title: string;
  status: 'open' | 'closed' | string;
  householdId: string;
  answeredAt: string | null;
}

export interface MyBallot {
  id: string;
  projectId: string;
  projectName: string;
  kind: BallotKind | string;
  title: string;
  status: 'open' | 'closed' | string;
  closesAt: string;
  householdId: string;
  receipt: string | null;
  /** What the receipt carries: the household's position in the chain, the head after its vote and that head's signature. */
  position: number | null;
  head: string | null;
  signature: string | null;
  channel: string | null;
  votedAt: string | null;
}

export interface MyParticipation {
  households: MyHousehold[];
  surveys: MySurvey[];
  ballots: MyBallot[];
}

export interface BallotDetail {
  id: string;
  projectId: string;
  kind: BallotKind;
  title: string;
  proposal: string | null;
  status: 'open' | 'closed' | string;
  revote: RevotePolicy;
  eligible: number;
  electorateHash: string;
  closesAt: string;
  openedAt: string;
  closedAt: string | null;
  chainHead: string | null;
}

export interface PublishedReceipts {
  chainHead: string | null;
  items: { receipt: string; channel: string; at: string }[];
}

export interface OnlineVoteAnswer {
  receipt: string | null;
  status: 'counted' | 'pending_second_keying' | 'mismatch';
  position?: number;
  head?: string;
  signature?: string;
  keyId?: string;
}
