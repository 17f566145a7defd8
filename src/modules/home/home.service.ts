// A person's home (issue 16): what they do today, by role, in sections. Each section asks the module that owns
// the facts through its index.ts, within the account's scope; nothing here reads another module's tables.
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Words } from '../../platform/i18n/messages.ts';
import { liaisonPackages, packageNotices } from '../coordination/index.ts';
import { findingsToClose } from '../evaluation/index.ts';
import { disbursedFen, fundingBySource } from '../funding/index.ts';
import { ballotsClosingBefore, openBallotWork, openSurveyWork, sheetsAwaitingSecondKeying } from '../participation/index.ts';
import { nextStage, projectBlockers, scopedProjects, stageMonths, type ScopedProject } from '../projects/index.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { workOrderFigures } from '../workorders/index.ts';
import type { HomeReply, HomeSection } from './home.schemas.ts';
import { completed, isLate, progressByDistrict, progressByMonth, sectionsFor, stageOrder, type SectionKind } from './plan.ts';

const LIST = 20;
/** Projects whose blockers the district's home works out (each costs its gates' checks). */
const BLOCKERS = 12;
/** Ballots closing within this many days are shown as closing. */
const CLOSING_DAYS = 14;

const shanghaiYear = (now: Date) => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));

export interface HomeQuery {
  year?: number;
  now?: Date;
  /** The reader's language, for the words other modules hand out (gates' verdicts, notices). */
  locale?: Locale;
}

type SectionOf<K extends SectionKind> = Extract<HomeSection, { kind: K }>;
const text = (w: string | Words, locale: Locale) => (typeof w === 'string' ? w : w.in(locale));

