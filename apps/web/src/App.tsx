import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { ScrollToTop } from './components/ScrollToTop';
import { Loading } from './components/QueryError';
import { ROUTES, type RouteName } from './routes';
import { TrustListPage } from './pages/TrustListPage';
import { NotFoundPage } from './pages/NotFoundPage';

/**
 * A page whose code loads when it is first opened (its own chunk). Only the home page (the
 * trust list) and the not-found page, which other pages show too, are in the first download.
 */
function lazyPage(load: () => Promise<ComponentType>): ReactElement {
  const Page = lazy(() => load().then((component) => ({ default: component })));
  return (
    <Suspense fallback={<Loading what="the page" />}>
      <Page />
    </Suspense>
  );
}

function AccessRedirect() {
  const { search } = useLocation();
  return <Navigate to={`/sign-in${search}`} replace />;
}

/** Each route's page (one line each; the route's path is in routes.ts). */
const PAGES: Record<RouteName, ReactElement> = {
  trustList: <TrustListPage />,
  trust: lazyPage(() => import('./pages/TrustPage').then((m) => m.TrustPage)),
  proposeIntervention: lazyPage(() => import('./pages/ProposeInterventionPage').then((m) => m.ProposeInterventionPage)),
  intervention: lazyPage(() => import('./pages/InterventionPage').then((m) => m.InterventionPage)),
  adoptIntervention: lazyPage(() => import('./pages/AdoptInterventionPage').then((m) => m.AdoptInterventionPage)),
  evidence: lazyPage(() => import('./pages/EvidencePage').then((m) => m.EvidencePage)),
  projection: lazyPage(() => import('./pages/ProjectionPage').then((m) => m.ProjectionPage)),
  lessons: lazyPage(() => import('./pages/LessonsPage').then((m) => m.LessonsPage)),
  programmes: lazyPage(() => import('./pages/programmes/ProgrammesPage').then((m) => m.ProgrammesPage)),
  createProgramme: lazyPage(() => import('./pages/programmes/CreateProgrammePage').then((m) => m.CreateProgrammePage)),
  programme: lazyPage(() => import('./pages/programmes/ProgrammePage').then((m) => m.ProgrammePage)),
  offerMentorship: lazyPage(() => import('./pages/OfferMentorshipPage').then((m) => m.OfferMentorshipPage)),
  mentorships: lazyPage(() => import('./pages/MentorshipsPage').then((m) => m.MentorshipsPage)),
  workspace: lazyPage(() => import('./pages/workspace/WorkspacePage').then((m) => m.default)),
  recordMonth: lazyPage(() => import('./pages/workspace/DataForms').then((m) => m.RecordMonthPage)),
  correctValue: lazyPage(() => import('./pages/workspace/DataForms').then((m) => m.CorrectValuePage)),
  rebaseSeries: lazyPage(() => import('./pages/workspace/DataForms').then((m) => m.RebaseSeriesPage)),
  uploadCsv: lazyPage(() => import('./pages/workspace/UploadCsvPage').then((m) => m.default)),
  trustContext: lazyPage(() => import('./pages/workspace/TrustContextPage').then((m) => m.default)),
  defineDriverDiagram: lazyPage(() => import('./pages/workspace/DriverDiagramFormPage').then((m) => m.DefineDriverDiagramPage)),
  reviseDriverDiagram: lazyPage(() => import('./pages/workspace/DriverDiagramFormPage').then((m) => m.ReviseDriverDiagramPage)),
  signIn: lazyPage(() => import('./pages/SignInPage').then((m) => m.SignInPage)),
  access: <AccessRedirect />,
};

const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

export function App() {
  return (
    <Layout>
      <ScrollToTop />
      <Routes>
        {ROUTE_NAMES.map((name) => (
          <Route key={name} path={ROUTES[name]} element={PAGES[name]} />
        ))}
        {/* Any other address: the server answers it with HTTP 404 and this page. */}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
