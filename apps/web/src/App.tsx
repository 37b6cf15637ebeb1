import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout';
import { ScrollToTop } from './components/ScrollToTop';
import { TrustListPage } from './pages/TrustListPage';
import { TrustPage } from './pages/TrustPage';
import { InterventionPage } from './pages/InterventionPage';
import { AdoptInterventionPage } from './pages/AdoptInterventionPage';
import { ProposeInterventionPage } from './pages/ProposeInterventionPage';
import { SignInPage } from './pages/SignInPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { EvidencePage } from './pages/EvidencePage';
import { ProjectionPage } from './pages/ProjectionPage';
import { OfferMentorshipPage } from './pages/OfferMentorshipPage';
import { MentorshipsPage } from './pages/MentorshipsPage';
import { LessonsPage } from './pages/LessonsPage';
import { Loading } from './components/QueryError';

// The trust workspace is for signed-in editors only: its code loads when it is opened.
const WorkspacePage = lazy(() => import('./pages/workspace/WorkspacePage'));
const TrustContextPage = lazy(() => import('./pages/workspace/TrustContextPage'));
const UploadCsvPage = lazy(() => import('./pages/workspace/UploadCsvPage'));
const RecordMonthPage = lazy(() => import('./pages/workspace/DataForms').then((m) => ({ default: m.RecordMonthPage })));
const CorrectValuePage = lazy(() => import('./pages/workspace/DataForms').then((m) => ({ default: m.CorrectValuePage })));
const RebaseSeriesPage = lazy(() => import('./pages/workspace/DataForms').then((m) => ({ default: m.RebaseSeriesPage })));
const DefineDriverDiagramPage = lazy(() => import('./pages/workspace/DriverDiagramFormPage').then((m) => ({ default: m.DefineDriverDiagramPage })));
const ReviseDriverDiagramPage = lazy(() => import('./pages/workspace/DriverDiagramFormPage').then((m) => ({ default: m.ReviseDriverDiagramPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>;
}

function AccessRedirect() {
  const { search } = useLocation();
  return <Navigate to={`/sign-in${search}`} replace />;
}

export function App() {
  return (
    <Layout>
      <ScrollToTop />
      <Routes>
        <Route path="/" element={<TrustListPage />} />
        <Route path="/trusts/:code" element={<TrustPage />} />
        <Route path="/interventions/new" element={<ProposeInterventionPage />} />
        <Route path="/interventions/:id" element={<InterventionPage />} />
        <Route path="/interventions/:id/adopt" element={<AdoptInterventionPage />} />
        <Route path="/evidence" element={<EvidencePage />} />
        <Route path="/projection" element={<ProjectionPage />} />
        <Route path="/lessons" element={<LessonsPage />} />
        <Route path="/mentorships/offer" element={<OfferMentorshipPage />} />
        <Route path="/mentorships" element={<MentorshipsPage />} />
        <Route
          path="/workspace"
          element={
            <Lazy>
              <WorkspacePage />
            </Lazy>
          }
        />
        <Route
          path="/workspace/record"
          element={
            <Lazy>
              <RecordMonthPage />
            </Lazy>
          }
        />
        <Route
          path="/workspace/correct"
          element={
            <Lazy>
              <CorrectValuePage />
            </Lazy>
          }
        />
        <Route
          path="/workspace/driver-diagrams/new"
          element={
            <Lazy>
              <DefineDriverDiagramPage />
            </Lazy>
          }
        />
        <Route
          path="/workspace/driver-diagrams/:id/revise"
          element={
            <Lazy>
              <ReviseDriverDiagramPage />
            </Lazy>
          }
        />
        <Route
          path="/workspace/rebase"
          element={
            <Lazy>
              <RebaseSeriesPage />
            </Lazy>
          }
        />
        <Route
          path="/workspace/upload"
          element={
            <Lazy>
              <UploadCsvPage />
            </Lazy>
          }
        />
        <Route
          path="/workspace/context"
          element={
            <Lazy>
              <TrustContextPage />
            </Lazy>
          }
        />
        <Route path="/sign-in" element={<SignInPage />} />
        {/* The old paste-a-token page is part of the sign-in page now. */}
        <Route path="/access" element={<AccessRedirect />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
