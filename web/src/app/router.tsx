// Routes: the login page, the residents' mobile web under /m, and the signed-in shell with registry, compound, import,
// project, catalogue, year plan, policy rule and property company pages, and the evaluation pages
// (the district assessment, third-party evaluation, exemplary cases, a project's printable summary).
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Spin } from 'antd';
import LoginPage from '../modules/accounts/LoginPage.tsx';
import RegistryPage from '../modules/registry/RegistryPage.tsx';
import AppShell from './AppShell.tsx';
import NotFoundPage from './NotFoundPage.tsx';
import RequireAuth from './RequireAuth.tsx';

const CompoundPage = lazy(() => import('../modules/registry/CompoundPage.tsx'));
const ImportPage = lazy(() => import('../modules/registry/ImportPage.tsx'));
const ProjectsPage = lazy(() => import('../modules/projects/ProjectsPage.tsx'));
const ProjectPage = lazy(() => import('../modules/projects/ProjectPage.tsx'));
const CataloguePage = lazy(() => import('../modules/catalogue/CataloguePage.tsx'));
const YearPlanPage = lazy(() => import('../modules/yearplan/YearPlanPage.tsx'));
const PolicyRulesPage = lazy(() => import('../modules/policy/PolicyRulesPage.tsx'));
const PropertyCompaniesPage = lazy(() => import('../modules/governance/PropertyCompaniesPage.tsx'));
const CoordinationPage = lazy(() => import('../modules/coordination/CoordinationPage.tsx'));
const SchedulePage = lazy(() => import('../modules/coordination/SchedulePage.tsx'));
const AssessmentPage = lazy(() => import('../modules/evaluation/AssessmentPage.tsx'));
const EvaluationPage = lazy(() => import('../modules/evaluation/EvaluationPage.tsx'));
const ExemplaryPage = lazy(() => import('../modules/evaluation/ExemplaryPage.tsx'));
const ProjectSummaryPage = lazy(() => import('../modules/projects/ProjectSummaryPage.tsx'));
const OverviewPage = lazy(() => import('../modules/stats/OverviewPage.tsx'));
const OverviewWallPage = lazy(() => import('../modules/stats/WallPage.tsx'));
// The residents' mobile web (/m): its own frame, no officer shell.
const MobileShell = lazy(() => import('../modules/resident/MobileShell.tsx'));
const ResidentLoginPage = lazy(() => import('../modules/resident/ResidentLoginPage.tsx'));
const ResidentHomePage = lazy(() => import('../modules/resident/ResidentHomePage.tsx'));
const ResidentSurveyPage = lazy(() => import('../modules/resident/ResidentSurveyPage.tsx'));
const ResidentBallotPage = lazy(() => import('../modules/resident/ResidentBallotPage.tsx'));
const BallotCheckPage = lazy(() => import('../modules/participation/BallotCheckPage.tsx'));
const BallotNoticePage = lazy(() => import('../modules/participation/BallotNoticePage.tsx'));

function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    // A receipt's or a public notice's check: public, no sign-in (a paper voter has no account).
    path: '/verify/ballots/:id',
    element: (
      <Loading>
        <BallotCheckPage />
      </Loading>
    ),
  },
  {
    path: '/m/login',
    element: (
      <Loading>
        <ResidentLoginPage />
      </Loading>
    ),
  },
  {
    path: '/m',
    element: (
      <Loading>
        <MobileShell />
      </Loading>
    ),
    children: [
      {
        index: true,
        element: (
          <Loading>
            <ResidentHomePage />
          </Loading>
        ),
      },
      {
        path: 'surveys/:id',
        element: (
          <Loading>
            <ResidentSurveyPage />
          </Loading>
        ),
      },
      {
        path: 'ballots/:id',
        element: (
          <Loading>
            <ResidentBallotPage />
          </Loading>
        ),
      },
      { path: '*', element: <Navigate to="/m" replace /> },
    ],
  },
  {
    // The overview's wall display (大屏): full screen, outside the shell.
    path: '/overview/:division/wall',
    element: (
      <RequireAuth>
        <Loading>
          <OverviewWallPage />
        </Loading>
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/registry" replace /> },
      { path: 'registry', element: <RegistryPage /> },
      {
        path: 'overview/:division?',
        element: (
          <Loading>
            <OverviewPage />
          </Loading>
        ),
      },
      {
        path: 'compounds/:id',
        element: (
          <Loading>
            <CompoundPage />
          </Loading>
        ),
      },
      {
        path: 'import',
        element: (
          <Loading>
            <ImportPage />
          </Loading>
        ),
      },
      {
        path: 'projects',
        element: (
          <Loading>
            <ProjectsPage />
          </Loading>
        ),
      },
      {
        path: 'projects/:id',
        element: (
          <Loading>
            <ProjectPage />
          </Loading>
        ),
      },
      {
        path: 'projects/:id/summary',
        element: (
          <Loading>
            <ProjectSummaryPage />
          </Loading>
        ),
      },
      {
        path: 'assessments/:year?',
        element: (
          <Loading>
            <AssessmentPage />
          </Loading>
        ),
      },
      {
        path: 'evaluation',
        element: (
          <Loading>
            <EvaluationPage />
          </Loading>
        ),
      },
      {
        path: 'exemplary',
        element: (
          <Loading>
            <ExemplaryPage />
          </Loading>
        ),
      },
      {
        path: 'catalogue',
        element: (
          <Loading>
            <CataloguePage />
          </Loading>
        ),
      },
      {
        path: 'year-plan',
        element: (
          <Loading>
            <YearPlanPage />
          </Loading>
        ),
      },
      {
        path: 'policy-rules',
        element: (
          <Loading>
            <PolicyRulesPage />
          </Loading>
        ),
      },
      {
        path: 'property-companies',
        element: (
          <Loading>
            <PropertyCompaniesPage />
          </Loading>
        ),
      },
      {
        path: 'coordination',
        element: (
          <Loading>
            <CoordinationPage />
          </Loading>
        ),
      },
      {
        path: 'coordination/schedules/:id',
        element: (
          <Loading>
            <SchedulePage />
          </Loading>
        ),
      },
      {
        path: 'ballots/:id/notice',
        element: (
          <Loading>
            <BallotNoticePage />
          </Loading>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
