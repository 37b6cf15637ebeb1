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
        <Route path="/sign-in" element={<SignInPage />} />
        {/* The old paste-a-token page is part of the sign-in page now. */}
        <Route path="/access" element={<AccessRedirect />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Layout>
  );
}