export async function homeOf(ctx: AppContext, user: AuthUser, q: HomeQuery = {}): Promise<HomeReply> {
  const now = q.now ?? new Date();
  const locale = q.locale ?? user.locale;
  const kinds = sectionsFor(user.role, user.permissions);
  const needsProjects = kinds.some((k) => !['bindings', 'packages', 'notices', 'workOrders', 'findings'].includes(k));
  const all = needsProjects ? await scopedProjects(ctx.db, user) : [];
  const names = new Map(all.map((p) => [p.id, p.name]));
  const ids = all.map((p) => p.id);
  const thisYear = shanghaiYear(now);
  const years = [...new Set(all.map((p) => p.year))].sort((a, b) => b - a);
  // The year asked for; else this year if it has projects; else the latest year that has.
  const year = q.year ?? (years.includes(thisYear) ? thisYear : (years.find((y) => y < thisYear) ?? years[0] ?? thisYear));
  const ofYear = all.filter((p) => p.year === year);

  const build: { [K in SectionKind]: () => Promise<SectionOf<K>> } = {
    yearProgress: async () => {
      const districts = await registry.childDivisions(ctx.db, user.scope.division ?? '');
      const months = await stageMonths(
        ctx.db,
        ofYear.map((p) => p.id),
        ['under_construction', 'accepted'],
      );
      return {
        kind: 'yearProgress',
        year,
        years: [...years].sort((a, b) => a - b),
        districts: progressByDistrict(ofYear, new Map(districts.map((d) => [d.code, d.name]))),
        months: progressByMonth(year, ofYear, months),
      };
    },
    lateProjects: async () => {
      const late = all.filter((p) => isLate(p, thisYear)).sort((a, b) => a.year - b.year || a.name.localeCompare(b.name, 'zh-CN'));
      return { kind: 'lateProjects', total: late.length, items: late.slice(0, LIST).map(projectItem) };
    },
    disbursed: async () => {
      const yearIds = ofYear.map((p) => p.id);
      const [paid, funded] = await Promise.all([disbursedFen(ctx.db, yearIds), fundingBySource(ctx.db, yearIds)]);
      const fundedFen = Object.values(funded).reduce((n, v) => n + v, 0);
      return { kind: 'disbursed', year, totalFen: paid.totalFen, fundedFen, bySource: paid.bySource };
    },
    projectsByStage: async () => {
      const active = all.filter((p) => nextStage(p.stage) !== null);
      const byStage = stageOrder.map((stage) => ({ stage, count: all.filter((p) => p.stage === stage).length })).filter((s) => s.count > 0);
      // The ones furthest behind first: the earliest stage of the latest year.
      const looked = [...active]
        .sort(
          (a, b) => b.year - a.year || stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage) || a.name.localeCompare(b.name, 'zh-CN'),
        )
        .slice(0, BLOCKERS);
      const blockers = await projectBlockers(ctx, looked);
      return {
        kind: 'projectsByStage',
        total: all.length,
        byStage,
        items: looked.map((p) => ({
          ...projectItem(p),
          nextStage: nextStage(p.stage),
          blockers: (blockers.get(p.id) ?? []).map((g) => ({
            code: g.code,
            message: text(g.message, locale),
            satisfy: text(g.satisfy, locale),
          })),
        })),
      };
    },
    ballotsClosing: async () => {
      const before = new Date(now.getTime() + CLOSING_DAYS * 86_400_000);
      const items = await ballotsClosingBefore(ctx.db, ids, before);
      return { kind: 'ballotsClosing', days: CLOSING_DAYS, items: items.map((b) => ({ ...b, projectName: names.get(b.projectId) ?? '' })) };
    },
    findings: async () => {
      const office = user.scope.division;
      const found = office ? await findingsToClose(ctx.db, office, LIST) : { total: 0, items: [] };
      return { kind: 'findings', total: found.total, items: found.items };
    },
    paperBallots: async () => {
      const items = await openBallotWork(ctx.db, ids, user.id);
      return { kind: 'paperBallots', items: items.map((b) => ({ ...b, projectName: names.get(b.projectId) ?? '' })) };
    },
    secondKeyings: async () => {
      const items = await sheetsAwaitingSecondKeying(ctx.db, ids, user.id, LIST);
      return { kind: 'secondKeyings', items: items.map((s) => ({ ...s, projectName: names.get(s.projectId) ?? '' })) };
    },
    surveys: async () => {
      const items = await openSurveyWork(ctx.db, ids);
      return { kind: 'surveys', items: items.map((s) => ({ ...s, projectName: names.get(s.projectId) ?? '' })) };
    },
    bindings: async () => {
      const pending = await registry.pendingBindings(ctx.db, user.scope, user.id, LIST);
      return { kind: 'bindings', total: pending.total, items: pending.items };
    },
    packages: async () => {
      const mine = await liaisonPackages(ctx.db, user, LIST);
      // Exactly the schema's fields: the reply's serializer picks a section by its shape, and extra keys match none.
      const items = mine.items.map((p) => ({
        id: p.id,
        projectId: p.projectId,
        projectName: p.projectName,
        compoundId: p.compoundId,
        compoundName: p.compoundName,
        districtName: p.districtName,
        subdistrictName: p.subdistrictName,
        year: p.year,
        kind: p.kind,
        department: p.department,
        durationDays: p.durationDays,
        status: p.status,
        startedOn: p.startedOn,
        planned: p.planned,
      }));
      return { kind: 'packages', year: mine.year, total: mine.total, items };
    },
    notices: async () => {
      const { items } = await packageNotices(ctx, user);
      const unread = items.filter((n) => !n.readAt);
      return {
        kind: 'notices',
        unread: unread.length,
        items: items.slice(0, 5).map((n) => ({
          id: n.id,
          message: text(n.message, locale),
          packageId: n.packageId,
          createdAt: n.createdAt,
          read: n.readAt !== null,
        })),
      };
    },
    workOrders: async () => {
      const wheres = user.scope.division
        ? [{ communityPrefix: divisionPrefix(user.scope.division) }]
        : user.scope.compoundIds.map((compoundId) => ({ compoundId }));
      const figures = await Promise.all(wheres.map((w) => workOrderFigures(ctx.db, w, now)));
      const open = figures.reduce(
        (n, f) => n + f.byStatus.filter((s) => s.status !== 'done' && s.status !== 'cancelled').reduce((m, s) => m + s.count, 0),
        0,
      );
      return { kind: 'workOrders', open, overdue: figures.reduce((n, f) => n + f.overdue, 0) };
    },
  };

  const sections: HomeSection[] = [];
  for (const k of kinds) sections.push(await build[k]());
  return { role: user.role, year, today: now.toISOString(), sections, badges: badgesOf(sections) };
}

const projectItem = (p: ScopedProject) => ({
  projectId: p.id,
  name: p.name,
  year: p.year,
  stage: p.stage,
  districtCode: p.districtCode,
  completed: completed(p.stage),
});

/** The counts the side menu shows beside an entry (its path): what waits there; `/` (the home) sums them. */
export function badgesOf(sections: readonly HomeSection[]): HomeReply['badges'] {
  let todo = 0;
  const out: HomeReply['badges'] = [];
  for (const s of sections) {
    switch (s.kind) {
      case 'paperBallots':
        todo += s.items.reduce((n, b) => n + b.toKey, 0);
        break;
      case 'secondKeyings':
      case 'ballotsClosing':
        todo += s.items.length;
        break;
      case 'surveys':
        todo += s.items.reduce((n, x) => n + x.notReached, 0);
        break;
      case 'bindings':
      case 'findings':
        todo += s.total;
        break;
      case 'notices':
        todo += s.unread;
        if (s.unread > 0) out.push({ key: '/coordination', count: s.unread });
        break;
      case 'workOrders':
        todo += s.open;
        if (s.open > 0) out.push({ key: '/work-orders', count: s.open });
        break;
      default:
        break;
    }
  }
  return todo > 0 ? [{ key: '/', count: todo }, ...out] : out;
}
